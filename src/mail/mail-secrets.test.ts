import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { orderAccessToken } from '../orders/order-access.ts';
import {
  isSecretTopic,
  secretsOf,
  secretTopics,
  staffBody,
  staffSource,
  staffSubject,
} from './mail-secrets.ts';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv.WxYz0123456789abcdEF';
const url = `http://shop.test/newsletter/unsubscribe/${TOKEN}`;

async function source(encoding: 'quoted-printable' | 'base64') {
  const composer = new MailComposer({
    from: 'shop@tenpo.example',
    to: 'hana@example.com',
    subject: 'Winter arrivals',
    // A long line, so quoted-printable breaks the link over lines.
    text: `${'New mugs are in, and plates too. '.repeat(3)}Unsubscribe: ${url}`,
    html: `<p>New mugs.</p><p><a href="${url}">Unsubscribe</a></p>`,
    headers: { 'List-Unsubscribe': `<${url}>` },
    textEncoding: encoding,
  });
  return (await composer.compile().build()).toString('utf8');
}

const newsletter = (rawSource: string) => ({
  topic: 'newsletter' as const,
  payload: { subject: 'Winter arrivals', unsubscribeToken: TOKEN },
  orderId: null,
  subject: 'Winter arrivals',
  rawSource,
});

describe('what staff may read of a mail', () => {
  it('hides an unsubscribe token in the text and in the source, also where quoted-printable broke it', async () => {
    const raw = await source('quoted-printable');
    expect(raw).not.toContain(`Unsubscribe: ${url}`);
    const body = await staffBody(newsletter(raw), 'secret');
    expect(body).toEqual({ kind: 'shown', text: expect.stringContaining('unsubscribe/[hidden]') });
    const shown = await staffSource(newsletter(raw), 'secret');
    expect(shown.kind).toBe('shown');
    if (shown.kind === 'shown') {
      expect(shown.text.replace(/=\r?\n/g, '')).not.toContain(TOKEN);
      expect(shown.text).toContain('List-Unsubscribe');
    }
  });

  it('withholds a source whose secret it cannot see in the bytes', async () => {
    const raw = await source('base64');
    expect(await staffSource(newsletter(raw), 'secret')).toEqual({
      kind: 'withheld',
      why: 'unredactable',
    });
  });

  it('withholds the text and source of every secret topic, and hides a code in an old subject', async () => {
    for (const topic of secretTopics) {
      expect(isSecretTopic(topic)).toBe(true);
      const message = {
        topic,
        payload: { code: '550211' },
        orderId: null,
        subject: `Set a new Tenpo password: 550211`,
        rawSource: 'Subject: x\r\n\r\n550211\r\n',
      };
      const withheld = { kind: 'withheld', why: 'secret_topic' };
      expect(await staffBody(message, 'secret')).toEqual(withheld);
      expect(await staffSource(message, 'secret')).toEqual(withheld);
      expect(staffSubject(message, 'secret')).toBe('Set a new Tenpo password: [hidden]');
    }
    expect(isSecretTopic('order_shipped')).toBe(false);
  });
});

describe('guest link keys', () => {
  it('hides the keys of every link the order has had, not only its current one', () => {
    const order = { id: '0b8f4c1e-0000-4000-8000-000000000001', accessEpoch: 2 };
    const secrets = secretsOf({ payload: {}, orderId: order.id, orderAccessEpoch: 2 }, 's3cret');
    for (const accessEpoch of [0, 1, 2])
      expect(secrets).toContain(orderAccessToken('s3cret', { ...order, accessEpoch }));
  });
});
