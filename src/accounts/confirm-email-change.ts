import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { recordAccountEvent } from './account-events.ts';
import { normaliseEmail } from './email-address.ts';
import { members } from './tables.ts';
import { type CodeCheck, checkCode } from './verification-codes.ts';

export type ConfirmEmailChangeResult =
  | { ok: true; oldEmail: string; newEmail: string }
  | Extract<CodeCheck, { ok: false }>
  | { ok: false; reason: 'taken' | 'not_found' };

/**
 * Moves a member's account to the address the code was sent to, and tells the old address. Orders
 * already placed keep their own contact email: only the account changes.
 */
export async function confirmEmailChange(
  deps: { db: Db; clock: Clock },
  input: { memberId: string; code: string; clientAddress?: string | null },
): Promise<ConfirmEmailChangeResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<ConfirmEmailChangeResult> => {
    const [member] = await tx
      .select()
      .from(members)
      .where(and(eq(members.id, input.memberId), isNull(members.cancelledAt)))
      .for('update');
    if (!member) return { ok: false, reason: 'not_found' };
    const check = await checkCode(tx, {
      purpose: 'email_change',
      subjectId: member.id,
      code: input.code,
      now,
    });
    if (!check.ok) return check;
    const newEmail = normaliseEmail(check.email);
    // Told only now, to whoever proved they read that mailbox: one member ID per address.
    const [other] = await tx
      .select({ id: members.id })
      .from(members)
      .where(
        and(sql`lower(${members.email}) = ${newEmail.toLowerCase()}`, ne(members.id, member.id)),
      );
    if (other) return { ok: false, reason: 'taken' };
    await tx
      .update(members)
      .set({ email: newEmail, emailVerifiedAt: now, updatedAt: now })
      .where(eq(members.id, member.id));
    await enqueueMail(tx, {
      topic: 'email_changed',
      recipient: member.email,
      locale: member.locale,
      memberId: member.id,
      payload: { oldEmail: member.email, newEmail, memberCode: member.memberCode },
      now,
    });
    await recordAccountEvent(tx, {
      memberId: member.id,
      type: 'email_changed',
      detail: { from: member.email, to: newEmail },
      clientAddress: input.clientAddress ?? null,
      now,
    });
    return { ok: true, oldEmail: member.email, newEmail };
  });
}
