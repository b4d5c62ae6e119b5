import { describe, expect, it } from 'vitest';
import type { Tx } from '../db/client.ts';
import { enqueueMail, type MailTopic } from './enqueue-mail.ts';
import { parseMailPayload } from './payloads.ts';

/**
 * Never called: `npm run typecheck` checks these. Each line must stay a compile error; if one
 * compiles, its `@ts-expect-error` is unused and the typecheck fails.
 */
// biome-ignore lint/correctness/noUnusedVariables: only the compiler runs it
function mailsThatDoNotCompile(tx: Tx, now: Date, someTopic: MailTopic) {
  const to = { recipient: 'hana@example.com', locale: 'en' as const, now };
  return [
    enqueueMail(tx, {
      ...to,
      topic: 'registration_code',
      // @ts-expect-error the code mail without its code would reach the customer with a blank
      payload: { minutes: 10, memberCode: 'H' },
    }),
    enqueueMail(tx, {
      ...to,
      topic: 'verification_code',
      // @ts-expect-error a purpose the template has no words for
      payload: { code: '123456', purpose: 'sign_in', minutes: 10 },
    }),
    enqueueMail(tx, {
      ...to,
      topic: 'staff_locked',
      // @ts-expect-error a field no template reads is a typo of one it does
      payload: { name: 'Sato', failures: 10, at: now.toISOString(), clientAdress: '' },
    }),
    // @ts-expect-error a topic known only as "some topic" cannot take an unchecked payload
    enqueueMail(tx, { ...to, topic: someTopic, payload: { code: '123456' } }),
  ];
}

describe('a stored payload at the render edge', () => {
  it('refuses a payload that lacks what its template needs, naming the field', () => {
    expect(() => parseMailPayload('registration_code', { code: '482913', minutes: 10 })).toThrow(
      /registration_code payload does not match[\s\S]*memberCode/,
    );
    expect(() =>
      parseMailPayload('password_reset', { registered: true, code: '550211', minutes: 30 }),
    ).toThrow(/password_reset/);
  });

  it('reads a cancellation queued before refunds existed as a voided authorisation', () => {
    expect(parseMailPayload('order_cancelled', { orderNumber: 'TP-261126-A1B2C3' })).toEqual({
      orderNumber: 'TP-261126-A1B2C3',
      refunded: false,
      why: null,
    });
  });

  it('keeps what the template reads and drops what it was not given a type for', () => {
    expect(
      parseMailPayload('inquiry_reply', {
        inquiryNumber: 'Q-261126-0042',
        name: 'Taro Yamada',
        body: 'It ships today.',
        resentBy: 'sato',
      }),
    ).toEqual({ inquiryNumber: 'Q-261126-0042', name: 'Taro Yamada', body: 'It ships today.' });
  });
});
