import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/tables.ts';
import { products } from '../catalog/tables.ts';

/** A guest cart is found by a hash of the visitor cookie, a member's by member id. */
export const carts = pgTable('carts', {
  id: uuid('id').primaryKey().defaultRandom(),
  visitorHash: text('visitor_hash').unique(),
  memberId: uuid('member_id')
    .unique()
    .references(() => members.id, { onDelete: 'cascade' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const cartItems = pgTable(
  'cart_items',
  {
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer('quantity').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cartId, t.productId] })],
);
