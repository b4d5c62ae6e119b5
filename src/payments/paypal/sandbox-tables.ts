import { integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/*
 * The sandbox PayPal's own ledger (0020): it stands in for PayPal's side of the world, as
 * sandbox_payments does for the card network, and is never the shop's record of a payment.
 */

export type SandboxPaypalOrderStatus = 'PAYER_ACTION_REQUIRED' | 'APPROVED' | 'COMPLETED';
export type SandboxPaypalCaptureStatus =
  | 'COMPLETED'
  | 'PENDING'
  | 'DECLINED'
  | 'PARTIALLY_REFUNDED'
  | 'REFUNDED';

/** One PayPal order (intent CAPTURE) and its one capture, as PayPal allows only one. */
export const sandboxPaypalOrders = pgTable('sandbox_paypal_orders', {
  id: text('id').primaryKey(),
  createRequestId: text('create_request_id').notNull().unique(),
  status: text('status').$type<SandboxPaypalOrderStatus>().notNull(),
  amountJpy: integer('amount_jpy').notNull(),
  customId: text('custom_id').notNull(),
  invoiceId: text('invoice_id'),
  returnUrl: text('return_url').notNull(),
  cancelUrl: text('cancel_url').notNull(),
  payerId: text('payer_id'),
  /** The buyer's choice on the approval page for the next capture; null: a plain COMPLETED one. */
  nextCapture: text('next_capture').$type<'PENDING' | 'INSTRUMENT_DECLINED'>(),
  captureId: text('capture_id').unique(),
  captureRequestId: text('capture_request_id'),
  captureStatus: text('capture_status').$type<SandboxPaypalCaptureStatus>(),
  capturedJpy: integer('captured_jpy').notNull().default(0),
  refundedJpy: integer('refunded_jpy').notNull().default(0),
  capturedAt: timestamp('captured_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type SandboxPaypalOrder = typeof sandboxPaypalOrders.$inferSelect;

/** Each refund of a capture, once per PayPal-Request-Id. */
export const sandboxPaypalRefunds = pgTable(
  'sandbox_paypal_refunds',
  {
    id: text('id').primaryKey(),
    captureId: text('capture_id')
      .notNull()
      .references(() => sandboxPaypalOrders.captureId),
    requestId: text('request_id').notNull(),
    amountJpy: integer('amount_jpy').notNull(),
    noteToPayer: text('note_to_payer'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.captureId, t.requestId)],
);
