import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { may } from '../staff/permissions.ts';
import { staff } from '../staff/tables.ts';
import { lockInquiryById } from './lock-inquiry.ts';
import { inquiries, inquiryMessages } from './tables.ts';

export type AssignResult =
  | { ok: true; changed: boolean }
  | { ok: false; reason: 'not_found' | 'unknown_staff' };

/** Gives an inquiry to a member of staff who may answer inquiries (or to nobody), with an event. */
export async function assignInquiry(
  deps: { db: Db; clock: Clock },
  input: { inquiryId: string; assigneeId: string | null; actor: string },
): Promise<AssignResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const inquiry = await lockInquiryById(tx, input.inquiryId);
    if (!inquiry) return { ok: false, reason: 'not_found' };
    let label = 'nobody';
    if (input.assigneeId) {
      const [member] = await tx.select().from(staff).where(eq(staff.id, input.assigneeId));
      if (!member || !may(member.role, 'answer_inquiries'))
        return { ok: false, reason: 'unknown_staff' };
      label = `${member.name} <${member.email}>`;
    }
    if (inquiry.assigneeId === input.assigneeId) return { ok: true, changed: false };
    await tx
      .update(inquiries)
      .set({ assigneeId: input.assigneeId, updatedAt: now })
      .where(eq(inquiries.id, inquiry.id));
    await tx.insert(inquiryMessages).values({
      inquiryId: inquiry.id,
      kind: 'event',
      source: 'admin',
      author: input.actor,
      body: input.assigneeId ? `Assigned to ${label}.` : 'Unassigned.',
      createdAt: now,
    });
    return { ok: true, changed: true };
  });
}
