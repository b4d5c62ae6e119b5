import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ensureCartId, findCartId } from './find-cart.ts';
import { cartItems, carts } from './tables.ts';

/** Moves a guest's cart into the member's cart on sign-in; quantities of the same product add up. */
export async function mergeCarts(db: Db, visitorId: string, memberId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const guestCartId = await findCartId(tx, { visitorId });
    if (!guestCartId) return;
    const memberCartId = await ensureCartId(tx, { memberId });
    await tx.execute(sql`
      insert into cart_items (cart_id, product_id, quantity, added_at)
      select ${memberCartId}, product_id, quantity, added_at from cart_items where cart_id = ${guestCartId}
      on conflict (cart_id, product_id)
      do update set quantity = least(cart_items.quantity + excluded.quantity, 99)`);
    await tx.delete(cartItems).where(eq(cartItems.cartId, guestCartId));
    await tx.delete(carts).where(eq(carts.id, guestCartId));
  });
}
