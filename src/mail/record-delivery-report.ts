import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { suppressAddress } from './suppressions.ts';
import { mailEvents, outboxMessages } from './tables.ts';

/** Soft bounces count towards SOFT_BOUNCE_LIMIT for this many days. */
export const SOFT_BOUNCE_DAYS = 30;

export type DeliveryReport =
  | {
      kind: 'bounce';
      messageId: string;
      recipient?: string | null;
      status: string | null;
      bounceClass: 'hard' | 'soft';
      diagnostic: string;
      source: string;
    }
  | {
      kind: 'complaint';
      messageId: string;
      recipient?: string | null;
      feedbackType: string;
      source: string;
    };

export type ReportResult = 'recorded' | 'unknown_message';

/**
 * Records what a receiving server reported about one of our messages: the event, the message's
 * state, and the suppression rules (hard bounce and complaint at once, soft bounces after a limit).
 */
export async function recordDeliveryReport(
  deps: { db: Db; softBounceLimit: number; now: Date },
  report: DeliveryReport,
): Promise<ReportResult> {
  return deps.db.transaction(async (tx) => {
    const [message] = await tx
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, report.messageId))
      .for('update');
    if (!message) return 'unknown_message';
    // Suppress the address we send to; a report may name a forwarding target instead.
    const recipient = message.recipient.toLowerCase();
    const reportedRecipient = report.recipient ?? null;
    if (report.kind === 'complaint') {
      await tx.insert(mailEvents).values({
        messageId: message.id,
        type: 'complained',
        detail: {
          feedbackType: report.feedbackType,
          source: report.source,
          recipient,
          reportedRecipient,
        },
        at: deps.now,
      });
      await tx
        .update(outboxMessages)
        .set({ state: 'complained', updatedAt: deps.now })
        .where(eq(outboxMessages.id, message.id));
      await suppressAddress(tx, {
        email: recipient,
        now: deps.now,
        reason: 'complaint',
        source: report.source,
        detail: report.feedbackType,
      });
      return 'recorded';
    }
    await tx.insert(mailEvents).values({
      messageId: message.id,
      type: 'bounced',
      detail: {
        bounceClass: report.bounceClass,
        status: report.status,
        diagnostic: report.diagnostic.slice(0, 1000),
        source: report.source,
        recipient,
        reportedRecipient,
      },
      at: deps.now,
    });
    await tx
      .update(outboxMessages)
      .set({ state: 'bounced', updatedAt: deps.now })
      .where(eq(outboxMessages.id, message.id));
    if (report.bounceClass === 'hard') {
      await suppressAddress(tx, {
        email: recipient,
        now: deps.now,
        reason: 'hard_bounce',
        source: report.source,
        detail: `${report.status ?? ''} ${report.diagnostic}`.trim().slice(0, 500),
      });
      return 'recorded';
    }
    const since = new Date(deps.now.getTime() - SOFT_BOUNCE_DAYS * 24 * 3600 * 1000);
    const [{ count } = { count: 0 }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(mailEvents)
      .innerJoin(outboxMessages, eq(outboxMessages.id, mailEvents.messageId))
      .where(
        and(
          eq(mailEvents.type, 'bounced'),
          sql`${mailEvents.detail}->>'bounceClass' = 'soft'`,
          sql`lower(${outboxMessages.recipient}) = ${recipient}`,
          gte(mailEvents.at, since),
        ),
      );
    if (count >= deps.softBounceLimit) {
      await suppressAddress(tx, {
        email: recipient,
        now: deps.now,
        reason: 'soft_bounces',
        source: report.source,
        detail:
          `${count} soft bounces in ${SOFT_BOUNCE_DAYS} days; last: ${report.diagnostic}`.slice(
            0,
            500,
          ),
      });
    }
    return 'recorded';
  });
}
