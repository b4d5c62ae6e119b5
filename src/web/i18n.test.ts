import { describe, expect, it } from 'vitest';
import { type EachKeyOnce, en, ja, type Message } from './dictionary.ts';
import { translator } from './i18n.ts';

/** Every wording of a message: the string, or each plural form. */
function wordings(message: Message): string[] {
  if (typeof message === 'string') return [message];
  const { plural: _, ...forms } = message;
  return Object.values(forms).filter((form) => form !== undefined);
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

describe('the dictionary', () => {
  it('has the same keys in English and Japanese', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('fills the same placeholders in every language and every plural form of a message', () => {
    const differing: string[] = [];
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const all = [...wordings(en[key]), ...wordings(ja[key])].map((w) => placeholders(w).join());
      if (new Set(all).size !== 1) differing.push(key);
    }
    expect(differing).toEqual([]);
  });

  it('gives plural forms only where the language tells them apart, always with "other"', () => {
    for (const [locale, dict] of [
      ['en', en],
      ['ja', ja],
    ] as const) {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const message of Object.values(dict)) {
        if (typeof message === 'string') continue;
        const { plural: _, ...forms } = message;
        expect(forms.other).toBeTypeOf('string');
        for (const form of Object.keys(forms)) expect(categories).toContain(form);
      }
    }
  });

  it('refuses to compile when two domains define the same key', () => {
    // @ts-expect-error: 'nav.home' is in both parts
    const clash: EachKeyOnce<[{ 'nav.home': 'Home' }, { 'nav.home': 'Top' }]> = true;
    const apart: EachKeyOnce<[{ 'nav.home': 'Home' }, { 'nav.cart': 'Cart' }]> = true;
    expect([clash, apart]).toEqual([true, true]);
  });
});

describe('plural forms', () => {
  const t = { en: translator('en'), ja: translator('ja') };

  it('counts items and minutes in English: one, then many', () => {
    expect(t.en('catalog.results', { count: 1 })).toBe('1 item');
    expect(t.en('catalog.results', { count: 2 })).toBe('2 items');
    expect(t.en('catalog.results', { count: 0 })).toBe('0 items');
    expect(t.en('error.tooMany', { minutes: 1 })).toBe(
      'Too many attempts. Please wait 1 minute and try again.',
    );
    expect(t.en('error.tooMany', { minutes: 2 })).toBe(
      'Too many attempts. Please wait 2 minutes and try again.',
    );
    expect(t.en('code.wrong', { count: 1 })).toBe(
      'That code is not right. You can try 1 more time.',
    );
    expect(t.en('error.notEnoughStock', { count: 1, title: 'Badge' })).toBe(
      'Only 1 of "Badge" is left.',
    );
    expect(t.en('error.notEnoughStock', { count: 2, title: 'Badge' })).toBe(
      'Only 2 of "Badge" are left.',
    );
  });

  it('picks the form by a count that is not in the text', () => {
    expect(t.en('profile.cancelOpenOrders', { count: 1, numbers: 'TP-1' })).toContain(
      'until this order is delivered',
    );
    expect(t.en('profile.cancelOpenOrders', { count: 2, numbers: 'TP-1, TP-2' })).toContain(
      'until these orders are delivered',
    );
  });

  it('writes Japanese counts one way for every number', () => {
    expect(t.ja('catalog.results', { count: 1 })).toBe('1件');
    expect(t.ja('catalog.results', { count: 2 })).toBe('2件');
    expect(t.ja('error.tooMany', { minutes: 1 })).toBe(
      '試行回数が多すぎます。1分ほど待ってから、もう一度お試しください。',
    );
    expect(t.ja('error.tooMany', { minutes: 2 })).toBe(
      '試行回数が多すぎます。2分ほど待ってから、もう一度お試しください。',
    );
  });

  it('falls back to the "other" form when the number is missing', () => {
    expect(t.en('catalog.results')).toBe('{count} items');
  });
});
