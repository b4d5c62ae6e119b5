import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { randomToken } from '../lib/ids.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { recordAccountEvent } from './account-events.ts';
import { typedEmail } from './inputs.ts';
import { findMemberByLogin } from './register-member.ts';
import { issueCode } from './verification-codes.ts';

/** A reset code or link works this long. */
export const RESET_MINUTES = 30;

/**
 * Mails a single-use code and link for a new password to the member that `login` names. When no
 * member matches but `login` is an address, that address is told no member ID uses it. Returns
 * nothing, so the page cannot answer differently either way.
 */
export async function requestPasswordReset(
  deps: { db: Db; clock: Clock },
  input: { login: string; locale: 'en' | 'ja'; clientAddress?: string | null },
): Promise<void> {
  const member = await findMemberByLogin(deps.db, input.login);
  const address = typedEmail.safeParse(input.login);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (member) {
      const token = randomToken();
      const code = await issueCode(tx, {
        purpose: 'password_reset',
        subjectId: member.id,
        email: member.email,
        now,
        ttlMinutes: RESET_MINUTES,
        linkToken: token,
      });
      await enqueueMail(tx, {
        topic: 'password_reset',
        recipient: member.email,
        locale: member.locale,
        memberId: member.id,
        payload: {
          registered: true,
          code,
          token,
          minutes: RESET_MINUTES,
          memberCode: member.memberCode,
        },
        now,
      });
    } else if (address.success) {
      await enqueueMail(tx, {
        topic: 'password_reset',
        recipient: address.data,
        locale: input.locale,
        payload: { registered: false },
        now,
      });
    }
    await recordAccountEvent(tx, {
      memberId: member?.id ?? null,
      type: 'password_reset_requested',
      detail: { matched: Boolean(member) },
      clientAddress: input.clientAddress ?? null,
      now,
    });
  });
}
