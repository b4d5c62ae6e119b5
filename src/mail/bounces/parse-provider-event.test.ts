import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProviderPayload } from './parse-provider-event.ts';

const text = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const json = (name: string) => JSON.parse(text(name)) as Record<string, unknown>;
const sns = (type: string) => ({ 'x-amz-sns-message-type': type });

/** Rewrites the SES message inside an SNS envelope. */
function withSesMessage(name: string, change: (message: Record<string, unknown>) => unknown) {
  const envelope = json(name);
  const message = JSON.parse(envelope.Message as string);
  return { ...envelope, Message: JSON.stringify(change(message)) };
}

describe('parseProviderPayload: Amazon SES through SNS', () => {
  it('hands back the SubscribeURL of a subscription confirmation', () => {
    const body = json('ses-subscription-confirmation.json');
    expect(parseProviderPayload(body, sns('SubscriptionConfirmation'))).toEqual({
      kind: 'ses_subscription',
      subscribeUrl: body.SubscribeURL,
      topicArn: 'arn:aws:sns:ap-northeast-1:123456789012:tenpo-ses-events',
    });
  });

  it('refuses a subscription confirmation whose SubscribeURL is not Amazon SNS', () => {
    const body = {
      ...json('ses-subscription-confirmation.json'),
      SubscribeURL: 'https://sns.ap-northeast-1.amazonaws.com.evil.example/confirm',
    };
    expect(parseProviderPayload(body, {})).toEqual({
      kind: 'invalid',
      reason: 'SubscribeURL is not an Amazon SNS address',
    });
  });

  it('reads a permanent bounce as hard, with our id from the headers and not SES’s', () => {
    const payload = parseProviderPayload(json('ses-bounce-permanent.json'), sns('Notification'));
    expect(payload).toEqual({
      kind: 'events',
      events: [
        {
          kind: 'bounce',
          provider: 'ses',
          messageId: '3a0c9506-1295-4009-92fe-3e3262f5e752',
          recipient: 'nobody.here@example.com',
          status: '5.1.1',
          bounceClass: 'hard',
          diagnostic:
            '550 5.1.1 <nobody.here@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
          reportingMta: 'a27-35.smtp-out.ap-northeast-1.amazonses.com',
        },
      ],
    });
  });

  it('accepts the SNS body as the raw text SNS posts', () => {
    const payload = parseProviderPayload(text('ses-bounce-permanent.json'), {});
    expect(payload.kind === 'events' && payload.events[0]?.kind).toBe('bounce');
  });

  it('reads a transient bounce as soft', () => {
    const body = withSesMessage('ses-bounce-permanent.json', (m) => ({
      ...m,
      bounce: { ...(m.bounce as object), bounceType: 'Transient', bounceSubType: 'MailboxFull' },
    }));
    const payload = parseProviderPayload(body, {});
    expect(payload).toMatchObject({ kind: 'events', events: [{ bounceClass: 'soft' }] });
  });

  it('classifies an undetermined bounce by its status', () => {
    const body = withSesMessage('ses-bounce-permanent.json', (m) => ({
      ...m,
      bounce: {
        bounceType: 'Undetermined',
        bouncedRecipients: [
          { emailAddress: 'x@example.com', diagnosticCode: 'smtp; 452 4.2.2 full' },
        ],
      },
    }));
    expect(parseProviderPayload(body, {})).toMatchObject({
      kind: 'events',
      events: [{ status: '4.2.2', bounceClass: 'soft', diagnostic: '452 4.2.2 full' }],
    });
  });

  it('reads a complaint, taking our id from the Message-ID header', () => {
    const payload = parseProviderPayload(json('ses-complaint.json'), sns('Notification'));
    expect(payload).toEqual({
      kind: 'events',
      events: [
        {
          kind: 'complaint',
          provider: 'ses',
          messageId: 'da4c1b6f-a67a-4788-996d-342e31ca13f7',
          recipient: 'tired.fan@yahoo.co.jp',
          feedbackType: 'abuse',
          userAgent: 'Yahoo!-Mail-Feedback/2.0',
        },
      ],
    });
  });

  it('falls back to commonHeaders.messageId when the headers are missing', () => {
    const body = withSesMessage('ses-complaint.json', (m) => ({
      ...m,
      mail: { ...(m.mail as object), headers: undefined },
    }));
    const payload = parseProviderPayload(body, {});
    expect(payload).toMatchObject({
      events: [{ messageId: 'da4c1b6f-a67a-4788-996d-342e31ca13f7' }],
    });
  });

  it('reads a delivery event', () => {
    expect(parseProviderPayload(json('ses-delivery.json'), {})).toEqual({
      kind: 'events',
      events: [
        {
          kind: 'delivered',
          provider: 'ses',
          messageId: '1d559e82-69f8-45a8-a25e-ac6189a1d2dd',
          recipient: 'happy.fan@gmail.com',
        },
      ],
    });
  });

  it('reads a delivery delay as a soft bounce', () => {
    expect(parseProviderPayload(json('ses-delivery-delay.json'), {})).toMatchObject({
      kind: 'events',
      events: [
        {
          kind: 'bounce',
          messageId: '9d2dd297-ab9f-423f-8184-842e997d548f',
          recipient: 'busy.fan@example.co.jp',
          status: '4.2.2',
          bounceClass: 'soft',
          diagnostic: '452 4.2.2 Mailbox full',
        },
      ],
    });
  });

  it('ignores SES events that say nothing about arrival', () => {
    const body = withSesMessage('ses-delivery.json', (m) => ({ ...m, eventType: 'Open' }));
    expect(parseProviderPayload(body, {})).toEqual({ kind: 'events', events: [] });
  });

  it('rejects a notification whose Message is not JSON', () => {
    const body = { ...json('ses-bounce-permanent.json'), Message: 'not json' };
    expect(parseProviderPayload(body, {}).kind).toBe('invalid');
  });

  it('rejects a message type header that contradicts the body', () => {
    const payload = parseProviderPayload(
      json('ses-subscription-confirmation.json'),
      sns('Notification'),
    );
    expect(payload.kind).toBe('invalid');
  });
});

describe('parseProviderPayload: Postmark', () => {
  it('reads a hard bounce, taking our id from Metadata and not Postmark’s MessageID', () => {
    expect(parseProviderPayload(json('postmark-hard-bounce.json'), {})).toEqual({
      kind: 'events',
      events: [
        {
          kind: 'bounce',
          provider: 'postmark',
          messageId: '0e95520d-2291-4490-96d7-0394a55b0c5a',
          recipient: 'lost.fan@gmail.com',
          status: '5.1.1',
          bounceClass: 'hard',
          diagnostic: expect.stringContaining('tried to reach does not exist'),
          reportingMta: null,
        },
      ],
    });
  });

  it('reads a soft bounce, taking our id from the X-Tenpo-Message-Id header', () => {
    expect(parseProviderPayload(json('postmark-soft-bounce.json'), {})).toMatchObject({
      kind: 'events',
      events: [
        {
          kind: 'bounce',
          messageId: '5ef33622-bac8-44ae-a2cc-932ecfcb119d',
          recipient: 'full.inbox@gmail.com',
          status: '4.2.2',
          bounceClass: 'soft',
          diagnostic: expect.stringContaining('over quota'),
        },
      ],
    });
  });

  it('reads a spam complaint', () => {
    expect(parseProviderPayload(json('postmark-spam-complaint.json'), {})).toEqual({
      kind: 'events',
      events: [
        {
          kind: 'complaint',
          provider: 'postmark',
          messageId: 'b9da4908-d352-461d-928e-1edb1836f307',
          recipient: 'annoyed.fan@hotmail.com',
          feedbackType: 'abuse',
          userAgent: null,
        },
      ],
    });
  });

  it('reads a delivery', () => {
    expect(parseProviderPayload(json('postmark-delivery.json'), {})).toEqual({
      kind: 'events',
      events: [
        {
          kind: 'delivered',
          provider: 'postmark',
          messageId: '60178f3f-d62e-4d63-9498-3ee2cef9b2a1',
          recipient: 'glad.fan@example.com',
        },
      ],
    });
  });

  it.each([
    ['BadEmailAddress', '', 'hard'],
    ['ManuallyDeactivated', '', 'hard'],
    ['Transient', '', 'soft'],
    ['DnsError', '', 'soft'],
    ['Blocked', 'smtp;550 5.7.1 blocked', 'soft'],
    ['Unknown', 'smtp;550 5.1.1 user unknown', 'hard'],
    ['Unknown', 'smtp;451 4.3.0 try later', 'soft'],
  ])('maps bounce type %s (%s) to %s', (type, details, expected) => {
    const body = { ...json('postmark-hard-bounce.json'), Type: type, Details: details };
    expect(parseProviderPayload(body, {})).toMatchObject({
      events: [{ kind: 'bounce', bounceClass: expected }],
    });
  });

  it('reads a bounce record of type SpamComplaint as a complaint', () => {
    const body = { ...json('postmark-hard-bounce.json'), Type: 'SpamComplaint' };
    expect(parseProviderPayload(body, {})).toMatchObject({ events: [{ kind: 'complaint' }] });
  });

  it.each(['AutoResponder', 'Unsubscribe', 'SMTPApiError'])(
    'records nothing for bounce type %s',
    (type) => {
      const body = { ...json('postmark-hard-bounce.json'), Type: type };
      expect(parseProviderPayload(body, {})).toEqual({ kind: 'events', events: [] });
    },
  );

  it('leaves the message id empty when neither Metadata nor Headers carry it', () => {
    const body = { ...json('postmark-hard-bounce.json'), Metadata: {} };
    expect(parseProviderPayload(body, {})).toMatchObject({ events: [{ messageId: null }] });
  });

  it('rejects a bounce without an Email', () => {
    const { Email: _email, ...body } = json('postmark-hard-bounce.json');
    expect(parseProviderPayload(body, {}).kind).toBe('invalid');
  });
});

describe('parseProviderPayload: Tenpo events', () => {
  it('reads bounce, complaint and delivered events', () => {
    const payload = parseProviderPayload(json('tenpo-events.json'), {});
    expect(payload).toEqual({
      kind: 'events',
      events: [
        {
          kind: 'bounce',
          provider: 'tenpo',
          messageId: 'ab92fd66-761a-4592-bfaa-9d74093bc5cd',
          recipient: 'taro.yamada@example.net',
          status: '5.1.1',
          bounceClass: 'hard',
          diagnostic: expect.stringContaining('User unknown'),
          reportingMta: null,
        },
        {
          kind: 'complaint',
          provider: 'tenpo',
          messageId: 'aa00c515-7971-4cd0-be52-097ed8d31512',
          recipient: 'aiko.fan@yahoo.com',
          feedbackType: 'abuse',
          userAgent: null,
        },
        {
          kind: 'delivered',
          provider: 'tenpo',
          messageId: '1d559e82-69f8-45a8-a25e-ac6189a1d2dd',
          recipient: 'happy.fan@gmail.com',
        },
      ],
    });
  });

  it('classifies a bounce that leaves out bounceClass from its status', () => {
    const body = { events: [{ type: 'bounce', recipient: 'a@example.com', status: '5.2.2' }] };
    expect(parseProviderPayload(body, {})).toMatchObject({
      events: [{ bounceClass: 'soft', messageId: null, diagnostic: '' }],
    });
  });

  it.each([
    [{ events: [] }, 'events'],
    [
      { events: [{ type: 'bounce', messageId: 'nope', recipient: 'a@example.com' }] },
      'events.0.messageId',
    ],
    [{ events: [{ type: 'bounce', recipient: 'not an address' }] }, 'events.0.recipient'],
    [{ events: [{ type: 'opened', recipient: 'a@example.com' }] }, 'events.0.type'],
    [
      { events: [{ type: 'bounce', recipient: 'a@example.com', status: '550' }] },
      'events.0.status',
    ],
    [{ events: 'all of them' }, 'events'],
  ])('rejects %j naming %s', (body, path) => {
    const payload = parseProviderPayload(body, {});
    expect(payload.kind).toBe('invalid');
    expect(payload.kind === 'invalid' && payload.reason).toContain(path);
  });
});

describe('parseProviderPayload: anything else', () => {
  it.each([
    ['invalid JSON text', '{"events": ['],
    ['a JSON array', [1, 2]],
    ['null', null],
    ['a number', 42],
    ['an object of unknown shape', { hello: 'world' }],
  ])('rejects %s', (_name, body) => {
    expect(parseProviderPayload(body, {}).kind).toBe('invalid');
  });
});
