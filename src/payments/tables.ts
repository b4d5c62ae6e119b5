import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { CardBrand } from './cards.ts';

/** The sandbox card network's own ledger; stands in for the outside world, not for our records. */
export const sandboxPayments = pgTable('sandbox_payments', {
  ref: text('ref').primaryKey(),
  amountJpy: integer('amount_jpy').notNull(),
  capturedJpy: integer('captured_jpy').notNull().default(0),
  refundedJpy: integer('refunded_jpy').notNull().default(0),
  brand: text('brand').$type<CardBrand>().notNull(),
  last4: text('last4').notNull(),
  status: text('status', {
    enum: ['challenge_required', 'authorised', 'declined', 'captured', 'voided', 'refunded'],
  }).notNull(),
  challengeToken: text('challenge_token'),
  /** Authorised with the test card that fails at capture. */
  failsCapture: boolean('fails_capture').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
