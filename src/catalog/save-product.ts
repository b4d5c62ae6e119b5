import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { productSearchText } from './search-text.ts';
import { type Product, products } from './tables.ts';

export type ProductFields = Omit<
  typeof products.$inferInsert,
  'id' | 'searchDocument' | 'createdAt' | 'updatedAt'
>;

/** Creates or updates a product (by id) and refreshes its search document in the same statement. */
export async function saveProduct(db: Db, fields: ProductFields, id?: string): Promise<Product> {
  const searchDocument = sql`to_tsvector('simple', ${productSearchText(fields)})`;
  if (id) {
    const [row] = await db
      .update(products)
      .set({ ...fields, searchDocument, updatedAt: new Date() })
      .where(eq(products.id, id))
      .returning();
    if (!row) throw new Error(`product ${id} does not exist`);
    return row;
  }
  const [row] = await db
    .insert(products)
    .values({ ...fields, searchDocument })
    .returning();
  return row!;
}
