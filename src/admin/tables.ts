import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const staffRoles = ['admin', 'support', 'fulfilment', 'catalog'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staff = pgTable('staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  role: text('role', { enum: staffRoles }).notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Staff = typeof staff.$inferSelect;
