import { desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { suppressions } from './tables.ts';

export type SuppressionReason = (typeof suppressions.$inferSelect)['reason'];

/** The suppression for an address (case-insensitive), if there is one. */
export async function findSuppression(db: Db | Tx, email: string) {
  const [row] = await db
    .select()
    .from(suppressions)
    .where(eq(suppressions.email, email.toLowerCase()));
  return row ?? null;
}

/** Stops mail to an address; the first reason recorded is kept. */
export async function suppressAddress(
  db: Db | Tx,
  entry: { email: string; reason: SuppressionReason; source: string; detail?: string; now?: Date },
): Promise<void> {
  const { now, ...fields } = entry;
  await db
    .insert(suppressions)
    .values({
      ...fields,
      email: entry.email.toLowerCase(),
      detail: entry.detail ?? '',
      ...(now ? { createdAt: now } : {}),
    })
    .onConflictDoNothing();
}

export async function removeSuppression(db: Db, email: string): Promise<boolean> {
  const gone = await db
    .delete(suppressions)
    .where(eq(suppressions.email, email.toLowerCase()))
    .returning({ email: suppressions.email });
  return gone.length > 0;
}

export function listSuppressions(db: Db, q?: string) {
  const where = q
    ? sql`${suppressions.email} like ${`%${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`
    : sql`true`;
  return db
    .select()
    .from(suppressions)
    .where(where)
    .orderBy(desc(suppressions.createdAt))
    .limit(200);
}
