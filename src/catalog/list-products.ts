import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { searchQuery } from './search-text.ts';
import { type Product, productColumns, products } from './tables.ts';

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
    .select(productColumns)
    .from(products)
    .where(and(...where))
    .orderBy(...order)
    .limit(filter.limit ?? 48)
    .offset(filter.offset ?? 0);
}

function prepareBySlug(db: Db) {
  return db
    .select(productColumns)
    .from(products)
    .where(eq(products.slug, sql.placeholder('slug')))
    .prepare('catalog_product_by_slug');
}
// The busiest query of the shop: a named prepared statement is parsed and planned once per connection.
const bySlug = new WeakMap<Db, ReturnType<typeof prepareBySlug>>();

export async function findProductBySlug(db: Db, slug: string): Promise<Product | null> {
  let prepared = bySlug.get(db);
  if (!prepared) {
    prepared = prepareBySlug(db);
    bySlug.set(db, prepared);
  }
  const [row] = await prepared.execute({ slug });
  return row ?? null;
}

export async function findProductBySku(db: Db, sku: string): Promise<Product | null> {
  const [row] = await db.select(productColumns).from(products).where(eq(products.sku, sku));
  return row ?? null;
}
