import { asc, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type Product, productColumns, products } from './tables.ts';

/** Every product for staff, ended and member-only included; `q` matches SKU or either title. */
export function searchProducts(
  db: Db,
  search: { q?: string | undefined; limit: number; offset: number },
): Promise<Product[]> {
  const q = search.q?.trim();
  // % and _ typed by staff are literal characters, not wildcards.
  const pattern = q ? `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  return db
    .select(productColumns)
    .from(products)
    .where(
      pattern
        ? or(
            ilike(products.sku, pattern),
            ilike(products.titleEn, pattern),
            ilike(products.titleJa, pattern),
          )
        : sql`true`,
    )
    .orderBy(asc(products.sku))
    .limit(search.limit)
    .offset(search.offset);
}
