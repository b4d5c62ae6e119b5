import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Locale } from '../web/i18n.ts';

/** The guide's groups, in the order the guide top shows them; `footer` is "About this shop". */
export const articleGroups = [
  'orders',
  'payment',
  'shipping',
  'members',
  'points',
  'returns',
  'mail',
  'footer',
] as const;
export type ArticleGroup = (typeof articleGroups)[number];

export interface Article {
  slug: string;
  group: ArticleGroup;
  order: number;
  title: Record<Locale, string>;
  related: string[];
  /** Pending: the part of the shop it describes is not built yet; the page says so. */
  status: 'live' | 'pending';
  /** For staff: what is not built yet (empty when live). */
  pending: string;
  /** Markdown with `{{fact}}` placeholders, per language. */
  body: Record<Locale, string>;
  file: string;
}

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by "-"');
const title = z.string().trim().min(1, 'must not be empty').max(120);

const frontMatter = z
  .strictObject({
    slug,
    group: z.enum(articleGroups),
    order: z.number().int().positive(),
    title: z.strictObject({ en: title, ja: title }),
    related: z.array(slug).max(4).default([]),
    status: z.enum(['live', 'pending']),
    pending: z.string().trim().max(300).nullish(),
  })
  .superRefine((fm, ctx) => {
    if (fm.status === 'pending' && !fm.pending)
      ctx.addIssue({
        code: 'custom',
        path: ['pending'],
        message: 'is required when status is pending',
      });
    if (fm.slug === 'search')
      ctx.addIssue({ code: 'custom', path: ['slug'], message: '"search" is the search page' });
    if (fm.related.includes(fm.slug))
      ctx.addIssue({ code: 'custom', path: ['related'], message: 'must not name itself' });
    if (new Set(fm.related).size !== fm.related.length)
      ctx.addIssue({ code: 'custom', path: ['related'], message: 'names a slug twice' });
  });

/** A placeholder is `{{name}}`: lower-case letters, digits and `_`; anything else in braces is a typo. */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const FACT_NAME = /^[a-z][a-z0-9_]*$/;

function fail(file: string, problem: string): never {
  throw new Error(`Guide article ${file}: ${problem}`);
}

/** Splits `---\n<yaml>\n---\n<body>`; CRLF line ends are accepted. */
function splitFrontMatter(file: string, text: string): { yaml: string; rest: string } {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = normalised.match(/^---\n([\s\S]*?)\n---\n?([\s\S]*)$/);
  if (!match) fail(file, 'must start with front matter between two "---" lines');
  return { yaml: match[1]!, rest: match[2]! };
}

/** The `<!-- en -->` and `<!-- ja -->` bodies; both must be there once and not be empty. */
function splitBodies(file: string, rest: string): Record<Locale, string> {
  const markers = [...rest.matchAll(/^<!--\s*(en|ja)\s*-->[ \t]*$/gm)];
  const found = markers.map((m) => m[1]);
  for (const locale of ['en', 'ja'] as const) {
    const count = found.filter((f) => f === locale).length;
    if (count !== 1)
      fail(file, `needs exactly one "<!-- ${locale} -->" line (found ${String(count)})`);
  }
  if (rest.slice(0, markers[0]!.index).trim())
    fail(file, 'has text between the front matter and the first language marker');
  const bodies = {} as Record<Locale, string>;
  markers.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = markers[i + 1]?.index ?? rest.length;
    const body = rest.slice(start, end).trim();
    if (!body) fail(file, `the ${m[1]} body is empty`);
    bodies[m[1] as Locale] = body;
  });
  return bodies;
}

function checkPlaceholders(file: string, body: string) {
  for (const [whole, name] of body.matchAll(PLACEHOLDER))
    if (!FACT_NAME.test(name!.trim())) fail(file, `"${whole}" is not a fact placeholder`);
}

/** Parses and checks one article file; throws an error naming the file when anything is wrong. */
export function parseArticle(file: string, text: string): Article {
  const { yaml, rest } = splitFrontMatter(file, text);
  let raw: unknown;
  try {
    raw = parseYaml(yaml);
  } catch (err) {
    fail(file, `front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = frontMatter.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(front matter)'} ${i.message}`,
    );
    fail(file, problems.join('; '));
  }
  const fm = parsed.data;
  const expected = basename(file, '.md');
  if (fm.slug !== expected) fail(file, `slug "${fm.slug}" must equal the file name "${expected}"`);
  const body = splitBodies(file, rest);
  checkPlaceholders(file, body.en);
  checkPlaceholders(file, body.ja);
  return {
    slug: fm.slug,
    group: fm.group,
    order: fm.order,
    title: fm.title,
    related: fm.related,
    status: fm.status,
    pending: fm.status === 'pending' ? (fm.pending ?? '') : '',
    body,
    file,
  };
}

/**
 * Reads every `*.md` in `dir`, checks each and the links between them, and returns the articles in
 * guide order (group, then order). Throws on the first problem, naming the file.
 */
export function loadArticles(dir: string): Article[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  const articles = files.map((name) => parseArticle(name, readFileSync(join(dir, name), 'utf8')));
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const places = new Map<string, string>();
  for (const article of articles) {
    for (const target of article.related)
      if (!bySlug.has(target)) fail(article.file, `related "${target}" is not an article`);
    const place = `${article.group}/${String(article.order)}`;
    const taken = places.get(place);
    if (taken)
      fail(
        article.file,
        `order ${String(article.order)} in group ${article.group} is also used by ${taken}`,
      );
    places.set(place, article.file);
  }
  return articles.sort(
    (a, b) => articleGroups.indexOf(a.group) - articleGroups.indexOf(b.group) || a.order - b.order,
  );
}

/** The articles the shop serves, and a lookup by slug. */
export interface Guide {
  articles: Article[];
  bySlug: Map<string, Article>;
}

export const guideDirectory = fileURLToPath(new URL('../../content/guide/', import.meta.url));

let directory = guideDirectory;
let loaded: Guide | null = null;

/** The guide from content/guide, read once per process (call it at boot to fail fast). */
export function guideArticles(): Guide {
  if (!loaded) {
    const articles = loadArticles(directory);
    loaded = { articles, bySlug: new Map(articles.map((a) => [a.slug, a])) };
  }
  return loaded;
}

/** Tests point the guide at fixture articles; the next `guideArticles()` reads from there. */
export function useGuideDirectory(dir: string) {
  directory = dir;
  loaded = null;
}
