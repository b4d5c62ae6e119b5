import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { appendEntry, lockMemberLots } from './ledger.ts';
import { isUsable } from './points-rules.ts';
import { pointEntries } from './tables.ts';

export type ClawbackPointsResult =
  | { kind: 'clawed_back'; taken: number; owed: number }
  | { kind: 'already_clawed_back' }
  | { kind: 'nothing_earned' };

/**
 * Takes back points earned on the refunded part of an order, once per refund (`reference`), in
 * the caller's transaction: from the order's own lot, then the member's other usable lots
 * (oldest-expiring first); what no lot holds becomes a debt that later earnings settle.
 */
export async function clawbackPoints(
  tx: Tx,
  input: {
    memberId: string;
    orderId: string;
    /** Points earned on the refunded part; capped at what the order earned and was not yet taken. */
    points: number;
    /** The refund this is for (its idempotency key): one clawback per refund. */
    reference: string;
    now: Date;
  },
): Promise<ClawbackPointsResult> {
  if (!Number.isInteger(input.points) || input.points <= 0 || input.reference === '') {
    throw new Error('clawbackPoints takes positive whole points and a refund reference');
  }
  const lots = await lockMemberLots(tx, input.memberId);
  const earnLot = lots.find((l) => l.source === 'earn' && l.orderId === input.orderId);
  if (!earnLot) return { kind: 'nothing_earned' };
  const earlier = await tx
    .select({ points: pointEntries.points, reference: pointEntries.reference })
    .from(pointEntries)
    .where(
      and(
        eq(pointEntries.orderId, input.orderId),
        eq(pointEntries.kind, 'clawback'),
        eq(pointEntries.settlesDebt, false),
      ),
    );
  if (earlier.some((e) => e.reference === input.reference)) return { kind: 'already_clawed_back' };
  const takenBefore = -earlier.reduce((sum, e) => sum + e.points, 0);
  const due = Math.min(input.points, earnLot.points - takenBefore);
  if (due <= 0) return { kind: 'clawed_back', taken: 0, owed: 0 };
  const others = lots.filter(
    (l) => l.id !== earnLot.id && l.remaining > 0 && isUsable(l.expiresAt, input.now),
  );
  let left = due;
  for (const lot of [earnLot, ...others]) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    if (take === 0) continue;
    await appendEntry(tx, {
      memberId: input.memberId,
      lotId: lot.id,
      orderId: input.orderId,
      kind: 'clawback',
      points: -take,
      reference: input.reference,
      createdAt: input.now,
    });
    left -= take;
  }
  if (left > 0) {
    // The shortfall: no lot, so never a negative spendable balance; earnPoints settles it.
    await appendEntry(tx, {
      memberId: input.memberId,
      lotId: null,
      orderId: input.orderId,
      kind: 'clawback',
      points: -left,
      reference: input.reference,
      createdAt: input.now,
    });
  }
  return { kind: 'clawed_back', taken: due - left, owed: left };
}
