import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { appendEntry, findDebts, lockMemberLots } from './ledger.ts';
import {
  defaultPointsSettings,
  type PointsSettings,
  pointsEarned,
  pointsExpiry,
} from './points-rules.ts';
import { type PointLot, pointLots } from './tables.ts';

export type EarnPointsResult =
  | { kind: 'earned'; lot: PointLot; points: number; settledDebt: number }
  | { kind: 'already_earned'; lot: PointLot }
  | { kind: 'nothing_earned' };

/**
 * Credits a member the points an order earned (a lot and its earn entry), once per order, in the
 * caller's transaction; an earlier clawback's unpaid shortfall is settled from the new lot first.
 */
export async function earnPoints(
  tx: Tx,
  input: {
    memberId: string;
    orderId: string;
    /** Yen paid by card or PayPal (not the part paid with points). */
    paidJpy: number;
    now: Date;
    settings?: PointsSettings;
  },
): Promise<EarnPointsResult> {
  const settings = input.settings ?? defaultPointsSettings;
  const points = pointsEarned(input.paidJpy, settings.ratePercent);
  if (points === 0) return { kind: 'nothing_earned' };
  // Serialises with every other change to this member's points (debts are settled below).
  const lots = await lockMemberLots(tx, input.memberId);
  const earlier = lots.find((l) => l.source === 'earn' && l.orderId === input.orderId);
  if (earlier) return { kind: 'already_earned', lot: earlier };
  const [lot] = await tx
    .insert(pointLots)
    .values({
      memberId: input.memberId,
      orderId: input.orderId,
      source: 'earn',
      points,
      remaining: 0,
      earnedAt: input.now,
      expiresAt: pointsExpiry(input.now, settings.validMonths),
    })
    .onConflictDoNothing()
    .returning();
  if (!lot) {
    // Another transaction earned on this order first (its member had no lots to lock yet).
    const [theirs] = await tx
      .select()
      .from(pointLots)
      .where(and(eq(pointLots.orderId, input.orderId), eq(pointLots.source, 'earn')));
    return { kind: 'already_earned', lot: theirs! };
  }
  await appendEntry(tx, {
    memberId: input.memberId,
    lotId: lot.id,
    orderId: input.orderId,
    kind: 'earn',
    points,
    createdAt: input.now,
  });
  let left = points;
  let settledDebt = 0;
  for (const debt of await findDebts(tx, input.memberId)) {
    if (left === 0) break;
    const take = Math.min(left, debt.owed);
    await appendEntry(tx, {
      memberId: input.memberId,
      lotId: lot.id,
      orderId: debt.orderId,
      kind: 'clawback',
      points: -take,
      reference: debt.reference,
      settlesDebt: true,
      createdAt: input.now,
    });
    left -= take;
    settledDebt += take;
  }
  return { kind: 'earned', lot: { ...lot, remaining: left }, points, settledDebt };
}
