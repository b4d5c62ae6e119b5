import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { recordAccountEvent } from './account-events.ts';
import { identityKey } from './login-identity.ts';
import { hashPassword } from './passwords.ts';
import { findMemberByLogin } from './register-member.ts';
import { clearSignInFailures } from './sign-in-throttle.ts';
import { type Member, members, sessions } from './tables.ts';
import { checkCode, checkLink, markCodeUsed, retireCodes } from './verification-codes.ts';

export type ResetProof = { login: string; code: string } | { token: string };

export type ResetPasswordResult =
  | { ok: true; member: Member }
  | { ok: false; reason: 'invalid' | 'expired' | 'too_many_attempts' };

/**
 * Sets a new password with the code or link from the reset mail. In one transaction the code is
 * used up, every session of the member ends, and a notice goes to the member's address.
 */
export async function resetPassword(
  deps: { db: Db; clock: Clock },
  input: { proof: ResetProof; password: string; clientAddress?: string | null },
): Promise<ResetPasswordResult> {
  // Hashed first, whatever the proof: a wrong code takes as long as a right one.
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<ResetPasswordResult> => {
    const proven = await provenMember(tx, input.proof, now);
    if (!proven.ok) return proven;
    const [member] = await tx
      .select()
      .from(members)
      .where(and(eq(members.id, proven.memberId), isNull(members.cancelledAt)))
      .for('update');
    // The code went to an address the member no longer has: it proves nothing now.
    if (!member || member.email.toLowerCase() !== proven.email.toLowerCase())
      return { ok: false, reason: 'invalid' };
    const [updated] = await tx
      .update(members)
      .set({
        passwordHash,
        // The code reached the address, which is what registration's code proves too.
        emailVerifiedAt: member.emailVerifiedAt ?? now,
        updatedAt: now,
      })
      .where(eq(members.id, member.id))
      .returning();
    await retireCodes(tx, { purpose: 'password_reset', subjectId: member.id, now });
    await tx.delete(sessions).where(eq(sessions.memberId, member.id));
    // Guesses at the old password say nothing about the new one: the member is not kept waiting.
    for (const login of [member.email, member.memberCode])
      await clearSignInFailures(tx, { door: 'member', identity: identityKey(login) });
    await enqueueMail(tx, {
      topic: 'password_changed',
      recipient: member.email,
      locale: member.locale,
      memberId: member.id,
      payload: { memberCode: member.memberCode, at: now.toISOString(), how: 'reset' },
      now,
    });
    await recordAccountEvent(tx, {
      memberId: member.id,
      type: 'password_reset',
      detail: { via: 'token' in input.proof ? 'link' : 'code' },
      clientAddress: input.clientAddress ?? null,
      now,
    });
    return { ok: true, member: updated! };
  });
}

type Proven =
  | { ok: true; memberId: string; email: string }
  | { ok: false; reason: 'invalid' | 'expired' | 'too_many_attempts' };

async function provenMember(tx: Tx, proof: ResetProof, now: Date): Promise<Proven> {
  if ('token' in proof) {
    const link = await checkLink(tx, { purpose: 'password_reset', token: proof.token, now });
    if (!link.ok) return link;
    await markCodeUsed(tx, link.id, now);
    return { ok: true, memberId: link.subjectId, email: link.email };
  }
  const member = await findMemberByLogin(tx, proof.login);
  if (!member) return { ok: false, reason: 'invalid' };
  const check = await checkCode(tx, {
    purpose: 'password_reset',
    subjectId: member.id,
    code: proof.code,
    now,
  });
  if (check.ok) return { ok: true, memberId: member.id, email: check.email };
  if (check.reason === 'expired' || check.reason === 'too_many_attempts')
    return { ok: false, reason: check.reason };
  return { ok: false, reason: 'invalid' };
}
