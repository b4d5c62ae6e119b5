import { searchTerms } from '../catalog/search-text.ts';
import type { Env } from '../env.ts';
import type { Locale } from '../web/i18n.ts';
import type { Article } from './load-articles.ts';
import { renderArticle } from './render-article.ts';

export interface SearchHit {
  article: Article;
  /** A piece of the body around the first match, or its opening when only a title matched. */
  snippet: string;
}

/** The longest query we look at; a search box should never answer with an error. */
export const MAX_QUERY_CHARS = 100;
const SNIPPET_BEFORE = 50;
const SNIPPET_CHARS = 160;

const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

function snippetAt(text: string, term: string | undefined): string {
  const at = term ? text.toLowerCase().indexOf(term) : -1;
  const start = Math.max(0, at - SNIPPET_BEFORE);
  const piece = text.slice(start, start + SNIPPET_CHARS).trim();
  return `${start > 0 ? '…' : ''}${piece}${start + SNIPPET_CHARS < text.length ? '…' : ''}`;
}

/**
 * Articles whose title or body in the visitor's language (or title in the other language) holds
 * every word of the query; Japanese is matched by two-character pieces, so "メール届かない" finds
 * "メールが届かない". Title matches rank first, then the number of matches, then guide order.
 */
export function searchArticles(
  articles: readonly Article[],
  env: Env,
  locale: Locale,
  query: string,
): SearchHit[] {
  const terms = [...new Set(searchTerms(query.slice(0, MAX_QUERY_CHARS)))];
  if (terms.length === 0) return [];
  const other: Locale = locale === 'en' ? 'ja' : 'en';
  const scored: { hit: SearchHit; score: number; index: number }[] = [];
  articles.forEach((article, index) => {
    const text = renderArticle(article, env, locale).text;
    const title = normalise(article.title[locale]);
    const otherTitle = normalise(article.title[other]);
    const body = normalise(text);
    let score = 0;
    for (const term of terms) {
      const inBody = body.split(term).length - 1;
      if (title.includes(term)) score += 20;
      else if (otherTitle.includes(term)) score += 10;
      else if (inBody === 0) return;
      score += Math.min(inBody, 5);
    }
    const bodyTerm = terms.find((term) => body.includes(term));
    scored.push({ hit: { article, snippet: snippetAt(text, bodyTerm) }, score, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.hit);
}
