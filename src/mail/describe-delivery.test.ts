import { describe, expect, it } from 'vitest';
import { formatTokyoTime } from '../lib/japan-time.ts';
import { bounceReasonKey, describeDelivery, describeSuppression } from './describe-delivery.ts';
import type { MailEvent, OutboxMessage } from './tables.ts';

// 01:42 UTC is 10:42 in Tokyo.
const queuedAt = new Date('2026-11-26T01:40:00Z');
const sentAt = new Date('2026-11-26T01:42:00Z');
const retryAt = new Date('2026-11-26T02:05:00Z');

type Message = Pick<OutboxMessage, 'state' | 'sentAt' | 'nextAttemptAt'>;
type Event = Pick<MailEvent, 'type' | 'detail' | 'at'>;

const message = (state: Message['state'], extra: Partial<Message> = {}): Message => ({
  state,
  sentAt: null,
  nextAttemptAt: queuedAt,
  ...extra,
});
const event = (type: Event['type'], detail: Record<string, unknown> = {}, at = sentAt): Event => ({
  type,
  detail,
  at,
});
const queued = event('queued', {}, queuedAt);

const bounce = (status: string | null, diagnostic: string) => [
  queued,
  event('sent', { response: '250 OK' }),
  event('bounced', { bounceClass: 'hard', status, diagnostic }),
];

describe('describeDelivery', () => {
  it('says a queued or sending message is waiting to be sent', () => {
    expect(describeDelivery(message('queued'), [queued], 'en')).toEqual({
      tone: 'waiting',
      text: 'Waiting to be sent',
      at: null,
    });
    expect(describeDelivery(message('sending'), [queued], 'ja').text).toBe('送信待ちです');
  });

  it("says when the provider's server accepted a sent message, in Japan time", () => {
    const sent = message('sent', { sentAt });
    const events = [queued, event('sent', { response: '250 OK' })];
    expect(describeDelivery(sent, events, 'en')).toEqual({
      tone: 'ok',
      text: "Accepted by your provider's server at 10:42 (26 Nov)",
      at: sentAt,
    });
    expect(describeDelivery(sent, events, 'ja').text).toBe(
      'お客様のメールサーバーが 11月26日 10:42 に受け取りました',
    );
  });

  it('takes the sent time from the timeline when the message lacks it', () => {
    const events = [queued, event('sent', {}, new Date('2026-11-26T16:05:00Z'))];
    expect(describeDelivery(message('sent'), events, 'en').text).toBe(
      "Accepted by your provider's server at 01:05 (27 Nov)",
    );
  });

  it('says a deferred message will be tried again, and when', () => {
    const deferred = message('deferred', { nextAttemptAt: retryAt });
    const events = [queued, event('deferred', { code: 451, nextAttemptAt: retryAt.toISOString() })];
    expect(describeDelivery(deferred, events, 'en')).toMatchObject({
      tone: 'waiting',
      text: 'Your provider is not accepting it right now; we will try again at 11:05 (26 Nov)',
    });
    expect(describeDelivery(deferred, events, 'ja').text).toBe(
      'お客様のメールサーバーが現在受け付けていません。11月26日 11:05 に再送します',
    );
  });

  it('names the reason a provider refused a message, from its status', () => {
    const cases: [string | null, string, string, string][] = [
      [
        '5.1.1',
        '550 5.1.1 <x@example.com>: Recipient address rejected',
        'the address does not exist',
        'このアドレスは存在しません',
      ],
      ['5.2.2', '552 5.2.2 Mailbox full', 'the mailbox is full', 'メールボックスが満杯です'],
      [
        '5.7.1',
        '554 5.7.1 Message rejected as spam',
        'it was blocked as possible spam',
        '迷惑メールの疑いでブロックされました',
      ],
      [
        '5.4.4',
        '554 5.4.4 Unable to route',
        'the address could not accept it',
        'このアドレスでは受け取れませんでした',
      ],
    ];
    for (const [status, diagnostic, en, ja] of cases) {
      const events = bounce(status, diagnostic);
      expect(describeDelivery(message('bounced'), events, 'en')).toMatchObject({
        tone: 'problem',
        text: `Your provider refused it: ${en}`,
        at: sentAt,
      });
      expect(describeDelivery(message('bounced'), events, 'ja').text).toBe(
        `お客様のメールサーバーが受け取りを拒否しました：${ja}`,
      );
    }
  });

  it('reads the reason from the diagnostic text when a bounce has no status', () => {
    expect(bounceReasonKey(null, 'mailbox is full (over quota)')).toBe('bounce.mailboxFull');
    expect(bounceReasonKey(null, '550 5.1.1 user unknown')).toBe('bounce.noSuchAddress');
    expect(bounceReasonKey('', 'No such user here')).toBe('bounce.noSuchAddress');
    expect(bounceReasonKey(null, 'something odd happened')).toBe('bounce.other');
  });

  it('says a message was marked as spam', () => {
    const events = [queued, event('complained', { feedbackType: 'abuse' })];
    expect(describeDelivery(message('complained'), events, 'en').text).toBe(
      'Marked as spam by you or your provider',
    );
    expect(describeDelivery(message('complained'), events, 'ja').text).toBe(
      'お客様またはご利用のメールサービスにより迷惑メールとして報告されました',
    );
  });

  it('says a suppressed message was not sent because the address is blocked', () => {
    const events = [queued, event('suppressed', { reason: 'hard_bounce' })];
    expect(describeDelivery(message('suppressed'), events, 'en')).toMatchObject({
      tone: 'problem',
      text: 'Not sent: this address is blocked after earlier failures',
    });
    expect(describeDelivery(message('suppressed'), events, 'ja').text).toBe(
      '未送信：以前お届けできなかったため、このアドレスへの送信を停止しています',
    );
    const afterComplaint = [queued, event('suppressed', { reason: 'complaint' })];
    expect(describeDelivery(message('suppressed'), afterComplaint, 'en').text).toBe(
      'Not sent: mail to this address was reported as spam before',
    );
  });

  it('says a failed message could not be delivered', () => {
    const rendered = [queued, event('failed', { reason: 'render_failed' })];
    expect(describeDelivery(message('failed'), rendered, 'en').text).toBe('Could not be delivered');
    expect(describeDelivery(message('failed'), rendered, 'ja').text).toBe('お届けできませんでした');
    const exhausted = [queued, event('failed', { reason: 'retries_exhausted' })];
    expect(describeDelivery(message('failed'), exhausted, 'en').text).toMatch(
      /^Could not be delivered: your provider did not accept it/,
    );
  });
});

describe('describeSuppression', () => {
  it('explains why an address is suppressed, reusing the bounce reasons', () => {
    const hard = { reason: 'hard_bounce', detail: '5.1.1 550 5.1.1 user unknown' };
    expect(describeSuppression(hard, 'en')).toBe(
      'your provider refused our mail because the address does not exist',
    );
    expect(describeSuppression(hard, 'ja')).toBe(
      'メールサーバーに受け取りを拒否されました（このアドレスは存在しません）',
    );
    expect(describeSuppression({ reason: 'complaint', detail: 'abuse' }, 'en')).toMatch(/spam/);
    expect(describeSuppression({ reason: 'soft_bounces', detail: '' }, 'ja')).toMatch(/何度も/);
  });
});

describe('formatTokyoTime', () => {
  it('writes Japan time with the day, in each language', () => {
    const date = new Date('2026-12-31T15:30:00Z');
    expect(formatTokyoTime(date, 'en')).toBe('00:30 (1 Jan)');
    expect(formatTokyoTime(date, 'ja')).toBe('1月1日 00:30');
  });
});
