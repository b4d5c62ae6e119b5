import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { searchQuery } from './search-text.ts';
import { type Product, products } from './tables.ts';

export interface ProductFilter {
  category?: string | undefined;
  q?: string | undefined;
  /** Fan-club goods are listed only to signed-in members. */
  includeMemberOnly: boolean;
  limit?: number;
  offset?: number;
}

/** Products for a listing or a search, newest first or best match first. */
export async function listProducts(db: Db, filter: ProductFilter): Promise<Product[]> {
  const where: SQL[] = [sql`${products.status} <> 'ended'`];
  if (!filter.includeMemberOnly) where.push(eq(products.memberOnly, false));
  if (filter.category) where.push(eq(products.category, filter.category));
  const query = filter.q ? searchQuery(filter.q) : null;
  if (filter.q && !query) return [];
  if (query) where.push(sql`${products.searchDocument} @@ to_tsquery('simple', ${query})`);
  const order = query
    ? [
        sql`ts_rank(${products.searchDocument}, to_tsquery('simple', ${query})) desc`,
        desc(products.createdAt),
      ]
    : [desc(products.createdAt), products.sku];
  return db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(...order)
    .limit(filter.limit ?? 48)
    .offset(filter.offset ?? 0);
}

export async function findProductBySlug(db: Db, slug: string): Promise<Product | null> {
  const [row] = await db.select().from(products).where(eq(products.slug, slug));
  return row ?? null;
}

export async function findProductBySku(db: Db, sku: string): Promise<Product | null> {
  const [row] = await db.select().from(products).where(eq(products.sku, sku));
  return row ?? null;
}
