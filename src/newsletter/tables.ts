import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const newsletterStates = ['draft', 'sending', 'sent'] as const;
export type NewsletterState = (typeof newsletterStates)[number];

/**
 * A newsletter staff wrote in both languages. Drafts can be edited; sending moves it to 'sent'
 * in the same transaction that queues its mails, so it can only ever be sent once.
 */
export const newsletters = pgTable('newsletters', {
  id: uuid('id').primaryKey().defaultRandom(),
  subjectEn: text('subject_en').notNull(),
  subjectJa: text('subject_ja').notNull(),
  bodyEn: text('body_en').notNull(),
  bodyJa: text('body_ja').notNull(),
  state: text('state', { enum: newsletterStates }).notNull().default('draft'),
  createdBy: text('created_by').notNull(),
  sentBy: text('sent_by'),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  recipientCount: integer('recipient_count').notNull().default(0),
  /** The throttle it was sent with, and when its last mail becomes due. */
  perMinute: integer('per_minute'),
  lastDueAt: timestamp('last_due_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Newsletter = typeof newsletters.$inferSelect;
