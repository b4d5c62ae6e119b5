import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { inquiryCategories } from '../support/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';
import { factNames, guideFacts } from './facts.ts';
import { type Article, guideDirectory, loadArticles } from './load-articles.ts';
import { renderArticle } from './render-article.ts';

// The real articles in content/guide: this file fails when one is missing, names a setting that
// does not exist, or changes status without the list below changing with it.

/** Every topic the guide must have (/work/notes/articles.md), as group → slug → order. */
const REQUIRED: Record<Article['group'], Record<string, number>> = {
  orders: {
    'product-orders': 10,
    'products-limited-to-domestic-sale': 20,
    pricing: 30,
    'exchange-rates': 40,
    'region-codes': 50,
    'separate-and-combined-shipments': 60,
    'gift-wrapping': 70,
    'purchasing-digital-content': 80,
    'message-cards': 90,
    'order-changes-and-cancellations': 100,
  },
  payment: { 'payment-methods': 10, 'using-a-credit-card': 20, 'using-paypal': 30 },
  shipping: {
    'selecting-a-shipping-method': 10,
    'entering-your-shipping-information': 20,
    dhl: 30,
    fedex: 40,
    'tenso-forwarding': 50,
    'customs-duties': 60,
    'shipping-times': 70,
    'tracking-your-package': 80,
    'missed-delivery-pickup': 90,
  },
  members: {
    'member-id-and-membership': 10,
    'check-your-member-id': 20,
    'becoming-a-member': 30,
    'changing-your-member-information': 40,
    'fan-club-and-member-sites': 50,
    'forgot-your-password': 60,
    'email-newsletter': 70,
    'cancelling-your-membership': 80,
  },
  points: {
    points: 10,
    'getting-points': 20,
    'using-points': 30,
    'points-expiration': 40,
    'checking-your-points': 50,
  },
  returns: { 'exchanges-and-returns': 10, 'defective-items': 20 },
  mail: {
    'if-you-do-not-receive-an-email': 10,
    security: 20,
    'system-requirements': 30,
    'if-you-get-an-error-message': 40,
  },
  footer: {
    'shipping-info': 10,
    'how-to-use-points': 20,
    'privacy-policy': 30,
    'terms-of-use': 40,
  },
};

/**
 * Articles about parts of the shop that are not built yet. When a part lands and its article is
 * rewritten as live (or a new gap gets a pending article), change this list in the same commit.
 */
const PENDING = [
  'checking-your-points',
  'dhl',
  'exchange-rates',
  'exchanges-and-returns',
  'fedex',
  'getting-points',
  'how-to-use-points',
  'missed-delivery-pickup',
  'points',
  'points-expiration',
  'purchasing-digital-content',
  'tenso-forwarding',
  'using-points',
];

const articles = loadArticles(guideDirectory);
const bySlug = new Map(articles.map((a) => [a.slug, a]));
// Both ways a fact can read: mail with one link and mail without links.
const envs = [
  parseEnv({ LOG_LEVEL: 'silent' }),
  parseEnv({ LOG_LEVEL: 'silent', MAIL_LINKS: 'none', MAIL_DOMAIN: 'mail.shop.example' }),
];
const facts = new Set(factNames(envs[0]!));
const bodies = (a: Article) => [a.body.en, a.body.ja];

describe('the articles in content/guide', () => {
  it('has every required topic in its group and place', () => {
    const expected = Object.entries(REQUIRED).flatMap(([group, slugs]) =>
      Object.entries(slugs).map(([slug, order]) => `${group}/${slug}/${String(order)}`),
    );
    const missing = expected.filter((place) => {
      const [group, slug, order] = place.split('/');
      const article = bySlug.get(slug!);
      return !article || article.group !== group || String(article.order) !== order;
    });
    expect(missing).toEqual([]);
  });

  it('lists the pending articles, so none is forgotten when its part of the shop lands', () => {
    const pending = articles.filter((a) => a.status === 'pending');
    console.info(
      `Pending guide articles (${String(pending.length)}):\n${pending
        .map((a) => `  ${a.slug}: ${a.pending}`)
        .join('\n')}`,
    );
    expect(pending.map((a) => a.slug).sort()).toEqual([...PENDING].sort());
  });

  it('names only facts that exist', () => {
    const unknown = articles.flatMap((a) =>
      bodies(a).flatMap((body) =>
        [...body.matchAll(/\{\{([^{}]*)\}\}/g)]
          .map((m) => m[1]!.trim())
          .filter((name) => !facts.has(name))
          .map((name) => `${a.file}: {{${name}}}`),
      ),
    );
    expect(unknown).toEqual([]);
  });

  it('never types a configured name or address that a fact provides', () => {
    // Distinctive values only: a bare "10" or "5000" also appears in ordinary sentences.
    const env = parseEnv({});
    const en = guideFacts(env, 'en');
    const typed = [en.sender_domain!, en.sender_address!, en.support_address!, en.card_brands!];
    const found = articles.flatMap((a) =>
      bodies(a).flatMap((body) =>
        typed.filter((value) => body.includes(value)).map((value) => `${a.file}: ${value}`),
      ),
    );
    expect(found).toEqual([]);
  });

  it('renders every article in both languages with every fact filled in', () => {
    for (const env of envs)
      for (const article of articles)
        for (const locale of ['en', 'ja'] as const) {
          const { html, text } = renderArticle(article, env, locale);
          const where = `${article.file} (${locale})`;
          expect(text.length, where).toBeGreaterThan(40);
          expect(html, where).not.toMatch(/\{\{|\}\}/);
        }
  });

  it('uses Markdown only: no raw HTML, no first-level headings, no broken tables', () => {
    const problems = articles.flatMap((a) =>
      bodies(a).flatMap((body) => {
        const found: string[] = [];
        if (/<\/?[a-z][^>]*>/i.test(body.replace(/<!--[\s\S]*?-->/g, '')))
          found.push(`${a.file}: raw HTML`);
        if (/^#\s/m.test(body)) found.push(`${a.file}: "# " heading (the title is the h1)`);
        return found;
      }),
    );
    expect(problems).toEqual([]);
    for (const article of articles)
      for (const locale of ['en', 'ja'] as const)
        expect(renderArticle(article, envs[0]!, locale).html, article.file).not.toMatch(
          /^\|.*\|$/m,
        );
  });

  it('links only to articles that exist and inquiry categories that exist', () => {
    const broken: string[] = [];
    for (const article of articles)
      for (const locale of ['en', 'ja'] as const) {
        const { html } = renderArticle(article, envs[0]!, locale);
        for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) {
          const url = new URL(href!.replace(/&amp;/g, '&'), 'http://shop.test');
          if (url.host !== 'shop.test') continue;
          const guide = url.pathname.match(/^\/guide\/([^/]+)$/);
          if (guide && !bySlug.has(guide[1]!)) broken.push(`${article.file}: ${href}`);
          const category = url.pathname === '/inquiry' ? url.searchParams.get('category') : null;
          if (category && !(inquiryCategories as readonly string[]).includes(category))
            broken.push(`${article.file}: ${href}`);
        }
      }
    expect(broken).toEqual([]);
  });
});

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[ch]};`,
  );

describeEachDatabase('the real guide over HTTP', (kind) => {
  const { app } = useTestWorld(kind);

  it('links every article from the guide top and serves each in both languages', async () => {
    for (const locale of ['en', 'ja'] as const) {
      const browser = formClient(app);
      browser.cookies.set('tp_lang', locale);
      const top = await browser.get('/guide');
      expect(top.status).toBe(200);
      for (const article of articles) {
        expect(top.html, article.slug).toContain(`href="/guide/${article.slug}"`);
        const page = await browser.get(`/guide/${article.slug}`);
        expect(page.status, `${article.slug} (${locale})`).toBe(200);
        expect(page.html).toContain(`<h1>${escapeHtml(article.title[locale])}</h1>`);
        expect(page.html).toContain(`action="/guide/${article.slug}/feedback"`);
      }
    }
  });
});
