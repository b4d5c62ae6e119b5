import { availabilityOf, canBuy } from '../catalog/availability.ts';
import type { Product } from '../catalog/tables.ts';

/** Why a quantity of a product cannot be bought; shown to the customer with the product title. */
export type PurchaseProblem =
  | { code: 'sold_out' }
  | { code: 'not_for_sale' }
  | { code: 'member_only' }
  | { code: 'not_enough_stock'; available: number }
  | { code: 'over_limit'; limit: number };

/** Checks one cart line against stock, status, membership and the per-customer limit. */
export function checkPurchase(
  product: Product,
  quantity: number,
  buyer: { isMember: boolean; alreadyBought?: number },
  now: Date,
): PurchaseProblem | null {
  const availability = availabilityOf(product, now);
  if (availability === 'sold_out') return { code: 'sold_out' };
  if (!canBuy(availability)) return { code: 'not_for_sale' };
  if (product.memberOnly && !buyer.isMember) return { code: 'member_only' };
  if (
    product.purchaseLimit !== null &&
    quantity + (buyer.alreadyBought ?? 0) > product.purchaseLimit
  ) {
    return { code: 'over_limit', limit: product.purchaseLimit };
  }
  if (quantity > product.stock) return { code: 'not_enough_stock', available: product.stock };
  return null;
}
