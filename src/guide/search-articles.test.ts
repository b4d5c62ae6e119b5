import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { loadArticles } from './load-articles.ts';
import { searchArticles } from './search-articles.ts';

const env = parseEnv({ LOG_LEVEL: 'silent', MAIL_DOMAIN: 'mail.tenpo.test' });
const articles = loadArticles(fileURLToPath(new URL('./fixtures/', import.meta.url)));
const slugs = (q: string, locale: 'en' | 'ja' = 'en') =>
  searchArticles(articles, env, locale, q).map((hit) => hit.article.slug);

describe('searching the guide', () => {
  it('finds words in bodies, case-insensitively and by the start of a word', () => {
    expect(slugs('SPAM folder')).toEqual(['if-you-do-not-receive-an-email']);
    expect(slugs('charg')).toEqual(['payment-methods']);
  });

  it('searches the text with facts filled in, not the placeholders', () => {
    expect(slugs('mail.tenpo.test')).toEqual(['if-you-do-not-receive-an-email']);
    expect(slugs('sender_domain')).toEqual([]);
    expect(slugs('Oceania')).toEqual(['shipping-info']);
  });

  it('needs every word and ranks title matches first', () => {
    expect(slugs('paypal balance')).toEqual(['using-paypal']);
    expect(slugs('paypal nonexistentword')).toEqual([]);
    // Both titles start with "pay"; only PayPal's body says it again.
    expect(slugs('pay')[0]).toBe('using-paypal');
    expect(slugs('pay')).toContain('payment-methods');
  });

  it('searches Japanese bodies by two-character pieces', () => {
    expect(slugs('迷惑メール', 'ja')).toEqual(['if-you-do-not-receive-an-email']);
    expect(slugs('メール届かない', 'ja')).toEqual(['if-you-do-not-receive-an-email']);
    expect(slugs('ＰａｙＰａｌ', 'ja')).toEqual(['using-paypal']);
    // Most pieces must be there: one shared piece is not a match.
    expect(slugs('迷惑な支払い', 'ja')).toEqual([]);
  });

  it("looks at the visitor's language, plus titles in the other one", () => {
    expect(slugs('迷惑メール', 'en')).toEqual([]);
    expect(slugs('お支払い方法', 'en')).toEqual(['payment-methods']);
    expect(slugs('payment methods', 'ja')).toEqual(['payment-methods']);
    expect(slugs('balance', 'ja')).toEqual([]);
  });

  it('gives a snippet around the first match in the body', () => {
    const [hit] = searchArticles(articles, env, 'en', 'spam');
    expect(hit!.snippet).toContain('look in your spam folder');
    expect(hit!.snippet.length).toBeLessThanOrEqual(162);
  });

  it('answers nothing for an empty or punctuation-only query', () => {
    expect(slugs('')).toEqual([]);
    expect(slugs('  !!! ')).toEqual([]);
  });
});
