import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Locale, Translate } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';
import { type Article, type ArticleGroup, articleGroups } from '../load-articles.ts';
import type { SearchHit } from '../search-articles.ts';

export const articlePath = (slug: string) => `/guide/${encodeURIComponent(slug)}`;
const groupAnchor = (group: ArticleGroup) => `/guide#group-${group}`;

function PendingBadge({ article, t }: { article: Article; t: Translate }) {
  return article.status === 'pending' ? (
    <span class="badge pending">{t('guide.pendingBadge')}</span>
  ) : null;
}

function SearchBox({ t, q = '' }: { t: Translate; q?: string }) {
  return (
    <form class="guide-search" action="/guide/search" method="get">
      <label for="guide-q">{t('guide.search')}</label>
      <div class="guide-search-row">
        <input
          id="guide-q"
          type="search"
          name="q"
          value={q}
          maxlength={100}
          placeholder={t('guide.searchPlaceholder')}
        />
        <button type="submit">{t('guide.searchButton')}</button>
      </div>
    </form>
  );
}

function AskUs({ t }: { t: Translate }) {
  return (
    <p class="guide-ask">
      <a href="/inquiry">{t('guide.askUs')}</a>
    </p>
  );
}

/** Every topic, grouped, with the search box; the footer pages come last as "About this shop". */
export function GuideTopPage(props: {
  articles: readonly Article[];
  locale: Locale;
  t: Translate;
}) {
  const { t, locale } = props;
  return (
    <section class="guide">
      <h1>{t('guide.title')}</h1>
      <p>{t('guide.intro')}</p>
      <SearchBox t={t} />
      <div class="guide-groups">
        {articleGroups.map((group) => {
          const inGroup = props.articles.filter((a) => a.group === group);
          if (inGroup.length === 0) return null;
          return (
            <section class={`guide-group guide-group-${group}`} id={`group-${group}`}>
              <h2>{t(`guide.group.${group}`)}</h2>
              <ul>
                {inGroup.map((article) => (
                  <li>
                    <a href={articlePath(article.slug)}>{article.title[locale]}</a>{' '}
                    <PendingBadge article={article} t={t} />
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      <AskUs t={t} />
    </section>
  );
}

/** Results in the visitor's language, or a clear "nothing found" with the way to ask us. */
export function GuideSearchPage(props: {
  q: string;
  hits: SearchHit[];
  locale: Locale;
  t: Translate;
}) {
  const { t, locale, q, hits } = props;
  return (
    <section class="guide">
      <nav class="breadcrumb" aria-label={t('guide.breadcrumb')}>
        <ol>
          <li>
            <a href="/guide">{t('guide.top')}</a>
          </li>
          <li aria-current="page">{t('guide.searchTitle')}</li>
        </ol>
      </nav>
      <h1>{q ? t('guide.searchFor', { q }) : t('guide.searchTitle')}</h1>
      <SearchBox t={t} q={q} />
      {!q ? (
        <p>{t('guide.searchEmpty')}</p>
      ) : hits.length === 0 ? (
        <Notice kind="info">
          <p>{t('guide.searchNone', { q })}</p>
          <p>
            <a href="/inquiry">{t('guide.askUs')}</a>
          </p>
        </Notice>
      ) : (
        <>
          <p class="muted">{t('guide.searchCount', { count: hits.length })}</p>
          <ol class="guide-results">
            {hits.map(({ article, snippet }) => (
              <li>
                <a href={articlePath(article.slug)}>{article.title[locale]}</a>{' '}
                <span class="muted">{t(`guide.group.${article.group}`)}</span>{' '}
                <PendingBadge article={article} t={t} />
                <p>{snippet}</p>
              </li>
            ))}
          </ol>
          <AskUs t={t} />
        </>
      )}
    </section>
  );
}

export interface ArticlePageProps {
  article: Article;
  /** Sanitised HTML of the body, facts filled in. */
  html: string;
  related: Article[];
  /** The signed-in member's own case on the flagship article, shown above the body. */
  memberCase: Child | null;
  /** What this visitor answered before, if anything. */
  answer: boolean | null;
  thanks: boolean;
  feedbackError?: string | undefined;
  csrf: string;
  locale: Locale;
  t: Translate;
}

/** One article: breadcrumb, title, pending notice, body, related topics, "Was your problem solved?". */
export function ArticlePage(props: ArticlePageProps) {
  const { article, t, locale } = props;
  const title = article.title[locale];
  return (
    <article class="guide guide-article-page">
      <nav class="breadcrumb" aria-label={t('guide.breadcrumb')}>
        <ol>
          <li>
            <a href="/guide">{t('guide.top')}</a>
          </li>
          <li>
            <a href={groupAnchor(article.group)}>{t(`guide.group.${article.group}`)}</a>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <h1>{title}</h1>
      {article.status === 'pending' && <Notice kind="info">{t('guide.pendingNotice')}</Notice>}
      {props.memberCase && <div class="guide-member-case">{props.memberCase}</div>}
      <div class="guide-body">{raw(props.html)}</div>
      {props.related.length > 0 && (
        <nav class="guide-related" aria-labelledby="guide-related-title">
          <h2 id="guide-related-title">{t('guide.related')}</h2>
          <ul>
            {props.related.map((other) => (
              <li>
                <a href={articlePath(other.slug)}>{other.title[locale]}</a>{' '}
                <PendingBadge article={other} t={t} />
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p class="guide-back">
        <a href="/guide">{t('guide.back')}</a>
      </p>
      <FeedbackForm {...props} />
    </article>
  );
}

function FeedbackForm(props: ArticlePageProps) {
  const { t, answer } = props;
  return (
    <section class="guide-feedback" id="feedback" aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t('guide.feedbackTitle')}</h2>
      {props.thanks && <Notice kind="success">{t('guide.feedbackThanks')}</Notice>}
      {props.feedbackError && <Notice kind="error">{props.feedbackError}</Notice>}
      {!props.thanks && answer !== null && (
        <p class="muted">{answer ? t('guide.answeredYes') : t('guide.answeredNo')}</p>
      )}
      <form method="post" action={`${articlePath(props.article.slug)}/feedback`}>
        <Csrf token={props.csrf} />
        <div class="guide-feedback-buttons">
          <button type="submit" name="answer" value="yes">
            {t('guide.yes')}
          </button>
          <button type="submit" name="answer" value="no" class="secondary">
            {t('guide.no')}
          </button>
        </div>
        <p class="help muted">{t('guide.feedbackHint')}</p>
      </form>
    </section>
  );
}
