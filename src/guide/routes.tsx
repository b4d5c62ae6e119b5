import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { retryTime } from '../accounts/form-replies.ts';
import type { InquiryCategory } from '../support/tables.ts';
import type { AppEnv } from '../web/context.ts';
import { notFound } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { clientAddress, hitRateLimits, type RateLimitRule } from '../web/rate-limit.ts';
import type { Article, Guide } from './load-articles.ts';
import { MISSING_EMAIL_SLUG, memberCasePanel } from './member-case.tsx';
import { ArticlePage, articlePath, GuideSearchPage, GuideTopPage } from './pages/guide-pages.tsx';
import { findVisitorAnswer, recordFeedback } from './record-feedback.ts';
import { prepareGuide, renderArticle } from './render-article.ts';
import { MAX_QUERY_CHARS, searchArticles } from './search-articles.ts';

type Ctx = Context<AppEnv>;

/** The flagship article, which shows a signed-in member their own mail case. */

/** "Was your problem solved?" answers per visitor and hour: far more than a reader gives. */
export const FEEDBACK_PER_VISITOR_LIMIT: RateLimitRule = { max: 30, windowSeconds: 3600 };
/** The same per client address, for visitors who drop their cookie each time (NAT shares some). */
export const FEEDBACK_PER_CLIENT_LIMIT: RateLimitRule = { max: 300, windowSeconds: 3600 };

const feedbackInput = z.object({ answer: z.enum(['yes', 'no']) });
const searchInput = z.object({
  q: z
    .string()
    .default('')
    .transform((q) => q.trim().slice(0, MAX_QUERY_CHARS)),
});

/** The inquiry form's category for "No" on an article. */
export function inquiryCategoryFor(article: Pick<Article, 'slug' | 'group'>): InquiryCategory {
  switch (article.group) {
    case 'orders':
      return 'order';
    case 'payment':
      return 'payment';
    case 'shipping':
      return 'shipping';
    case 'members':
      return 'member_id';
    case 'returns':
      return 'returns';
    case 'mail':
      return article.slug === MISSING_EMAIL_SLUG ? 'missing_email' : 'other';
    default:
      return 'other';
  }
}

const guideFor = (c: Ctx): Guide => prepareGuide(c.get('deps').env);

function findArticle(c: Ctx): Article {
  const article = guideFor(c).bySlug.get(c.req.param('slug') ?? '');
  if (!article) throw notFound('The guide article');
  return article;
}

async function showArticle(
  c: Ctx,
  article: Article,
  state: { error?: string; status?: 200 | 400 | 429 } = {},
) {
  const t = c.get('t');
  const locale = c.get('locale');
  const { db, env } = c.get('deps');
  const guide = guideFor(c);
  const [answer, memberCase] = await Promise.all([
    findVisitorAnswer(db, article.slug, c.get('visitorId')),
    article.slug === MISSING_EMAIL_SLUG ? memberCasePanel(c) : null,
  ]);
  return renderPage(
    c,
    article.title[locale],
    <ArticlePage
      article={article}
      html={renderArticle(article, env, locale).html}
      related={article.related.flatMap((slug) => guide.bySlug.get(slug) ?? [])}
      memberCase={memberCase}
      answer={answer}
      thanks={!state.error && c.req.query('answered') === 'yes'}
      feedbackError={state.error}
      csrf={c.get('csrfToken')}
      locale={locale}
      t={t}
    />,
    state.status ?? 200,
  );
}

export const guideRoutes = new Hono<AppEnv>()
  .get('/guide', (c) => {
    const t = c.get('t');
    return renderPage(
      c,
      t('guide.title'),
      <GuideTopPage articles={guideFor(c).articles} locale={c.get('locale')} t={t} />,
    );
  })
  .get('/guide/search', (c) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const parsed = searchInput.safeParse({ q: c.req.query('q') });
    const q = parsed.success ? parsed.data.q : '';
    const hits = q ? searchArticles(guideFor(c).articles, c.get('deps').env, locale, q) : [];
    return renderPage(
      c,
      q ? t('guide.searchFor', { q }) : t('guide.searchTitle'),
      <GuideSearchPage q={q} hits={hits} locale={locale} t={t} />,
    );
  })
  .get('/guide/:slug', (c) => showArticle(c, findArticle(c)))
  .post('/guide/:slug/feedback', async (c) => {
    const article = findArticle(c);
    const t = c.get('t');
    const { db, clock } = c.get('deps');
    const visitorId = c.get('visitorId');
    const now = clock.now();
    const limited = await hitRateLimits(
      db,
      [
        { key: `guide-feedback:visitor:${visitorId}`, ...FEEDBACK_PER_VISITOR_LIMIT },
        { key: `guide-feedback:ip:${clientAddress(c)}`, ...FEEDBACK_PER_CLIENT_LIMIT },
      ],
      now,
    );
    if (!limited.ok) {
      const time = retryTime(c, limited.retryAfterSeconds);
      return showArticle(c, article, { error: t('guide.feedbackLimited', { time }), status: 429 });
    }
    const parsed = feedbackInput.safeParse(await c.req.parseBody());
    if (!parsed.success)
      return showArticle(c, article, { error: t('guide.feedbackInvalid'), status: 400 });
    const helpful = parsed.data.answer === 'yes';
    await recordFeedback(db, {
      slug: article.slug,
      visitorId,
      memberId: c.get('member')?.id ?? null,
      helpful,
      now,
    });
    if (helpful) return c.redirect(`${articlePath(article.slug)}?answered=yes#feedback`, 303);
    const query = new URLSearchParams({
      category: inquiryCategoryFor(article),
      topic: article.slug,
    });
    return c.redirect(`/inquiry?${query.toString()}`, 303);
  });
