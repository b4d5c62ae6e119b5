import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { appendEntry, lockMemberLots } from './ledger.ts';
import {
  defaultPointsSettings,
  isUsable,
  type PointsSettings,
  restoredPointsExpiry,
} from './points-rules.ts';
import { pointEntries, pointLots } from './tables.ts';

export type RestorePointsResult =
  | { kind: 'restored'; points: number; renewedLots: number }
  | { kind: 'already_restored' }
  | { kind: 'nothing_spent' };

/**
 * Gives back everything an order spent (cancelled or refunded), once, in the caller's
 * transaction: to the same lots, or, for a lot whose expiry has passed, to a new lot that lasts
 * until the end of next month.
 */
export async function restorePoints(
  tx: Tx,
  input: { memberId: string; orderId: string; now: Date; settings?: PointsSettings },
): Promise<RestorePointsResult> {
  const settings = input.settings ?? defaultPointsSettings;
  const lots = await lockMemberLots(tx, input.memberId);
  const entries = await tx
    .select({ kind: pointEntries.kind, lotId: pointEntries.lotId, points: pointEntries.points })
    .from(pointEntries)
    .where(eq(pointEntries.orderId, input.orderId));
  if (entries.some((e) => e.kind === 'restore')) return { kind: 'already_restored' };
  const spent = entries.filter((e) => e.kind === 'spend');
  if (spent.length === 0) return { kind: 'nothing_spent' };
  let points = 0;
  let renewedLots = 0;
  for (const spend of spent) {
    const lot = lots.find((l) => l.id === spend.lotId)!;
    let lotId = lot.id;
    if (!isUsable(lot.expiresAt, input.now)) {
      const [renewed] = await tx
        .insert(pointLots)
        .values({
          memberId: input.memberId,
          orderId: input.orderId,
          source: 'restore',
          points: -spend.points,
          remaining: 0,
          earnedAt: input.now,
          expiresAt: restoredPointsExpiry(input.now, settings.restoredValidMonths),
          renewsLotId: lot.id,
        })
        .onConflictDoNothing()
        .returning({ id: pointLots.id });
      if (!renewed) return { kind: 'already_restored' };
      lotId = renewed.id;
      renewedLots += 1;
    }
    await appendEntry(tx, {
      memberId: input.memberId,
      lotId,
      orderId: input.orderId,
      kind: 'restore',
      points: -spend.points,
      createdAt: input.now,
    });
    points -= spend.points;
  }
  return { kind: 'restored', points, renewedLots };
}
