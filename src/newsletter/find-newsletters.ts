import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type MailState, mailStates, outboxMessages } from '../mail/tables.ts';
import { type Newsletter, newsletters } from './tables.ts';

/** How many of a newsletter's mails are in each delivery state. */
export type MailCounts = Record<MailState, number>;

export interface NewsletterSummary {
  newsletter: Newsletter;
  counts: MailCounts;
}

const emptyCounts = (): MailCounts =>
  Object.fromEntries(mailStates.map((s) => [s, 0])) as MailCounts;

async function countMail(db: Db, ids: string[]): Promise<Map<string, MailCounts>> {
  const byId = new Map(ids.map((id) => [id, emptyCounts()]));
  if (ids.length === 0) return byId;
  const newsletterId = sql<string>`${outboxMessages.payload} ->> 'newsletterId'`;
  const rows = await db
    .select({ id: newsletterId, state: outboxMessages.state, n: sql<number>`count(*)::int` })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.topic, 'newsletter'), inArray(newsletterId, ids)))
    .groupBy(newsletterId, outboxMessages.state);
  for (const row of rows) {
    const counts = byId.get(row.id);
    if (counts) counts[row.state] = Number(row.n);
  }
  return byId;
}

/** The latest newsletters, newest first, with their mails counted by delivery state. */
export async function listNewsletters(db: Db, limit = 100): Promise<NewsletterSummary[]> {
  const rows = await db
    .select()
    .from(newsletters)
    .orderBy(desc(newsletters.createdAt), desc(newsletters.id))
    .limit(limit);
  const counts = await countMail(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((newsletter) => ({ newsletter, counts: counts.get(newsletter.id)! }));
}

/** One newsletter with its mail counts, or null. */
export async function findNewsletter(db: Db, id: string): Promise<NewsletterSummary | null> {
  const [newsletter] = await db.select().from(newsletters).where(eq(newsletters.id, id));
  if (!newsletter) return null;
  const counts = await countMail(db, [id]);
  return { newsletter, counts: counts.get(id)! };
}
