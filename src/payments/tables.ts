import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orders } from '../orders/tables.ts';
import type { CardBrand } from './cards.ts';

/** Where one refund stands: recorded with its order change, then confirmed by the card network. */
export const refundStates = ['pending', 'refunded'] as const;
export type RefundState = (typeof refundStates)[number];

/**
 * The shop's record of every refund (staff and customers see each one). One row per idempotency
 * key, so a retry never refunds twice; written in the transaction of the order change causing it.
 */
export const paymentRefunds = pgTable('payment_refunds', {
  id: uuid('id').primaryKey().defaultRandom(),
  orderId: uuid('order_id')
    .notNull()
    .references(() => orders.id, { onDelete: 'cascade' }),
  /** The captured payment the money goes back to. */
  paymentRef: text('payment_ref').notNull(),
  amountJpy: integer('amount_jpy').notNull(),
  reason: text('reason').notNull(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  /** The card network's reference for this refund, once it confirmed. */
  providerRefundRef: text('provider_refund_ref'),
  state: text('state', { enum: refundStates }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  refundedAt: timestamp('refunded_at', { withTimezone: true }),
});

export type PaymentRefund = typeof paymentRefunds.$inferSelect;

/** The sandbox card network's own ledger; stands in for the outside world, not for our records. */
export const sandboxPayments = pgTable('sandbox_payments', {
  ref: text('ref').primaryKey(),
  amountJpy: integer('amount_jpy').notNull(),
  /** At most amountJpy: a capture may take less than was authorised. */
  capturedJpy: integer('captured_jpy').notNull().default(0),
  /** The sum of its sandbox_refunds, never more than capturedJpy (a check constraint). */
  refundedJpy: integer('refunded_jpy').notNull().default(0),
  brand: text('brand').$type<CardBrand>().notNull(),
  last4: text('last4').notNull(),
  /** captured until every yen captured is refunded, then refunded. */
  status: text('status', {
    enum: ['challenge_required', 'authorised', 'declined', 'captured', 'voided', 'refunded'],
  }).notNull(),
  challengeToken: text('challenge_token'),
  /** Authorised with the test card that fails at capture. */
  failsCapture: boolean('fails_capture').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The sandbox's refunds of a payment, one per idempotency key. */
export const sandboxRefunds = pgTable('sandbox_refunds', {
  ref: text('ref').primaryKey(),
  paymentRef: text('payment_ref')
    .notNull()
    .references(() => sandboxPayments.ref),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  amountJpy: integer('amount_jpy').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
