import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { appendEntry, lockMemberLots } from './ledger.ts';
import { isUsable } from './points-rules.ts';
import { pointEntries } from './tables.ts';

export type SpendPointsResult =
  | { kind: 'spent'; points: number; lots: { lotId: string; points: number }[] }
  | { kind: 'already_spent'; points: number }
  | { kind: 'insufficient'; balance: number };

/**
 * Spends a member's points on an order, oldest-expiring lot first, once per order, in the
 * caller's transaction; more than the balance is refused and nothing is spent.
 */
export async function spendPoints(
  tx: Tx,
  input: { memberId: string; orderId: string; points: number; now: Date },
): Promise<SpendPointsResult> {
  if (!Number.isInteger(input.points) || input.points <= 0) {
    throw new Error(`spendPoints takes a positive whole number of points, not ${input.points}`);
  }
  const lots = await lockMemberLots(tx, input.memberId);
  const earlier = await tx
    .select({ points: pointEntries.points })
    .from(pointEntries)
    .where(and(eq(pointEntries.orderId, input.orderId), eq(pointEntries.kind, 'spend')));
  if (earlier.length > 0) {
    return { kind: 'already_spent', points: -earlier.reduce((sum, e) => sum + e.points, 0) };
  }
  const usable = lots.filter((l) => l.remaining > 0 && isUsable(l.expiresAt, input.now));
  const balance = usable.reduce((sum, l) => sum + l.remaining, 0);
  if (input.points > balance) return { kind: 'insufficient', balance };
  let left = input.points;
  const taken: { lotId: string; points: number }[] = [];
  for (const lot of usable) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    await appendEntry(tx, {
      memberId: input.memberId,
      lotId: lot.id,
      orderId: input.orderId,
      kind: 'spend',
      points: -take,
      createdAt: input.now,
    });
    taken.push({ lotId: lot.id, points: take });
    left -= take;
  }
  return { kind: 'spent', points: input.points, lots: taken };
}
