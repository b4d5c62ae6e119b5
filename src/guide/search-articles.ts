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
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+/gu;
// Share of a Japanese word's two-character pieces that must appear: "メール届かない" still finds
// "メールが届かない", which lacks only the piece "ル届".
const CJK_SHARE = 0.7;

/** One word of the query: a Latin word matches as a substring, a Japanese run by its pieces. */
interface QueryWord {
  pieces: string[];
  needed: number;
}

function queryWords(query: string): QueryWord[] {
  const text = normalise(query.slice(0, MAX_QUERY_CHARS));
  const words: QueryWord[] = [];
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run];
    const pieces = chars.length === 1 ? chars : chars.slice(1).map((char, i) => chars[i]! + char);
    const unique = [...new Set(pieces)];
    words.push({ pieces: unique, needed: Math.ceil(unique.length * CJK_SHARE) });
  }
  for (const word of text.replace(CJK_RUN, ' ').split(/[^\p{L}\p{N}]+/u))
    if (word) words.push({ pieces: [word], needed: 1 });
  return words;
}

const matches = (text: string, word: QueryWord) =>
  word.pieces.filter((piece) => text.includes(piece)).length >= word.needed;
const occurrences = (text: string, word: QueryWord) =>
  word.pieces.reduce((sum, piece) => sum + text.split(piece).length - 1, 0);

function snippetAt(text: string, term: string | undefined): string {
  const at = term ? text.toLowerCase().indexOf(term) : -1;
  let start = Math.max(0, at - SNIPPET_BEFORE);
  // Begin at a word, not inside one (Japanese has no spaces, so it begins where it falls).
  const space = text.indexOf(' ', start);
  if (start > 0 && space >= 0 && space < at) start = space + 1;
  const piece = text.slice(start, start + SNIPPET_CHARS).trim();
  return `${start > 0 ? '…' : ''}${piece}${start + SNIPPET_CHARS < text.length ? '…' : ''}`;
}

/**
 * Articles whose title or body in the visitor's language (or title in the other language) holds
 * every word of the query (Japanese by most of its two-character pieces). Title matches rank first, then the number of matches, then guide order.
 */
export function searchArticles(
  articles: readonly Article[],
  env: Env,
  locale: Locale,
  query: string,
): SearchHit[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const other: Locale = locale === 'en' ? 'ja' : 'en';
  const scored: { hit: SearchHit; score: number; index: number }[] = [];
  articles.forEach((article, index) => {
    const text = renderArticle(article, env, locale).text;
    const title = normalise(article.title[locale]);
    const otherTitle = normalise(article.title[other]);
    const body = normalise(text);
    let score = 0;
    for (const word of words) {
      const inBody = matches(body, word) ? occurrences(body, word) : 0;
      if (matches(title, word)) score += 20;
      else if (matches(otherTitle, word)) score += 10;
      else if (inBody === 0) return;
      score += Math.min(inBody, 5);
    }
    const first = words.flatMap((w) => w.pieces).find((piece) => body.includes(piece));
    scored.push({ hit: { article, snippet: snippetAt(text, first) }, score, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.hit);
}
