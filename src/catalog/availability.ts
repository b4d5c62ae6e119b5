import type { Product } from './tables.ts';

export type Availability =
  | 'on_sale'
  | 'low_stock'
  | 'preorder_open'
  | 'preorder_not_open'
  | 'preorder_closed'
  | 'sold_out'
  | 'ended';

const LOW_STOCK = 5;

/** What a customer can do with a product right now. */
export function availabilityOf(p: Product, now: Date): Availability {
  if (p.status === 'ended') return 'ended';
  if (p.status === 'sold_out' || p.stock <= 0) return 'sold_out';
  if (p.status === 'preorder') {
    if (p.preorderOpensAt && now < p.preorderOpensAt) return 'preorder_not_open';
    if (p.preorderClosesAt && now >= p.preorderClosesAt) return 'preorder_closed';
    return 'preorder_open';
  }
  return p.stock <= LOW_STOCK ? 'low_stock' : 'on_sale';
}

export function canBuy(a: Availability): boolean {
  return a === 'on_sale' || a === 'low_stock' || a === 'preorder_open';
}
