import { and, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { hashToken } from '../lib/ids.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { recordAccountEvent } from './account-events.ts';
import { normaliseEmail } from './email-address.ts';
import { type Member, members } from './tables.ts';
import { CODE_MINUTES, issueCode } from './verification-codes.ts';

/** What a lookup code is filed under: the address, hashed (it is no member's id). */
export function lookupSubject(email: string): string {
  return `email:${hashToken(email.trim().toLowerCase())}`;
}

/** The current member whose account address this is, if any. */
export async function findMemberByEmail(db: Db | Tx, email: string): Promise<Member | null> {
  const [member] = await db
    .select()
    .from(members)
    .where(
      and(
        sql`lower(${members.email}) = ${email.trim().toLowerCase()}`,
        isNull(members.cancelledAt),
      ),
    );
  return member ?? null;
}

/**
 * "Which member ID uses this address?": mails the address either a code that reveals the answer
 * or word that no member ID uses it. Both cases do the same work and queue one mail, and nothing
 * is returned, so the page cannot tell them apart.
 */
export async function requestMemberLookup(
  deps: { db: Db; clock: Clock },
  input: { email: string; locale: 'en' | 'ja'; clientAddress?: string | null },
): Promise<void> {
  const email = normaliseEmail(input.email.trim());
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const member = await findMemberByEmail(tx, email);
    // Issued either way; without a member nobody ever sees it, so it can never be entered.
    const code = await issueCode(tx, {
      purpose: 'member_lookup',
      subjectId: lookupSubject(email),
      email,
      now,
    });
    await enqueueMail(tx, {
      topic: 'member_lookup',
      recipient: email,
      locale: input.locale,
      memberId: member?.id ?? null,
      payload: member ? { registered: true, code, minutes: CODE_MINUTES } : { registered: false },
      now,
    });
    await recordAccountEvent(tx, {
      memberId: member?.id ?? null,
      type: 'lookup_requested',
      detail: { registered: Boolean(member) },
      clientAddress: input.clientAddress ?? null,
      now,
    });
  });
}
