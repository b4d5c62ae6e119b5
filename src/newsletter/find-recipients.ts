import { and, asc, eq, isNotNull, isNull, notExists, sql } from 'drizzle-orm';
import { members } from '../accounts/tables.ts';
import type { Db, Tx } from '../db/client.ts';
import { suppressions } from '../mail/tables.ts';

export interface NewsletterRecipient {
  memberId: string;
  email: string;
  locale: 'en' | 'ja';
}

/**
 * Who gets a newsletter: members who asked for it, whose address is verified, who have not
 * cancelled, and whose address is not suppressed (the worker checks suppression again on send).
 */
export function findNewsletterRecipients(db: Db | Tx): Promise<NewsletterRecipient[]> {
  return db
    .select({ memberId: members.id, email: members.email, locale: members.locale })
    .from(members)
    .where(
      and(
        eq(members.newsletterOptIn, true),
        isNotNull(members.emailVerifiedAt),
        isNull(members.cancelledAt),
        notExists(
          db
            .select({ one: sql`1` })
            .from(suppressions)
            .where(eq(suppressions.email, sql`lower(${members.email})`)),
        ),
      ),
    )
    .orderBy(asc(members.createdAt), asc(members.id));
}
