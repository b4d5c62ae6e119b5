import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { demoCatalog } from './demo-catalog.ts';
import { saveProduct } from './save-product.ts';
import { products } from './tables.ts';

const DAY_MS = 24 * 3600 * 1000;

/** Fills an empty catalog with the demo products; does nothing when any product exists. */
export async function seedDemoCatalog(db: Db, clock: Clock): Promise<number> {
  const [{ count } = { count: 0 }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(products);
  if (count > 0) return 0;
  const now = clock.now().getTime();
  for (const p of demoCatalog) {
    const { preorder, ...rest } = p;
    await saveProduct(db, {
      ...rest,
      preorderOpensAt: preorder ? new Date(now + preorder.opensDaysFromNow * DAY_MS) : null,
      preorderClosesAt: preorder ? new Date(now + preorder.closesDaysFromNow * DAY_MS) : null,
      releaseMonth: preorder?.releaseMonth ?? null,
    });
  }
  return demoCatalog.length;
}
