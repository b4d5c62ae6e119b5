import { boolean, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** "Was your problem solved?": one answer per visitor per article; answering again overwrites. */
export const guideFeedback = pgTable(
  'guide_feedback',
  {
    articleSlug: text('article_slug').notNull(),
    visitorId: text('visitor_id').notNull(),
    memberId: uuid('member_id'),
    helpful: boolean('helpful').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleSlug, t.visitorId] })],
);
