import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { findSuppression } from '../mail/suppressions.ts';
import { recordAccountEvent } from './account-events.ts';
import { verifyPassword } from './passwords.ts';
import { members } from './tables.ts';
import { CODE_MINUTES, issueCode } from './verification-codes.ts';

export type RequestEmailChangeResult =
  | { ok: true; expiresAt: Date }
  | { ok: false; reason: 'wrong_password' | 'same_address' | 'suppressed' | 'not_found' };

/**
 * Mails a code to the address a member wants to move their account to, once they confirm it is
 * them with their password; nothing changes until the code comes back.
 */
export async function requestEmailChange(
  deps: { db: Db; clock: Clock },
  input: { memberId: string; newEmail: string; password: string; clientAddress?: string | null },
): Promise<RequestEmailChangeResult> {
  const [member] = await deps.db.select().from(members).where(eq(members.id, input.memberId));
  if (!member || member.cancelledAt) return { ok: false, reason: 'not_found' };
  if (!(await verifyPassword(input.password, member.passwordHash)))
    return { ok: false, reason: 'wrong_password' };
  if (member.email.toLowerCase() === input.newEmail.toLowerCase())
    return { ok: false, reason: 'same_address' };
  // The code would never arrive: say so now rather than leave the member waiting.
  if (await findSuppression(deps.db, input.newEmail)) return { ok: false, reason: 'suppressed' };
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const code = await issueCode(tx, {
      purpose: 'email_change',
      subjectId: member.id,
      email: input.newEmail,
      now,
    });
    await enqueueMail(tx, {
      topic: 'email_change_code',
      recipient: input.newEmail,
      locale: member.locale,
      memberId: member.id,
      payload: { code, minutes: CODE_MINUTES, memberCode: member.memberCode },
      now,
    });
    await recordAccountEvent(tx, {
      memberId: member.id,
      type: 'email_change_requested',
      detail: { to: input.newEmail },
      clientAddress: input.clientAddress ?? null,
      now,
    });
  });
  return { ok: true, expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000) };
}
