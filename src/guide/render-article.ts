import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { Env } from '../env.ts';
import type { Locale } from '../web/i18n.ts';
import { guideFacts } from './facts.ts';
import { type Article, type Guide, guideArticles } from './load-articles.ts';

/** One article body ready to serve: safe HTML, and its plain text for search. */
export interface RenderedBody {
  html: string;
  text: string;
}

// Raw HTML in an article is shown as text, never passed through; sanitising below is the backstop.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

const isExternal = (href: string) => /^https?:\/\//i.test(href);

const allowlist: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'ul',
    'ol',
    'li',
    'a',
    'strong',
    'em',
    'code',
    'pre',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'blockquote',
    'hr',
  ],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page cannot reach back to us through window.opener.
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const kept: sanitizeHtml.Attributes = {};
      if (href) kept.href = href;
      if (isExternal(href)) kept.rel = 'noopener';
      return { tagName, attribs: kept };
    },
  },
};

/** HTML → HTML holding only the allowed tags, and links only to http(s) or this site. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, allowlist);
}

/** Markdown → safe HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeArticleHtml(markdown.render(source));
}

/** Puts each `{{name}}` fact in; a name that is not a fact is an error naming the article. */
export function substituteFacts(source: string, facts: Record<string, string>, file: string) {
  return source.replace(/\{\{([^{}]*)\}\}/g, (_whole, raw: string) => {
    const name = raw.trim();
    const value = Object.hasOwn(facts, name) ? facts[name] : undefined;
    if (value === undefined) throw new Error(`Guide article ${file}: unknown fact {{${name}}}`);
    return value;
  });
}

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** The words of sanitised HTML, for search and snippets. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (e) => entities[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

// Facts come from the running configuration, so the cache is per env (tests build several).
const cache = new WeakMap<Env, WeakMap<Article, Partial<Record<Locale, RenderedBody>>>>();

/** The article's body in one language with facts filled in, rendered once per env. */
export function renderArticle(article: Article, env: Env, locale: Locale): RenderedBody {
  let byArticle = cache.get(env);
  if (!byArticle) {
    byArticle = new WeakMap();
    cache.set(env, byArticle);
  }
  let entry = byArticle.get(article);
  if (!entry) {
    entry = {};
    byArticle.set(article, entry);
  }
  const cached = entry[locale];
  if (cached) return cached;
  const source = substituteFacts(article.body[locale], guideFacts(env, locale), article.file);
  const html = renderMarkdown(source);
  const rendered = { html, text: plainText(html) };
  entry[locale] = rendered;
  return rendered;
}

/** Renders every article in both languages, so an unknown fact shows at once, not on one page. */
export function renderAllArticles(articles: readonly Article[], env: Env) {
  for (const article of articles)
    for (const locale of ['en', 'ja'] as const) renderArticle(article, env, locale);
}

const prepared = new WeakSet<Env>();

/**
 * The guide, read and rendered for this configuration the first time it is asked for. Boot calls
 * it so a broken article stops the shop from starting; the routes call it on every request.
 */
export function prepareGuide(env: Env): Guide {
  const guide = guideArticles();
  if (!prepared.has(env)) {
    renderAllArticles(guide.articles, env);
    prepared.add(env);
  }
  return guide;
}
