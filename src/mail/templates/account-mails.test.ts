import { describe, expect, it } from 'vitest';
import { parseMailPayload } from '../payloads.ts';
import type { accountTemplates } from './account-mails.ts';
import { renderHtml, renderText } from './layout.ts';
import type { MailContext } from './mail-content.ts';
import { mailContent } from './registry.ts';

type Topic = keyof typeof accountTemplates;

const payloads: Record<string, [Topic, Record<string, unknown>, string[]]> = {
  registration: [
    'registration_code',
    { code: '482913', minutes: 10, memberCode: 'Hana_26' },
    ['482913', 'Hana_26'],
  ],
  attempt: [
    'registration_attempt',
    { memberCode: 'Hana_26', at: '2026-03-01T05:30:00.000Z', confirmed: true, holdHours: 24 },
    ['Hana_26', '14:30 (JST)'],
  ],
  attemptUnconfirmed: [
    'registration_attempt',
    { memberCode: 'Hana_26', at: '2026-03-01T05:30:00.000Z', confirmed: false, holdHours: 24 },
    ['Hana_26', '24'],
  ],
  emailChangeCode: [
    'email_change_code',
    { code: '104729', minutes: 10, memberCode: 'Hana_26' },
    ['104729', 'Hana_26'],
  ],
  emailChanged: [
    'email_changed',
    { oldEmail: 'old@example.com', newEmail: 'new@example.jp', memberCode: 'Hana_26' },
    ['new@example.jp', 'Hana_26'],
  ],
  reset: [
    'password_reset',
    { registered: true, code: '550211', token: 'tok-EN_123', minutes: 30, memberCode: 'Hana_26' },
    ['550211', 'Hana_26', '30'],
  ],
  resetUnknown: ['password_reset', { registered: false }, []],
  lookup: ['member_lookup', { registered: true, code: '930114', minutes: 10 }, ['930114']],
  lookupUnknown: ['member_lookup', { registered: false }, []],
};

function render(topic: Topic, payload: Record<string, unknown>, locale: 'en' | 'ja') {
  const ctx: MailContext = {
    locale,
    shopName: 'Tenpo',
    fromAddress: 'shop@tenpo.example',
    recipient: 'hana@example.com',
    orderUrl: null,
  };
  return mailContent(topic, {
    ctx,
    payload: parseMailPayload(topic, payload),
    detail: null,
    publicUrl: 'https://shop.test',
  });
}

describe('account mails', () => {
  for (const [name, [topic, payload, facts]] of Object.entries(payloads)) {
    for (const locale of ['en', 'ja'] as const) {
      it(`${name} (${locale}) says what it must, in text and HTML, with no URL when links are off`, () => {
        const mail = render(topic, payload, locale);
        expect(mail.subject.length).toBeGreaterThan(5);
        const text = renderText(mail.body, true);
        const html = renderHtml(mail.body, true);
        for (const fact of facts) {
          expect(text).toContain(fact);
          expect(html).toContain(fact);
        }
        expect(renderText(mail.body, false)).not.toMatch(/https?:/);
        expect(renderHtml(mail.body, false)).not.toMatch(/href=/);
        if (locale === 'ja') expect(text).toMatch(/[\u3040-\u30ff]/);
      });
    }
  }

  it('links the reset mail to the reset page with its token, and codes never appear for unknown addresses', () => {
    const reset = render('password_reset', payloads.reset![1], 'en');
    expect(reset.body.action?.url).toBe(
      'https://shop.test/account/password/reset?token=tok-EN_123',
    );
    const unknown = renderText(render('member_lookup', { registered: false }, 'en').body, true);
    expect(unknown).toContain('No member ID uses this address');
    expect(unknown).toContain('https://shop.test/account/register');
    expect(unknown).not.toMatch(/\d{6}/);
    const attempt = render('registration_attempt', payloads.attempt![1], 'en');
    expect(attempt.body.action?.url).toBe('https://shop.test/account/sign-in');
    const attemptText = renderText(attempt.body, false);
    expect(attemptText).toContain(
      'Someone tried to create a new Tenpo member ID with this address',
    );
    expect(attemptText).toContain('your member ID is Hana_26');
    expect(attemptText).toContain('Forgot your password?');
    expect(attemptText).toContain('nothing was changed');
    expect(attemptText).not.toMatch(/\d{6}/);
    const changed = renderText(
      render('email_changed', payloads.emailChanged![1], 'en').body,
      false,
    );
    expect(changed).toContain('If you did not make this change');
  });
});
