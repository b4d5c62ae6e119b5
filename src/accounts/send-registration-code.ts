import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { type Member, members } from './tables.ts';
import { CODE_MINUTES, issueCode } from './verification-codes.ts';

/** Issues the code that confirms a new member's address and queues its mail, in the caller's transaction. */
export async function sendRegistrationCode(
  tx: Tx,
  input: { member: Pick<Member, 'id' | 'email' | 'locale' | 'memberCode'>; now: Date },
): Promise<void> {
  const { member, now } = input;
  const code = await issueCode(tx, {
    purpose: 'registration',
    subjectId: member.id,
    email: member.email,
    now,
  });
  await enqueueMail(tx, {
    topic: 'registration_code',
    recipient: member.email,
    locale: member.locale,
    memberId: member.id,
    payload: { code, minutes: CODE_MINUTES, memberCode: member.memberCode },
    now,
  });
}

/** Sends a fresh registration code to a member who has not confirmed their address yet. */
export async function resendRegistrationCode(
  deps: { db: Db; clock: Clock },
  input: { memberId: string },
): Promise<{ ok: boolean }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(members)
      .where(
        and(
          eq(members.id, input.memberId),
          isNull(members.emailVerifiedAt),
          isNull(members.cancelledAt),
        ),
      )
      .for('update');
    if (!member) return { ok: false };
    await sendRegistrationCode(tx, { member, now });
    return { ok: true };
  });
}
