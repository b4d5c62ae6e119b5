import { customType, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const inquiryCategories = [
  'order',
  'missing_email',
  'contact_email',
  'shipping',
  'payment',
  'returns',
  'member_id',
  'other',
] as const;
export type InquiryCategory = (typeof inquiryCategories)[number];

export const inquiryStates = ['open', 'waiting', 'closed'] as const;
export type InquiryState = (typeof inquiryStates)[number];

/** node-postgres hands back a Buffer and PGlite a Uint8Array; both become a Buffer here. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** One customer question, from the /inquiry form; its number threads every mail about it. */
export const inquiries = pgTable('inquiries', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  category: text('category', { enum: inquiryCategories }).notNull(),
  state: text('state', { enum: inquiryStates }).notNull().default('open'),
  name: text('name').notNull(),
  email: text('email').notNull(),
  locale: text('locale', { enum: ['en', 'ja'] }).notNull(),
  memberId: uuid('member_id'),
  orderId: uuid('order_id'),
  newEmail: text('new_email'),
  guideSlug: text('guide_slug'),
  assigneeId: uuid('assignee_id'),
  appliedAt: timestamp('applied_at', { withTimezone: true }),
  appliedBy: text('applied_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Inquiry = typeof inquiries.$inferSelect;

/** The thread of an inquiry: what the customer wrote, staff replies, and staff actions. */
export const inquiryMessages = pgTable('inquiry_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  inquiryId: uuid('inquiry_id').notNull(),
  kind: text('kind', { enum: ['customer', 'staff', 'event'] }).notNull(),
  source: text('source', { enum: ['form', 'mail', 'admin'] }).notNull(),
  author: text('author').notNull(),
  body: text('body').notNull(),
  outboxMessageId: uuid('outbox_message_id'),
  /** The one-time token of the staff reply form that wrote this row (a resent form finds it). */
  formNonce: text('form_nonce'),
  /** The Message-ID of the mail that wrote this row; the same mail delivered again is skipped. */
  mailMessageId: text('mail_message_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type InquiryMessage = typeof inquiryMessages.$inferSelect;

export const photoTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type PhotoType = (typeof photoTypes)[number];

/** Photos attached to a defect report, kept in the database so any web process can serve them. */
export const inquiryPhotos = pgTable('inquiry_photos', {
  id: uuid('id').primaryKey().defaultRandom(),
  inquiryId: uuid('inquiry_id').notNull(),
  contentType: text('content_type', { enum: photoTypes }).notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  data: bytea('data').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type InquiryPhoto = typeof inquiryPhotos.$inferSelect;
