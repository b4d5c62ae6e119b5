import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../staff/tables.ts';

export const members = pgTable('members', {
  id: uuid('id').primaryKey().defaultRandom(),
  memberCode: text('member_code').notNull(),
  email: text('email').notNull(),
  passwordHash: text('password_hash').notNull(),
  name: text('name').notNull().default(''),
  locale: text('locale', { enum: ['en', 'ja'] })
    .notNull()
    .default('en'),
  /** Null until the member enters the code mailed at registration; unverified accounts cannot sign in. */
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  newsletterOptIn: boolean('newsletter_opt_in').notNull().default(false),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Both customers' and staff's sessions; only a hash of the cookie value is stored. */
export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  memberId: uuid('member_id').references(() => members.id, { onDelete: 'cascade' }),
  staffId: uuid('staff_id').references(() => staff.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export type Member = typeof members.$inferSelect;
