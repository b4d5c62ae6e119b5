import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { members } from '../accounts/tables.ts';
import { orders } from '../orders/tables.ts';
import type { MailTopic } from './payloads.ts';

export const mailStates = [
  'queued',
  'sending',
  'sent',
  'deferred',
  'bounced',
  'complained',
  'suppressed',
  'failed',
] as const;
export type MailState = (typeof mailStates)[number];

/**
 * One message to one recipient: written in the same transaction as the change that causes it
 * (the outbox), then claimed, rendered once, sent and tracked by the worker.
 */
export const outboxMessages = pgTable('outbox_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  topic: text('topic').$type<MailTopic>().notNull(),
  orderId: uuid('order_id').references(() => orders.id, { onDelete: 'cascade' }),
  memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
  stream: text('stream', { enum: ['transactional', 'broadcast'] })
    .notNull()
    .default('transactional'),
  recipient: text('recipient').notNull(),
  locale: text('locale', { enum: ['en', 'ja'] }).notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  state: text('state', { enum: mailStates }).notNull().default('queued'),
  subject: text('subject'),
  /** The exact bytes sent on the first attempt; retries send them again (same Message-ID). */
  rawSource: text('raw_source'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastError: text('last_error'),
  resendOf: uuid('resend_of').references((): AnyPgColumn => outboxMessages.id, {
    onDelete: 'set null',
  }),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  smtpResponse: text('smtp_response'),
  smtpHost: text('smtp_host'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const mailEventTypes = [
  'queued',
  'sent',
  'deferred',
  'bounced',
  'complained',
  'suppressed',
  'failed',
] as const;
export type MailEventType = (typeof mailEventTypes)[number];

export const mailEvents = pgTable('mail_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  messageId: uuid('message_id')
    .notNull()
    .references(() => outboxMessages.id, { onDelete: 'cascade' }),
  type: text('type', { enum: mailEventTypes }).notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const suppressionReasons = ['hard_bounce', 'complaint', 'soft_bounces', 'manual'] as const;

/** Addresses we no longer send to; stored lower-case. */
export const suppressions = pgTable('suppressions', {
  email: text('email').primaryKey(),
  reason: text('reason', { enum: suppressionReasons }).notNull(),
  source: text('source').notNull(),
  detail: text('detail').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What the embedded mail catcher received over SMTP, for /admin/mailbox. */
export const caughtMails = pgTable('caught_mails', {
  id: uuid('id').primaryKey().defaultRandom(),
  envelopeFrom: text('envelope_from').notNull(),
  envelopeTo: text('envelope_to').array().notNull().default(sql`'{}'::text[]`),
  subject: text('subject').notNull().default(''),
  headerFrom: text('header_from').notNull().default(''),
  headerTo: text('header_to').notNull().default(''),
  messageId: text('message_id'),
  raw: text('raw').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type MailEvent = typeof mailEvents.$inferSelect;
export type CaughtMail = typeof caughtMails.$inferSelect;
