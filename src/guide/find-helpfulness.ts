import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Article } from './load-articles.ts';
import { guideFeedback } from './tables.ts';

export interface Helpfulness {
  slug: string;
  /** Null for answers left on an article that no longer exists. */
  article: Article | null;
  yes: number;
  no: number;
  total: number;
  /** Whole percent of answers that said yes; null before anyone answered. */
  percentHelpful: number | null;
}

/**
 * Yes and No counts for every article (zero when nobody answered) and for slugs that only remain
 * in the answers, most "No" first, then most answers, then guide order.
 */
export async function findHelpfulness(
  db: Db,
  articles: readonly Article[],
): Promise<Helpfulness[]> {
  const counts = await db
    .select({
      slug: guideFeedback.articleSlug,
      yes: sql<number>`count(*) filter (where ${guideFeedback.helpful})`.mapWith(Number),
      no: sql<number>`count(*) filter (where not ${guideFeedback.helpful})`.mapWith(Number),
    })
    .from(guideFeedback)
    .groupBy(guideFeedback.articleSlug);
  const bySlug = new Map(counts.map((row) => [row.slug, row]));
  const known = new Set(articles.map((a) => a.slug));
  const rows = [
    ...articles.map((article) => ({ slug: article.slug, article })),
    ...counts
      .filter((row) => !known.has(row.slug))
      .map((row) => ({ slug: row.slug, article: null })),
  ].map(({ slug, article }, index) => {
    const yes = bySlug.get(slug)?.yes ?? 0;
    const no = bySlug.get(slug)?.no ?? 0;
    const total = yes + no;
    return {
      index,
      row: {
        slug,
        article,
        yes,
        no,
        total,
        percentHelpful: total === 0 ? null : Math.round((yes / total) * 100),
      },
    };
  });
  return rows
    .sort((a, b) => b.row.no - a.row.no || b.row.total - a.row.total || a.index - b.index)
    .map((r) => r.row);
}
