import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { recordAccountEvent } from './account-events.ts';
import { type Member, members } from './tables.ts';
import { type CodeCheck, checkCode } from './verification-codes.ts';

export type VerifyEmailResult =
  | { ok: true; member: Member }
  | Extract<CodeCheck, { ok: false }>
  | { ok: false; reason: 'not_found' };

/** Confirms a new member's address with the code mailed at registration; then they may sign in. */
export async function verifyEmail(
  deps: { db: Db; clock: Clock },
  input: { memberId: string; code: string; clientAddress?: string | null },
): Promise<VerifyEmailResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<VerifyEmailResult> => {
    const [member] = await tx
      .select()
      .from(members)
      .where(and(eq(members.id, input.memberId), isNull(members.cancelledAt)))
      .for('update');
    if (!member) return { ok: false, reason: 'not_found' };
    if (member.emailVerifiedAt) return { ok: true, member };
    const check = await checkCode(tx, {
      purpose: 'registration',
      subjectId: member.id,
      code: input.code,
      now,
    });
    if (!check.ok) return check;
    // A code sent to an earlier address proves nothing about the current one.
    if (check.email.toLowerCase() !== member.email.toLowerCase())
      return { ok: false, reason: 'no_code' };
    const [verified] = await tx
      .update(members)
      .set({ emailVerifiedAt: now, updatedAt: now })
      .where(eq(members.id, member.id))
      .returning();
    await recordAccountEvent(tx, {
      memberId: member.id,
      type: 'email_verified',
      clientAddress: input.clientAddress ?? null,
      now,
    });
    return { ok: true, member: verified! };
  });
}
