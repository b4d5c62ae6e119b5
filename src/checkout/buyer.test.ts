import { describe, expect, it } from 'vitest';
import { checkoutBuyer, orderLocale } from './buyer.ts';

const member = { id: 'm-1', email: 'hanako@example.jp', locale: 'ja' as const };

describe("an order's language", () => {
  it('follows the language the request asks for, even over the member setting', () => {
    expect(orderLocale('en', member)).toBe('en');
    expect(orderLocale('ja', null)).toBe('ja');
  });

  it("falls back to the member's chosen language when the request names none", () => {
    expect(orderLocale(null, member)).toBe('ja');
    expect(orderLocale(null, { locale: 'en' })).toBe('en');
  });

  it('is English for a guest whose request names no language', () => {
    expect(orderLocale(null, null)).toBe('en');
  });
});

describe('the buyer of a checkout', () => {
  it("uses a member's account email and id, whatever address came with the request", () => {
    expect(checkoutBuyer(member, 'typed@example.com', null)).toEqual({
      memberId: 'm-1',
      email: 'hanako@example.jp',
      locale: 'ja',
    });
  });

  it("uses a guest's checked address, in the requested language", () => {
    expect(checkoutBuyer(null, 'guest@example.com', 'ja')).toEqual({
      memberId: null,
      email: 'guest@example.com',
      locale: 'ja',
    });
  });

  it('refuses a guest without an email address', () => {
    expect(() => checkoutBuyer(null, null, 'en')).toThrow(/email/);
  });
});
