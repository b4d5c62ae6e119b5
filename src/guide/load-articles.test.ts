import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadArticles, parseArticle } from './load-articles.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A valid article file; `front` replaces front matter lines, `body` the language bodies. */
function articleText(
  slug: string,
  front: Record<string, string> = {},
  body = '<!-- en -->\nEnglish.\n\n<!-- ja -->\n日本語。\n',
) {
  const fields: Record<string, string> = {
    slug,
    group: 'orders',
    order: '10',
    title: '\n  en: A title\n  ja: タイトル',
    related: '[]',
    status: 'live',
    pending: '""',
    ...front,
  };
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== 'OMIT')
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function directoryWith(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'guide-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const problem = (front: Record<string, string>, body?: string) => () =>
  parseArticle('pricing.md', articleText('pricing', front, body));

describe('loading guide articles', () => {
  it('reads the fixtures in guide order with both bodies split', () => {
    const articles = loadArticles(fixtures);
    expect(articles.map((a) => a.slug)).toEqual([
      'payment-methods',
      'using-paypal',
      'if-you-do-not-receive-an-email',
      'shipping-info',
    ]);
    const flagship = articles.find((a) => a.slug === 'if-you-do-not-receive-an-email')!;
    expect(flagship.title).toEqual({
      en: 'If you do not receive an email',
      ja: 'メールが届かない場合',
    });
    expect(flagship.body.en).toMatch(/^Add \*\*\{\{sender_domain\}\}\*\*/);
    expect(flagship.body.en).not.toContain('メール');
    expect(flagship.body.ja).toMatch(/^\*\*\{\{sender_domain\}\}\*\* を受信許可リスト/);
    expect(flagship.related).toEqual(['payment-methods', 'shipping-info']);
    const paypal = articles.find((a) => a.slug === 'using-paypal')!;
    expect(paypal).toMatchObject({
      status: 'pending',
      pending: 'PayPal checkout is not built yet.',
    });
    expect(articles.find((a) => a.slug === 'payment-methods')!.pending).toBe('');
  });

  it('accepts Windows line ends', () => {
    const article = parseArticle('pricing.md', articleText('pricing').replace(/\n/g, '\r\n'));
    expect(article.body).toEqual({ en: 'English.', ja: '日本語。' });
  });

  it('refuses a slug that is not the file name', () => {
    expect(() => parseArticle('pricing.md', articleText('prices'))).toThrow(
      'Guide article pricing.md: slug "prices" must equal the file name "pricing"',
    );
  });

  it('refuses an unknown group, a missing title language and a bad order, naming the file', () => {
    expect(problem({ group: 'gifts' })).toThrow(/^Guide article pricing\.md: group /);
    expect(problem({ title: '\n  en: Only English' })).toThrow(/pricing\.md: title\.ja /);
    expect(problem({ title: '\n  en: ""\n  ja: 空' })).toThrow(/title\.en must not be empty/);
    expect(problem({ order: 'ten' })).toThrow(/pricing\.md: order /);
    expect(problem({ order: '0' })).toThrow(/pricing\.md: order /);
    expect(problem({ status: 'draft' })).toThrow(/pricing\.md: status /);
    expect(problem({ status: 'OMIT' })).toThrow(/pricing\.md: status /);
  });

  it('keeps the slug of the search page free', () => {
    expect(() => parseArticle('search.md', articleText('search'))).toThrow(
      'Guide article search.md: slug "search" is the search page',
    );
  });

  it('refuses misspelt front matter keys', () => {
    expect(problem({ titel: 'x' })).toThrow(/pricing\.md: .*titel/);
  });

  it('requires the pending note when an article is pending', () => {
    expect(problem({ status: 'pending' })).toThrow(
      'Guide article pricing.md: pending is required when status is pending',
    );
    expect(problem({ status: 'pending', pending: 'OMIT' })).toThrow(/pending is required/);
    expect(
      parseArticle(
        'pricing.md',
        articleText('pricing', { status: 'pending', pending: 'Not built.' }),
      ).pending,
    ).toBe('Not built.');
  });

  it('refuses related lists that name the article itself, a slug twice, or more than four', () => {
    expect(problem({ related: '[pricing]' })).toThrow(/related must not name itself/);
    expect(problem({ related: '[a, a]' })).toThrow(/related names a slug twice/);
    expect(problem({ related: '[a, b, c, d, e]' })).toThrow(/pricing\.md: related /);
  });

  it('needs both language bodies, once each, with text', () => {
    expect(problem({}, '<!-- en -->\nEnglish only.\n')).toThrow(
      'Guide article pricing.md: needs exactly one "<!-- ja -->" line (found 0)',
    );
    expect(problem({}, '<!-- en -->\nA\n<!-- ja -->\nB\n<!-- en -->\nC\n')).toThrow(
      'needs exactly one "<!-- en -->" line (found 2)',
    );
    expect(problem({}, '<!-- en -->\n\n<!-- ja -->\n日本語\n')).toThrow('the en body is empty');
    expect(problem({}, 'Stray text\n<!-- en -->\nA\n<!-- ja -->\nB\n')).toThrow(
      'has text between the front matter and the first language marker',
    );
  });

  it('refuses a file without front matter or with broken YAML', () => {
    expect(() => parseArticle('pricing.md', '# Pricing\n')).toThrow(
      'Guide article pricing.md: must start with front matter',
    );
    expect(() =>
      parseArticle('pricing.md', '---\ntitle: [unclosed\n---\n<!-- en -->\nA\n<!-- ja -->\nB\n'),
    ).toThrow(/pricing\.md: front matter is not valid YAML/);
  });

  it('refuses a placeholder that is not a fact name', () => {
    expect(problem({}, '<!-- en -->\nFee: {{ Shipping Fee }}\n<!-- ja -->\nB\n')).toThrow(
      'Guide article pricing.md: "{{ Shipping Fee }}" is not a fact placeholder',
    );
  });

  it('refuses related slugs that are not articles and two articles at one place', () => {
    const dangling = directoryWith({
      'pricing.md': articleText('pricing', { related: '[region-codes]' }),
    });
    expect(() => loadArticles(dangling)).toThrow(
      'Guide article pricing.md: related "region-codes" is not an article',
    );
    const clash = directoryWith({
      'pricing.md': articleText('pricing'),
      'region-codes.md': articleText('region-codes'),
    });
    expect(() => loadArticles(clash)).toThrow(
      'Guide article region-codes.md: order 10 in group orders is also used by pricing.md',
    );
  });

  it('ignores files that are not Markdown', () => {
    const dir = directoryWith({ 'pricing.md': articleText('pricing'), 'notes.txt': 'scratch' });
    expect(loadArticles(dir).map((a) => a.slug)).toEqual(['pricing']);
  });
});
