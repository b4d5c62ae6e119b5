import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orders } from '../orders/tables.ts';

/** A checkout paused while the customer answers a 3-D Secure challenge; holds no card data. */
export const checkouts = pgTable('checkouts', {
  id: uuid('id').primaryKey().defaultRandom(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  request: jsonb('request').notNull(),
  paymentRef: text('payment_ref').notNull(),
  amountJpy: integer('amount_jpy').notNull(),
  state: text('state', { enum: ['awaiting_challenge', 'completed', 'abandoned'] })
    .notNull()
    .default('awaiting_challenge'),
  orderId: uuid('order_id').references(() => orders.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
