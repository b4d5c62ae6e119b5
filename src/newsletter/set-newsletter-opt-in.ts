import { and, eq, ne } from 'drizzle-orm';
import { recordAccountEvent } from '../accounts/account-events.ts';
import { members } from '../accounts/tables.ts';
import type { Db, Tx } from '../db/client.ts';

/** Where a member changed their newsletter setting, for the account log. */
export type OptInSource = 'registration' | 'mypage' | 'unsubscribe_link';

/**
 * Turns a member's newsletter on or off (in the caller's transaction when given one) and logs
 * 'newsletter_changed' only when the setting really changed, so repeating it is harmless.
 */
export async function setNewsletterOptIn(
  db: Db | Tx,
  memberId: string,
  on: boolean,
  now: Date,
  how: { source?: OptInSource; clientAddress?: string | null } = {},
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(members)
      .set({ newsletterOptIn: on, updatedAt: now })
      .where(and(eq(members.id, memberId), ne(members.newsletterOptIn, on)))
      .returning({ id: members.id });
    if (changed.length === 0) return false;
    await recordAccountEvent(tx, {
      memberId,
      type: 'newsletter_changed',
      detail: { subscribed: on, source: how.source ?? 'mypage' },
      clientAddress: how.clientAddress ?? null,
      now,
    });
    return true;
  });
}

/** What the newsletter pages need to know about a member, or null when there is no such member. */
export async function findNewsletterSetting(
  db: Db,
  memberId: string,
): Promise<{ optIn: boolean; verified: boolean; email: string; locale: 'en' | 'ja' } | null> {
  const [row] = await db
    .select({
      optIn: members.newsletterOptIn,
      verifiedAt: members.emailVerifiedAt,
      email: members.email,
      locale: members.locale,
    })
    .from(members)
    .where(eq(members.id, memberId));
  if (!row) return null;
  return {
    optIn: row.optIn,
    verified: row.verifiedAt !== null,
    email: row.email,
    locale: row.locale,
  };
}
