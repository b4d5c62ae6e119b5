import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orders } from '../orders/tables.ts';

/** How a checkout pays: a card (3-D Secure may pause it) or PayPal (always pauses for approval). */
export const checkoutMethods = ['card', 'paypal'] as const;
export type CheckoutMethod = (typeof checkoutMethods)[number];

/**
 * A checkout paused while the customer is away: at a 3-D Secure challenge (card) or at PayPal's
 * approval page (paypal, 0019). Holds no card data.
 */
export const checkouts = pgTable('checkouts', {
  id: uuid('id').primaryKey().defaultRandom(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  request: jsonb('request').notNull(),
  method: text('method', { enum: checkoutMethods }).notNull().default('card'),
  /** The card authorisation (card checkouts only). */
  paymentRef: text('payment_ref'),
  /** The PayPal order the customer approves; PayPal sends it back as `token` (paypal checkouts only). */
  paypalOrderId: text('paypal_order_id').unique(),
  amountJpy: integer('amount_jpy').notNull(),
  /**
   * awaiting_challenge (card) or awaiting_approval (paypal) while the customer is away; capturing
   * while one return captures the PayPal payment (claimedAt); then completed or abandoned.
   */
  state: text('state', {
    enum: ['awaiting_challenge', 'awaiting_approval', 'capturing', 'completed', 'abandoned'],
  })
    .notNull()
    .default('awaiting_challenge'),
  /** When a return last claimed it to capture; never cleared, so it also says a capture was tried. */
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  orderId: uuid('order_id').references(() => orders.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
