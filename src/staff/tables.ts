import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const staffRoles = ['admin', 'support', 'fulfilment', 'catalog'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staff = pgTable('staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  role: text('role', { enum: staffRoles }).notNull(),
  passwordHash: text('password_hash').notNull(),
  /** Wrong passwords in a row; reaching STAFF_LOCK_AFTER_FAILURES locks the account. */
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  /** Set when the account locked; only an unlock (`staff unlock`) clears it. */
  lockedAt: timestamp('locked_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Staff = typeof staff.$inferSelect;
