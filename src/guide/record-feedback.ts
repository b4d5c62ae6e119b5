import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { guideFeedback } from './tables.ts';

export interface FeedbackAnswer {
  slug: string;
  visitorId: string;
  memberId: string | null;
  helpful: boolean;
  now: Date;
}

/** Records a visitor's "Was your problem solved?" answer; answering again replaces the first. */
export async function recordFeedback(db: Db, answer: FeedbackAnswer): Promise<void> {
  await db
    .insert(guideFeedback)
    .values({
      articleSlug: answer.slug,
      visitorId: answer.visitorId,
      memberId: answer.memberId,
      helpful: answer.helpful,
      createdAt: answer.now,
      updatedAt: answer.now,
    })
    .onConflictDoUpdate({
      target: [guideFeedback.articleSlug, guideFeedback.visitorId],
      set: { helpful: answer.helpful, memberId: answer.memberId, updatedAt: answer.now },
    });
}

/** What this visitor answered on this article, or null when they have not answered. */
export async function findVisitorAnswer(
  db: Db,
  slug: string,
  visitorId: string,
): Promise<boolean | null> {
  const [row] = await db
    .select({ helpful: guideFeedback.helpful })
    .from(guideFeedback)
    .where(and(eq(guideFeedback.articleSlug, slug), eq(guideFeedback.visitorId, visitorId)));
  return row?.helpful ?? null;
}
