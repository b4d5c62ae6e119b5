import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { type PointLot, pointEntries, pointLots } from './tables.ts';

/**
 * Locks every lot of a member `for update`, in expiry order (the one order every use case takes
 * them in, so two of them never deadlock); all changes to a member's points go through this.
 */
export function lockMemberLots(tx: Tx, memberId: string): Promise<PointLot[]> {
  return tx
    .select()
    .from(pointLots)
    .where(eq(pointLots.memberId, memberId))
    .orderBy(asc(pointLots.expiresAt), asc(pointLots.id))
    .for('update');
}

/**
 * Appends one entry and moves its lot's remaining by the same points, in the caller's
 * transaction (the lot locked); false, changing nothing, when that entry already exists.
 */
export async function appendEntry(
  tx: Tx,
  entry: Omit<typeof pointEntries.$inferInsert, 'id'> & { createdAt: Date },
): Promise<boolean> {
  const [added] = await tx
    .insert(pointEntries)
    .values(entry)
    .onConflictDoNothing()
    .returning({ id: pointEntries.id });
  if (!added) return false;
  if (entry.lotId) {
    await tx
      .update(pointLots)
      .set({ remaining: sql`${pointLots.remaining} + ${entry.points}` })
      .where(eq(pointLots.id, entry.lotId));
  }
  return true;
}

/** What a member still owes from clawbacks no lot could pay, per refunded order and reference. */
export async function findDebts(
  db: Db | Tx,
  memberId: string,
): Promise<{ orderId: string; reference: string; owed: number }[]> {
  const owed = sql<number>`sum(case when ${pointEntries.lotId} is null then -${pointEntries.points} else ${pointEntries.points} end)::int`;
  const rows = await db
    .select({
      orderId: pointEntries.orderId,
      reference: pointEntries.reference,
      owed,
      since: sql`min(${pointEntries.createdAt})`,
    })
    .from(pointEntries)
    .where(
      and(
        eq(pointEntries.memberId, memberId),
        eq(pointEntries.kind, 'clawback'),
        sql`(${pointEntries.lotId} is null or ${pointEntries.settlesDebt})`,
      ),
    )
    .groupBy(pointEntries.orderId, pointEntries.reference)
    .having(sql`${owed} > 0`)
    .orderBy(sql`min(${pointEntries.createdAt})`, pointEntries.orderId);
  return rows.map((r) => ({ orderId: r.orderId!, reference: r.reference, owed: Number(r.owed) }));
}
