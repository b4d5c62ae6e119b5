import { bigserial, boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/tables.ts';
import { products } from '../catalog/tables.ts';
import type { CardBrand } from '../payments/cards.ts';
import type { PaymentProviderCode } from '../payments/provider.ts';
import type { ShippingMethodCode } from '../shipping/rates.ts';

export const orderStates = [
  'placed',
  'payment_authorised',
  'preparing',
  'shipped',
  'delivered',
  'cancelled',
] as const;
export type OrderState = (typeof orderStates)[number];

/** What an order_events row records besides an order state it reached. */
export const orderEventNames = [
  'contact_email_changed',
  'address_changed',
  'payment_captured',
  'capture_failed',
  'card_changed',
] as const;
/** order_events.state: the order state reached, or the name of what happened. */
export type OrderEventState = OrderState | (typeof orderEventNames)[number];

/**
 * Where the payment stands; capture_failed waits for the customer to enter another card, waiting
 * is a PayPal capture PayPal still reviews (the money is not ours yet), refund_pending waits for
 * the provider to confirm a refund, partially_refunded keeps the rest.
 */
export const paymentStates = [
  'authorised',
  'waiting',
  'capture_pending',
  'captured',
  'capture_failed',
  'void_pending',
  'voided',
  'refund_pending',
  'partially_refunded',
  'refunded',
] as const;
export type PaymentState = (typeof paymentStates)[number];

export const orders = pgTable('orders', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  /** The cart it was placed from: its Idempotency-Key replays it to that cart only (0017). */
  cartId: uuid('cart_id'),
  memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
  contactEmail: text('contact_email').notNull(),
  /** The guest link's version: bumped when the contact email moves, so older links stop working. */
  accessEpoch: integer('access_epoch').notNull().default(0),
  locale: text('locale', { enum: ['en', 'ja'] }).notNull(),
  state: text('state', { enum: orderStates }).notNull(),
  subtotalJpy: integer('subtotal_jpy').notNull(),
  shippingFeeJpy: integer('shipping_fee_jpy').notNull(),
  /** Gift wrapping for the whole order, and its fee (part of totalJpy). */
  giftWrap: boolean('gift_wrap').notNull().default(false),
  giftWrapJpy: integer('gift_wrap_jpy').notNull().default(0),
  /** The printed message card's text, as the customer typed it; null when none. */
  messageCard: text('message_card'),
  totalJpy: integer('total_jpy').notNull(),
  /** What the card is charged: totalJpy less what points pay (equal to it today; 0018). */
  chargeJpy: integer('charge_jpy').notNull(),
  /** What the card network took; refunds never exceed it. */
  capturedJpy: integer('captured_jpy').notNull().default(0),
  shippingMethod: text('shipping_method').$type<ShippingMethodCode>().notNull(),
  shipName: text('ship_name').notNull(),
  shipLine1: text('ship_line1').notNull(),
  shipLine2: text('ship_line2').notNull().default(''),
  shipCity: text('ship_city').notNull(),
  shipRegion: text('ship_region').notNull().default(''),
  shipPostalCode: text('ship_postal_code').notNull(),
  shipCountry: text('ship_country').notNull(),
  shipPhone: text('ship_phone').notNull(),
  paymentProvider: text('payment_provider').$type<PaymentProviderCode>().notNull(),
  paymentRef: text('payment_ref').notNull(),
  paymentState: text('payment_state', { enum: paymentStates }).notNull(),
  /** When a worker or staff action started capturing (capture_pending); see payments/capture-order-payment.ts. */
  captureClaimedAt: timestamp('capture_claimed_at', { withTimezone: true }),
  /** After a failed capture: the end of the customer's window to enter another card. */
  paymentFixDueAt: timestamp('payment_fix_due_at', { withTimezone: true }),
  /** A new card's authorisation waiting for its 3-D Secure challenge. */
  paymentFixRef: text('payment_fix_ref'),
  /** Card payments only; a PayPal order has neither, and its paymentRef is PayPal's capture id. */
  cardBrand: text('card_brand').$type<CardBrand>(),
  cardLast4: text('card_last4'),
  /** The shipping method it went out with (a staff choice when shipping). */
  carrier: text('carrier').$type<ShippingMethodCode>(),
  trackingNumber: text('tracking_number'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const orderLines = pgTable('order_lines', {
  id: uuid('id').primaryKey().defaultRandom(),
  orderId: uuid('order_id')
    .notNull()
    .references(() => orders.id, { onDelete: 'cascade' }),
  productId: uuid('product_id')
    .notNull()
    .references(() => products.id),
  sku: text('sku').notNull(),
  titleEn: text('title_en').notNull(),
  titleJa: text('title_ja').notNull(),
  kind: text('kind').notNull(),
  unitPriceJpy: integer('unit_price_jpy').notNull(),
  quantity: integer('quantity').notNull(),
  isPreorder: boolean('is_preorder').notNull().default(false),
  releaseMonth: text('release_month'),
  preorderClosesAt: timestamp('preorder_closes_at', { withTimezone: true }),
});

export const orderEvents = pgTable('order_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orderId: uuid('order_id')
    .notNull()
    .references(() => orders.id, { onDelete: 'cascade' }),
  state: text('state').$type<OrderEventState>().notNull(),
  note: text('note').notNull().default(''),
  actor: text('actor').notNull().default('system'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
export type OrderEvent = typeof orderEvents.$inferSelect;
