import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { checkEmailAddress } from './check-email-address.ts';
import { fakeDns } from './fake-dns.ts';
import { editDistance, suggestDomain, suggestedDomains } from './typo-suggestions.ts';

describe('typo suggestions', () => {
  it.each([
    ['gmial.com', 'gmail.com'],
    ['gmai.com', 'gmail.com'],
    ['gnail.com', 'gmail.com'],
    ['gmail.co', 'gmail.com'],
    ['gmail.con', 'gmail.com'],
    ['gmail,com', 'gmail.com'],
    ['gmail.com.', 'gmail.com'],
    ['docomo.ne.jo', 'docomo.ne.jp'],
    ['docomo.ne.jpp', 'docomo.ne.jp'],
    ['docono.ne.jp', 'docomo.ne.jp'],
    ['ezweb.ne.jo', 'ezweb.ne.jp'],
    ['ezwab.ne.jp', 'ezweb.ne.jp'],
    ['softbank.ne.jo', 'softbank.ne.jp'],
    ['softbank.jp', 'i.softbank.jp'],
    ['yahoo.co.jo', 'yahoo.co.jp'],
    ['yaho.co.jp', 'yahoo.co.jp'],
    ['yahooo.com', 'yahoo.com'],
    ['icloud.co', 'icloud.com'],
    ['iclod.com', 'icloud.com'],
    ['outlok.com', 'outlook.com'],
    ['hotmial.com', 'hotmail.com'],
    ['hotmail.co.jo', 'hotmail.co.jp'],
    ['qq.con', 'qq.com'],
    ['au.con', 'au.com'],
    ['naver.con', 'naver.com'],
    ['navre.com', 'naver.com'],
    ['example.con', 'example.com'],
    ['example.co.jo', 'example.co.jp'],
  ])('%s → %s', (typed, meant) => {
    expect(suggestDomain(typed)).toBe(meant);
  });

  it.each([
    ...suggestedDomains,
    'ymail.com',
    'mail.com',
    'me.com',
    'example.com',
    'example.co.jp',
    'tenpo.example',
    'q.com',
    'xn--wgv71a119e.jp',
  ])('suggests nothing for %s', (domain) => {
    expect(suggestDomain(domain)).toBeNull();
  });

  it('measures swaps as one edit', () => {
    expect(editDistance('gmial.com', 'gmail.com')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests the whole address with the local part as typed, without blocking', async () => {
    const check = await checkEmailAddress('Taro.Yamada@gmial.com', {
      env: parseEnv({}),
      dns: fakeDns({ 'gmial.com': { a: ['192.0.2.1'] } }),
    });
    expect(check).toMatchObject({ verdict: 'ok', suggestion: 'Taro.Yamada@gmail.com' });
  });

  it('suggests nothing for an address already at a known domain', async () => {
    const check = await checkEmailAddress('taro@gmail.com', {
      env: parseEnv({ DNS_SERVERS: 'off' }),
    });
    expect(check.suggestion).toBeNull();
  });

  it('suggests alongside a rejection, such as a mobile domain that does not exist', async () => {
    const check = await checkEmailAddress('hanako@docomo.ne.jo', {
      env: parseEnv({}),
      dns: fakeDns({}),
    });
    expect(check).toMatchObject({
      verdict: 'reject',
      suggestion: 'hanako@docomo.ne.jp',
      problems: [{ code: 'domain_not_found' }],
    });
  });
});
