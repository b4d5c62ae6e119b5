import type { Tx } from '../db/client.ts';
import { appendEntry, lockMemberLots } from './ledger.ts';

/** Writes off every point a member holds when they cancel their membership, in the caller's transaction. */
export async function forfeitPoints(
  tx: Tx,
  input: { memberId: string; now: Date },
): Promise<{ points: number }> {
  let points = 0;
  for (const lot of await lockMemberLots(tx, input.memberId)) {
    if (lot.remaining === 0) continue;
    const added = await appendEntry(tx, {
      memberId: input.memberId,
      lotId: lot.id,
      orderId: null,
      kind: 'forfeit',
      points: -lot.remaining,
      createdAt: input.now,
    });
    if (added) points += lot.remaining;
  }
  return { points };
}
