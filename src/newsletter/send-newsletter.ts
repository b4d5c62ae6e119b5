import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { type MailPayloads, OUTBOX_CHANNEL } from '../mail/enqueue-mail.ts';
import { mailEvents, outboxMessages } from '../mail/tables.ts';
import { findNewsletterRecipients } from './find-recipients.ts';
import { newsletters } from './tables.ts';
import { unsubscribeToken } from './unsubscribe-token.ts';

export interface SendNewsletterDeps {
  db: Db;
  clock: Clock;
  /** Signs the unsubscribe tokens. */
  secret: string;
  /** NEWSLETTER_PER_MINUTE: how many of its mails become due per minute. */
  perMinute: number;
}

export type SendNewsletterResult =
  | { ok: true; queued: number; lastDueAt: Date }
  | { ok: false; reason: 'not_found' | 'already_sent' | 'no_recipients' };

// Rows per INSERT: large lists are queued in a few statements, not one per member.
const BATCH = 500;

/**
 * Queues one `newsletter` mail per subscribed member, in their language, on the broadcast stream,
 * spread out at `perMinute` so transactional mail keeps flowing; all in one transaction that also
 * moves the newsletter from draft to sent, so a second submit queues nothing.
 */
export async function sendNewsletter(
  deps: SendNewsletterDeps,
  input: { newsletterId: string; actor: string },
): Promise<SendNewsletterResult> {
  const now = deps.clock.now();
  const gapMs = 60_000 / deps.perMinute;
  return deps.db.transaction(async (tx) => {
    // The guard: a concurrent submit waits on this row lock, then finds no draft left to claim.
    const [letter] = await tx
      .update(newsletters)
      .set({ state: 'sending', updatedAt: now })
      .where(and(eq(newsletters.id, input.newsletterId), eq(newsletters.state, 'draft')))
      .returning();
    if (!letter) {
      const [existing] = await tx
        .select({ id: newsletters.id })
        .from(newsletters)
        .where(eq(newsletters.id, input.newsletterId));
      return { ok: false, reason: existing ? 'already_sent' : 'not_found' };
    }
    const recipients = await findNewsletterRecipients(tx);
    if (recipients.length === 0) {
      await tx.update(newsletters).set({ state: 'draft' }).where(eq(newsletters.id, letter.id));
      return { ok: false, reason: 'no_recipients' };
    }
    const dueAt = (index: number) => new Date(now.getTime() + Math.floor(index * gapMs));
    for (let start = 0; start < recipients.length; start += BATCH) {
      const rows = await tx
        .insert(outboxMessages)
        .values(
          recipients.slice(start, start + BATCH).map((r, i) => ({
            topic: 'newsletter' as const,
            stream: 'broadcast' as const,
            recipient: r.email,
            locale: r.locale,
            memberId: r.memberId,
            payload: {
              newsletterId: letter.id,
              subject: r.locale === 'ja' ? letter.subjectJa : letter.subjectEn,
              body: r.locale === 'ja' ? letter.bodyJa : letter.bodyEn,
              unsubscribeToken: unsubscribeToken(deps.secret, r.memberId),
            } satisfies MailPayloads['newsletter'],
            // Created when due: the Date header and the retry window start when it can be sent.
            createdAt: dueAt(start + i),
            nextAttemptAt: dueAt(start + i),
            updatedAt: now,
          })),
        )
        .returning({ id: outboxMessages.id, recipient: outboxMessages.recipient });
      await tx.insert(mailEvents).values(
        rows.map((row) => ({
          messageId: row.id,
          type: 'queued' as const,
          detail: { recipient: row.recipient, newsletterId: letter.id },
          at: now,
        })),
      );
    }
    await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
    const lastDueAt = dueAt(recipients.length - 1);
    await tx
      .update(newsletters)
      .set({
        state: 'sent',
        sentBy: input.actor,
        sentAt: now,
        recipientCount: recipients.length,
        perMinute: deps.perMinute,
        lastDueAt,
        updatedAt: now,
      })
      .where(eq(newsletters.id, letter.id));
    return { ok: true, queued: recipients.length, lastDueAt };
  });
}
