import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import { placeOrder } from '../checkout/place-order.ts';
import { randomToken } from '../lib/ids.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import {
  checkoutRequest,
  makeCart,
  makeProduct,
  testClock,
  tokyoAddress,
} from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { deliverDueMail } from './deliver-mail.ts';
import { enqueueMail, type MailPayloads, type MailTopic } from './enqueue-mail.ts';
import { caughtMails, mailEvents, outboxMessages } from './tables.ts';

/** Text that tries to end a header line and start another, in every way a line can end. */
const hostile: [name: string, value: string][] = [
  ['CRLF Bcc', 'Release delay\r\nBcc: evil@x.example'],
  ['LF Bcc', 'Release delay\nBcc: evil@x.example'],
  ['CR Bcc', 'Release delay\rBcc: evil@x.example'],
  ['CRLF CRLF body', 'Release delay\r\n\r\nInjected body text'],
  ['CRLF folded To', 'Release delay\r\n To: evil@x.example'],
  ['CRLF tab Cc', 'Release delay\r\n\tCc: evil@x.example'],
  ['NUL Bcc', 'Release delay\u0000Bcc: evil@x.example'],
  ['VT FF', 'Release delay\u000b\u000cBcc: evil@x.example'],
  ['U+2028 Bcc', 'Release delay\u2028Bcc: evil@x.example'],
  ['U+2029 Bcc', 'Release delay\u2029Bcc: evil@x.example'],
  ['NEL Bcc', 'Release delay\u0085Bcc: evil@x.example'],
  ['trailing CRLF', 'Release delay\r\n'],
  ['only CRLF', '\r\n'],
  [
    'smuggled SMTP end of data',
    'Release delay\r\n.\r\nMAIL FROM:<evil@x.example>\r\nRCPT TO:<evil@x.example>',
  ],
  ['bare LF dot', 'Release delay\n.\nRCPT TO:<evil@x.example>'],
  ['encoded word with CRLF', '=?UTF-8?B?DQpCY2M6IGV2aWxAeC5leGFtcGxl?='],
  ['percent-encoded CRLF', 'Release delay%0d%0aBcc: evil@x.example'],
  ['Japanese CRLF Bcc', '発売延期のお知らせ\r\nBcc: evil@x.example'],
  ['Japanese U+2028 Bcc', '発売延期のお知らせ\u2028Bcc: 悪意@x.example'],
  ['Japanese full-width colon', '発売延期のお知らせ\r\nＢｃｃ：evil@x.example'],
  ['long ASCII word', `Delay-${'A'.repeat(3000)}\r\nBcc: evil@x.example`],
  ['long Japanese', `${'発売延期のお知らせ'.repeat(300)}\r\nBcc: evil@x.example`],
  ['long with spaces', `${'word '.repeat(1200)}\nBcc: evil@x.example`],
  [
    'boundary lookalike',
    'Release delay\r\n----_NmP-0000-Part_1\r\nContent-Type: text/html\r\n\r\n<b>x</b>',
  ],
];

type Field =
  | 'ship name'
  | 'notice subject (en)'
  | 'notice subject (ja)'
  | 'notice body'
  | 'verification code'
  | 'inquiry number'
  | 'inquiry category'
  | 'inquiry reply';

const fields: Field[] = [
  'ship name',
  'notice subject (en)',
  'notice subject (ja)',
  'notice body',
  'verification code',
  'inquiry number',
  'inquiry category',
  'inquiry reply',
];

/** Addresses that must never reach a mail header or an RCPT TO. */
const unsafeRecipients: [name: string, value: string][] = [
  ['CRLF Bcc', 'victim@example.com\r\nBcc: evil@x.example'],
  ['LF Bcc', 'victim@example.com\nBcc: evil@x.example'],
  ['CR Bcc', 'victim@example.com\rBcc: evil@x.example'],
  ['trailing CRLF', 'victim@example.com\r\n'],
  ['NUL', 'victim@example.com\u0000evil@x.example'],
  ['U+2028', 'victim@example.com\u2028Bcc: evil@x.example'],
  ['U+2029', 'victim@example.com\u2029Bcc: evil@x.example'],
  ['NEL', 'victim@example.com\u0085Bcc: evil@x.example'],
  ['comma list', 'victim@example.com, evil@x.example'],
  ['semicolon list', 'victim@example.com;evil@x.example'],
  ['display name', 'Victim <victim@example.com>'],
  ['quoted name with address', '"evil@x.example" <victim@example.com>'],
  ['angle brackets', '<victim@example.com>'],
  ['SMTP command', 'victim@example.com>\r\nRCPT TO:<evil@x.example'],
  ['group syntax', 'undisclosed:evil@x.example;'],
  ['leading space', ' victim@example.com'],
  ['tab', 'victim@example.com\t'],
  ['address literal', 'victim@[127.0.0.1]'],
  ['two at signs', 'victim@example.com@x.example'],
  ['too long', `${'a'.repeat(250)}@example.com`],
  ['empty', ''],
  ['Japanese local part', '山田@example.jp'],
  ['Japanese domain', 'victim@例え.jp'],
  ['Japanese with CRLF', '山田@example.jp\r\nBcc: evil@x.example'],
  // RFC 5321 allows it, but MUAs that decode encoded words show and reply to evil@x.example.
  ['encoded word local part', '=?utf-8?q?evil=40x.example?=@example.com'],
];

/** Unusual but plain addresses: delivered, to exactly that address and no other. */
const plainRecipients = [
  "o'brien+orders@example.com",
  'first.last-name_x@sub.example.co.jp',
  'UPPER.Case@Example.COM',
  `${'a'.repeat(64)}@example.com`,
];

const allowedHeaders = new Set([
  'dkim-signature',
  'x-tenpo-message-id',
  'auto-submitted',
  'from',
  'to',
  'reply-to',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
]);

describeEachDatabase('header injection', (kind) => {
  const clock = testClock();
  const { database, deps, mailer } = useTestWorld(kind, { clock, mailer: true });

  /** Places an order whose ship-to name is `name`, bypassing the form as an API client could. */
  async function orderFor(name: string, locale: 'en' | 'ja', email: string) {
    const product = await makeProduct(database.db);
    const cartId = await makeCart(database.db, clock, [{ product, quantity: 1 }]);
    const result = await placeOrder(deps, {
      cartId,
      buyer: { memberId: null, email, locale },
      request: checkoutRequest({ email, address: { ...tokyoAddress, name } }),
      idempotencyKey: randomToken(16),
      returnUrl: (id) => `http://shop.test/checkout/return/${id}`,
    });
    if (result.kind !== 'placed') throw new Error(`order not placed: ${JSON.stringify(result)}`);
    return result.order;
  }

  /** Queues one mail with `value` in `field`; returns the message id. */
  async function queueWith(field: Field, value: string, locale: 'en' | 'ja', recipient: string) {
    const now = clock.now();
    if (field === 'ship name') {
      const order = await orderFor(value, locale, recipient);
      const [row] = await database.db
        .select({ id: outboxMessages.id })
        .from(outboxMessages)
        .where(eq(outboxMessages.orderId, order.id));
      return row!.id;
    }
    const mail = <T extends MailTopic>(topic: T, payload: MailPayloads[T], lang = locale) =>
      database.db.transaction((tx) =>
        enqueueMail(tx, { now, topic, recipient, locale: lang, payload }),
      );
    const notice = {
      subjectEn: 'Release delay',
      subjectJa: '発売延期のお知らせ',
      bodyEn: 'The release moved.',
      bodyJa: '発売日が変更になりました。',
    };
    const inquiry = { inquiryNumber: 'Q-1', category: 'Shipping' };
    switch (field) {
      case 'notice subject (en)':
        return mail('important_notice', { ...notice, subjectEn: value }, 'en');
      case 'notice subject (ja)':
        return mail('important_notice', { ...notice, subjectJa: value }, 'ja');
      case 'notice body':
        return mail('important_notice', { ...notice, bodyEn: value, bodyJa: value });
      case 'verification code':
        return mail('verification_code', { code: value, purpose: 'order_lookup', minutes: 10 });
      case 'inquiry number':
        return mail('inquiry_receipt', { ...inquiry, inquiryNumber: value });
      case 'inquiry category':
        return mail('inquiry_receipt', { ...inquiry, category: value });
      case 'inquiry reply':
        return mail('inquiry_reply', { inquiryNumber: 'Q-1', name: 'Aiko', body: value });
    }
  }

  /**
   * Everything that must hold for a mail that was sent to `recipient`. Soft assertions, so one
   * run reports every offending case rather than the first.
   */
  async function expectOneCleanMail(id: string, recipient: string, label: string) {
    const [message] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, id));
    expect.soft(message!.state, `${label}: ${message!.lastError}`).toBe('sent');
    const caught = await database.db
      .select()
      .from(caughtMails)
      .where(eq(caughtMails.messageId, `<${id}@tenpo.example>`));
    expect.soft(caught, label).toHaveLength(1);
    if (caught.length !== 1) return null;
    // Receiving servers may lower-case the domain; the mailbox is the same.
    expect
      .soft(
        caught[0]!.envelopeTo.map((a) => a.toLowerCase()),
        label,
      )
      .toEqual([recipient.toLowerCase()]);
    const raw = caught[0]!.raw;
    const header = raw.slice(0, raw.indexOf('\r\n\r\n'));
    // Nothing but CRLF ends a line, every line is within the SMTP limit, headers are 7-bit.
    const lines = raw.split('\r\n');
    expect
      .soft(
        lines.filter((l) => /[\r\n]/.test(l)),
        label,
      )
      .toEqual([]);
    const tooLong = lines.filter((l) => l.length > 998);
    expect
      .soft(
        tooLong.map((l) => `${l.slice(0, 30)}… (${l.length} characters)`),
        label,
      )
      .toEqual([]);
    expect.soft(header, label).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    const parsed = await simpleParser(raw);
    const names = parsed.headerLines.map((h) => h.key);
    expect
      .soft(
        names.filter((n) => !allowedHeaders.has(n)),
        label,
      )
      .toEqual([]);
    expect.soft(names.length, `${label}: a header appears twice`).toBe(new Set(names).size);
    expect.soft(parsed.bcc, label).toBeUndefined();
    expect.soft(parsed.cc, label).toBeUndefined();
    const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
    expect
      .soft(
        to.flatMap((a) => a?.value ?? []).map((a) => a.address?.toLowerCase()),
        label,
      )
      .toEqual([recipient.toLowerCase()]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding line breaks is the point
    expect.soft(parsed.subject ?? '', label).not.toMatch(/[\r\n\u0000\u0085\u2028\u2029]/);
    expect.soft(parsed.messageId, label).toBe(`<${id}@tenpo.example>`);
    return parsed;
  }

  it(`keeps ${hostile.length * fields.length} hostile names, subjects and payload values out of the headers`, async () => {
    const cases: { label: string; id: string; recipient: string; value: string; field: Field }[] =
      [];
    let n = 0;
    for (const field of fields) {
      for (const [name, value] of hostile) {
        n += 1;
        const recipient = `fuzz${n}@example.com`;
        const locale =
          field.endsWith('(ja)') || (n % 2 === 0 && !field.endsWith('(en)')) ? 'ja' : 'en';
        const label = `${field} / ${name} (${locale})`;
        if (value.includes('\u0000')) {
          // PostgreSQL text and jsonb cannot hold NUL: the write fails, so nothing is ever queued.
          await expect(queueWith(field, value, locale, recipient), label).rejects.toThrow();
          continue;
        }
        cases.push({
          label,
          id: await queueWith(field, value, locale, recipient),
          recipient,
          value,
          field,
        });
      }
    }
    await deliverDueMail(mailer.deps, 50, 20);
    for (const c of cases) {
      const parsed = await expectOneCleanMail(c.id, c.recipient, c.label);
      // What staff typed (at most 150 characters) still arrives as text, on one line.
      if (parsed && c.field.startsWith('notice subject') && /Bcc/.test(c.value.slice(0, 150))) {
        expect.soft(parsed.subject, c.label).toMatch(/Bcc/i);
      }
    }
    // No smuggled second message: the catcher holds exactly one mail per sent message.
    const all = await database.db.select().from(caughtMails);
    expect(all.filter((m) => m.envelopeTo.some((to) => to.includes('evil')))).toEqual([]);
    expect(all).toHaveLength(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  it(`records ${unsafeRecipients.length} unsafe recipient addresses as failed without sending anything`, async () => {
    const before = (await database.db.select().from(caughtMails)).length;
    const ids: [string, string][] = [];
    for (const [name, recipient] of unsafeRecipients) {
      const queue = database.db.transaction((tx) =>
        enqueueMail(tx, {
          now: clock.now(),
          topic: 'verification_code',
          recipient,
          locale: 'en',
          payload: { code: '123456', purpose: 'order_lookup', minutes: 10 },
        }),
      );
      // A NUL cannot be stored at all, so such a mail is never queued.
      if (recipient.includes('\u0000')) await expect(queue, name).rejects.toThrow();
      else ids.push([name, await queue]);
    }
    await deliverDueMail(mailer.deps, 50, 5);
    for (const [name, id] of ids) {
      const [message] = await database.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.id, id));
      expect(message!.state, name).toBe('failed');
      expect(message!.sentAt, name).toBeNull();
      const events = await database.db
        .select()
        .from(mailEvents)
        .where(eq(mailEvents.messageId, id))
        .orderBy(mailEvents.id);
      expect(
        events.map((e) => e.type),
        name,
      ).toEqual(['queued', 'failed']);
      expect(events[1]!.detail, name).toMatchObject({ reason: 'render_failed' });
    }
    const after = await database.db.select().from(caughtMails);
    expect(after).toHaveLength(before);
  });

  it('delivers unusual but plain addresses to exactly that address', async () => {
    const ids: [string, string][] = [];
    for (const recipient of plainRecipients) {
      const id = await database.db.transaction((tx) =>
        enqueueMail(tx, {
          now: clock.now(),
          topic: 'inquiry_receipt',
          recipient,
          locale: 'ja',
          payload: { inquiryNumber: 'Q-2', category: '配送' },
        }),
      );
      ids.push([recipient, id]);
    }
    await deliverDueMail(mailer.deps, 50, 5);
    for (const [recipient, id] of ids) await expectOneCleanMail(id, recipient, recipient);
  });

  it('keeps a hostile From name from configuration on one line', async () => {
    for (const [name, value] of hostile.slice(0, 12)) {
      const recipient = `fromname.${hostile.findIndex(([n]) => n === name)}@example.com`;
      const id = await database.db.transaction((tx) =>
        enqueueMail(tx, {
          now: clock.now(),
          topic: 'inquiry_receipt',
          recipient,
          locale: 'en',
          payload: { inquiryNumber: 'Q-3', category: 'Other' },
        }),
      );
      await deliverDueMail({
        ...mailer.deps,
        identity: { ...mailer.deps.identity, fromName: value },
      });
      const parsed = await expectOneCleanMail(id, recipient, `From name ${name}`);
      expect
        .soft(
          parsed?.from?.value.map((a) => a.address),
          name,
        )
        .toEqual(['shop@tenpo.example']);
      expect
        .soft(parsed?.from?.value[0]?.name ?? '', name)
        // biome-ignore lint/suspicious/noControlCharactersInRegex: finding line breaks is the point
        .not.toMatch(/[\r\n\u0000\u0085\u2028\u2029]/);
    }
  });
});
