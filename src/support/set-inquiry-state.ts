import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { lockInquiryById } from './lock-inquiry.ts';
import { type Inquiry, type InquiryState, inquiries, inquiryMessages } from './tables.ts';

export const inquiryStateLabels: Record<InquiryState, string> = {
  open: 'Open',
  waiting: 'Waiting for customer',
  closed: 'Closed',
};

/** Moves a locked inquiry to `state` and records the change as an event; nothing when unchanged. */
export async function moveInquiryState(
  tx: Tx,
  inquiry: Pick<Inquiry, 'id' | 'state'>,
  state: InquiryState,
  entry: { actor: string; source: 'admin' | 'mail'; why?: string; now: Date },
): Promise<boolean> {
  if (inquiry.state === state) return false;
  await tx
    .update(inquiries)
    .set({ state, updatedAt: entry.now })
    .where(eq(inquiries.id, inquiry.id));
  const from = inquiryStateLabels[inquiry.state];
  const to = inquiryStateLabels[state];
  await tx.insert(inquiryMessages).values({
    inquiryId: inquiry.id,
    kind: 'event',
    source: entry.source,
    author: entry.actor,
    body: `State: ${from} → ${to}${entry.why ? ` (${entry.why})` : ''}.`,
    createdAt: entry.now,
  });
  return true;
}

export type SetStateResult = { ok: true; changed: boolean } | { ok: false; reason: 'not_found' };

/** Staff set an inquiry open, waiting for the customer, or closed. */
export async function setInquiryState(
  deps: { db: Db; clock: Clock },
  input: { inquiryId: string; state: InquiryState; actor: string },
): Promise<SetStateResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const inquiry = await lockInquiryById(tx, input.inquiryId);
    if (!inquiry) return { ok: false, reason: 'not_found' };
    const changed = await moveInquiryState(tx, inquiry, input.state, {
      actor: input.actor,
      source: 'admin',
      now,
    });
    return { ok: true, changed };
  });
}
