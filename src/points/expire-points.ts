import { and, asc, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { appendEntry } from './ledger.ts';
import { pointLots } from './tables.ts';

/**
 * Worker job: writes off what is left of lots whose expiry has passed, each once. Lots another
 * worker (or a member's spend) holds are skipped and come round again next time.
 */
export async function expirePoints(
  db: Db,
  input: { now: Date; limit?: number },
): Promise<{ lots: number; points: number }> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(pointLots)
      .where(and(lt(pointLots.expiresAt, input.now), gt(pointLots.remaining, 0)))
      .orderBy(asc(pointLots.expiresAt), asc(pointLots.id))
      .limit(input.limit ?? 500)
      .for('update', { skipLocked: true });
    let points = 0;
    for (const lot of due) {
      const added = await appendEntry(tx, {
        memberId: lot.memberId,
        lotId: lot.id,
        orderId: null,
        kind: 'expire',
        points: -lot.remaining,
        createdAt: input.now,
      });
      if (added) points += lot.remaining;
    }
    return { lots: due.length, points };
  });
}
