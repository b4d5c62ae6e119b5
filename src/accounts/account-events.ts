import { bigserial, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client.ts';
import { members } from './tables.ts';

export const accountEventTypes = [
  'registered',
  /** Someone tried to register a new member ID with this member's address (they were mailed). */
  'registration_attempted',
  'email_verified',
  'signed_in',
  'sign_in_failed',
  'signed_out',
  'password_reset_requested',
  'password_reset',
  'password_changed',
  'email_change_requested',
  'email_changed',
  'lookup_requested',
  'profile_changed',
  'newsletter_changed',
  'membership_cancelled',
] as const;
export type AccountEventType = (typeof accountEventTypes)[number];

/** What happened to an account, for staff: never passwords or codes. */
export const accountEvents = pgTable('account_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
  type: text('type', { enum: accountEventTypes }).notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  clientAddress: text('client_address'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/** Appends an account event, inside the caller's transaction when given one. */
export async function recordAccountEvent(
  db: Db | Tx,
  event: {
    memberId: string | null;
    type: AccountEventType;
    detail?: Record<string, unknown>;
    clientAddress?: string | null;
    now: Date;
  },
): Promise<void> {
  await db.insert(accountEvents).values({
    memberId: event.memberId,
    type: event.type,
    detail: event.detail ?? {},
    clientAddress: event.clientAddress ?? null,
    at: event.now,
  });
}
