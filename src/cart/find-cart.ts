import { asc, eq } from 'drizzle-orm';
import type { Product } from '../catalog/tables.ts';
import { productColumns, products } from '../catalog/tables.ts';
import type { Db, Tx } from '../db/client.ts';
import { hashToken } from '../lib/ids.ts';
import { cartItems, carts } from './tables.ts';

/** Whose cart: a signed-in member's, or a guest's identified by the visitor cookie. */
export type CartOwner = { memberId: string } | { visitorId: string };

export interface CartLine {
  product: Product;
  quantity: number;
}

function ownerColumn(owner: CartOwner) {
  return 'memberId' in owner
    ? eq(carts.memberId, owner.memberId)
    : eq(carts.visitorHash, hashToken(owner.visitorId));
}

/** The owner's cart id, or null when they have none yet. */
export async function findCartId(db: Db | Tx, owner: CartOwner): Promise<string | null> {
  const [row] = await db.select({ id: carts.id }).from(carts).where(ownerColumn(owner));
  return row?.id ?? null;
}

/** The owner's cart id, created on first use (concurrent first uses agree on one cart). */
export async function ensureCartId(db: Db | Tx, owner: CartOwner): Promise<string> {
  const values =
    'memberId' in owner
      ? { memberId: owner.memberId }
      : { visitorHash: hashToken(owner.visitorId) };
  await db.insert(carts).values(values).onConflictDoNothing();
  const id = await findCartId(db, owner);
  if (!id) throw new Error('cart could not be created');
  return id;
}

/** The lines of a cart with their current products, oldest first. */
export async function loadCartLines(db: Db | Tx, cartId: string): Promise<CartLine[]> {
  const rows = await db
    .select({ product: productColumns, quantity: cartItems.quantity })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.addedAt), asc(products.sku));
  return rows;
}

/** The owner's cart lines, empty when they have no cart. */
export async function viewCart(
  db: Db,
  owner: CartOwner,
): Promise<{ cartId: string | null; lines: CartLine[] }> {
  const cartId = await findCartId(db, owner);
  return { cartId, lines: cartId ? await loadCartLines(db, cartId) : [] };
}
