import { and, eq, sql } from 'drizzle-orm';
import { productColumns, products } from '../catalog/tables.ts';
import type { Db } from '../db/client.ts';
import { type CartOwner, ensureCartId } from './find-cart.ts';
import { checkPurchase, type PurchaseProblem } from './purchase-rules.ts';
import { cartItems, carts } from './tables.ts';

export const MAX_LINE_QUANTITY = 99;

export type CartChangeResult =
  | { ok: true; quantity: number }
  | { ok: false; problem: PurchaseProblem | { code: 'unknown_product' }; title?: string };

/** Adds `quantity` of a product to the owner's cart, or sets it exactly when `mode` is 'set' (0 removes). */
export async function changeCartItem(
  db: Db,
  owner: CartOwner,
  input: { productId: string; quantity: number; mode: 'add' | 'set'; isMember: boolean; now: Date },
): Promise<CartChangeResult> {
  const [product] = await db
    .select(productColumns)
    .from(products)
    .where(eq(products.id, input.productId));
  if (!product) return { ok: false, problem: { code: 'unknown_product' } };
  return db.transaction(async (tx) => {
    const cartId = await ensureCartId(tx, owner);
    const [existing] = await tx
      .select({ quantity: cartItems.quantity })
      .from(cartItems)
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, product.id)))
      .for('update');
    const quantity =
      input.mode === 'add' ? (existing?.quantity ?? 0) + input.quantity : input.quantity;
    if (quantity <= 0) {
      await tx
        .delete(cartItems)
        .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, product.id)));
      return { ok: true as const, quantity: 0 };
    }
    const problem = checkPurchase(
      product,
      Math.min(quantity, MAX_LINE_QUANTITY),
      { isMember: input.isMember },
      input.now,
    );
    if (problem) return { ok: false as const, problem, title: product.titleEn };
    const capped = Math.min(quantity, MAX_LINE_QUANTITY);
    await tx
      .insert(cartItems)
      .values({ cartId, productId: product.id, quantity: capped })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.productId],
        set: { quantity: capped },
      });
    await tx.update(carts).set({ updatedAt: sql`now()` }).where(eq(carts.id, cartId));
    return { ok: true as const, quantity: capped };
  });
}
