import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { hashToken } from '../lib/ids.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { recordAccountEvent } from './account-events.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { members, sessions } from './tables.ts';

export type ChangePasswordResult =
  | { ok: true }
  | { ok: false; reason: 'wrong_password' | 'same_password' | 'not_found' };

/**
 * Changes a signed-in member's password after checking the current one. Every other session
 * ends (a thief signed in elsewhere is thrown out), the one in use stays, and a notice goes to
 * the member's address, all in one transaction.
 */
export async function changePassword(
  deps: { db: Db; clock: Clock },
  input: {
    memberId: string;
    currentPassword: string;
    newPassword: string;
    /** The cookie value of the session making the change; it stays signed in. */
    keepSession: string | null;
    clientAddress?: string | null;
  },
): Promise<ChangePasswordResult> {
  const [member] = await deps.db.select().from(members).where(eq(members.id, input.memberId));
  if (!member) return { ok: false, reason: 'not_found' };
  if (!(await verifyPassword(input.currentPassword, member.passwordHash)))
    return { ok: false, reason: 'wrong_password' };
  if (input.newPassword === input.currentPassword) return { ok: false, reason: 'same_password' };
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.update(members).set({ passwordHash, updatedAt: now }).where(eq(members.id, member.id));
    const keep = input.keepSession ? hashToken(input.keepSession) : null;
    await tx
      .delete(sessions)
      .where(and(eq(sessions.memberId, member.id), keep ? ne(sessions.idHash, keep) : undefined));
    await enqueueMail(tx, {
      topic: 'password_changed',
      recipient: member.email,
      locale: member.locale,
      memberId: member.id,
      payload: { memberCode: member.memberCode, at: now.toISOString() },
      now,
    });
    await recordAccountEvent(tx, {
      memberId: member.id,
      type: 'password_changed',
      clientAddress: input.clientAddress ?? null,
      now,
    });
  });
  return { ok: true };
}
