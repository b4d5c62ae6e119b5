import { eq } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct, testClock } from '../testing/factories.ts';
import { testMailer } from '../testing/mailer.ts';
import { caughtMailOf, queueSampleMails, type SampleMail } from '../testing/sample-mails.ts';
import { useTestWorld } from '../testing/world.ts';
import { deliverDueMail } from './deliver-mail.ts';
import type { MailTopic } from './enqueue-mail.ts';
import { inquiryNumberOf, inquiryReplyAddress } from './inquiry-reply-address.ts';
import { smtpTransport } from './smtp-transport.ts';
import { outboxMessages } from './tables.ts';

const everyMail: [MailTopic, 'en' | 'ja'][] = (
  [
    'order_placed',
    'order_cancelled',
    'order_shipped',
    'payment_failed',
    'order_address_changed',
    'important_notice',
    'verification_code',
    'inquiry_receipt',
    'inquiry_reply',
    'inquiry_contact_notice',
  ] as const
).flatMap((topic) => [[topic, 'en'] as const, [topic, 'ja'] as const]);

/** Splits raw MIME source into its header block and body, and checks the line endings. */
function rawParts(raw: string) {
  const end = raw.indexOf('\r\n\r\n');
  return { header: raw.slice(0, end), body: raw.slice(end + 4) };
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
const urlsIn = (text: string) => text.match(/\bhttps?:\/\/\S+/gi) ?? [];

/** An SMTP server that takes the whole message, keeps it, then answers 451 (try again later). */
async function busyAfterDataServer() {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        const error = new Error('Temporary local problem, try again') as Error & {
          responseCode: number;
        };
        error.responseCode = 451;
        callback(error);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describeEachDatabase('mail content', (kind) => {
  const clock = testClock();
  const { database, deps, mailer } = useTestWorld(kind, { clock, mailer: true });
  let linkless: Awaited<ReturnType<typeof testMailer>>;
  const withLinks = new Map<string, { sample: SampleMail; raw: string; parsed: ParsedMail }>();
  const withoutLinks = new Map<string, { sample: SampleMail; raw: string; parsed: ParsedMail }>();

  async function deliverAndParse(
    samples: SampleMail[],
    into: typeof withLinks,
    m: typeof mailer,
  ): Promise<void> {
    await deliverDueMail(m.deps);
    for (const sample of samples) {
      const caught = await caughtMailOf(database.db, sample.id);
      into.set(`${sample.topic}/${sample.locale}`, {
        sample,
        raw: caught.raw,
        parsed: await simpleParser(caught.raw),
      });
    }
  }

  beforeAll(async () => {
    linkless = await testMailer(database, clock, { env: { MAIL_LINKS: 'none' } });
    await deliverAndParse(await queueSampleMails(deps, 'links'), withLinks, mailer);
    await deliverAndParse(await queueSampleMails(deps, 'nolinks'), withoutLinks, linkless);
  });
  afterAll(async () => {
    await linkless.close();
  });

  describe.each(everyMail)('%s (%s)', (topic, locale) => {
    const mail = () => withLinks.get(`${topic}/${locale}`)!;

    it('arrives as multipart/alternative: a UTF-8 text part and a UTF-8 HTML part, nothing else', () => {
      const { raw, parsed } = mail();
      expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
      const types = [...raw.matchAll(/^Content-Type: ([^;\r\n]+)(?:;\s*charset=(\S+))?/gim)].map(
        (m) => `${m[1]!.toLowerCase()}${m[2] ? `; ${m[2].toLowerCase()}` : ''}`,
      );
      expect(types).toEqual(['multipart/alternative', 'text/plain; utf-8', 'text/html; utf-8']);
      expect(parsed.attachments).toEqual([]);
      expect(parsed.html).toContain(`<html lang="${locale}">`);
    });

    it('has a plain-text part that is complete on its own', () => {
      const { sample, parsed } = mail();
      const text = parsed.text ?? '';
      for (const fact of sample.mustSay) expect(text).toContain(fact);
      expect(text).not.toMatch(/<\/?(p|br|a|div|table|td)\b/i);
      if (locale === 'ja') expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      for (const fact of sample.mustSay) expect(parsed.html).toContain(fact);
    });

    it('decodes its subject to the exact text in the customer’s language', () => {
      const { sample, raw, parsed } = mail();
      expect(parsed.subject).toBe(sample.subject);
      // Headers stay 7-bit: non-ASCII subjects travel as RFC 2047 encoded words.
      expect(rawParts(raw).header).toMatch(/^[\x20-\x7e\r\n\t]*$/);
      if (locale === 'ja') expect(rawParts(raw).header).toMatch(/^Subject: =\?UTF-8\?/im);
    });

    it('says who it is from, where replies go, and carries a stable Message-ID and the Date', async () => {
      const { sample, parsed } = mail();
      const [row] = await database.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.id, sample.id));
      expect(parsed.from?.value).toEqual([{ name: 'Tenpo', address: 'shop@tenpo.example' }]);
      // Mail about an inquiry is answered at that inquiry's signed support+<tag>@ address.
      const inquiry = inquiryNumberOf(row!.payload);
      expect(parsed.replyTo?.value).toEqual([
        {
          name: '',
          address: inquiry
            ? inquiryReplyAddress(mailer.deps.secret, 'support@tenpo.example', inquiry)
            : 'support@tenpo.example',
        },
      ]);
      if (topic.startsWith('inquiry_')) expect(inquiry).not.toBeNull();
      expect(parsed.references).toBe(inquiry ? `<inquiry.${inquiry}@tenpo.example>` : undefined);
      const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
      expect(to.flatMap((a) => a?.value ?? []).map((a) => a.address)).toEqual([sample.recipient]);
      expect(parsed.messageId).toBe(`<${sample.id}@tenpo.example>`);
      expect(parsed.date?.toISOString()).toBe(row!.createdAt.toISOString());
      expect(parsed.headers.get('x-tenpo-message-id')).toBe(sample.id);
    });

    it('keeps every line within SMTP limits and ends lines with CRLF', () => {
      const { raw } = mail();
      const lines = raw.split('\r\n');
      expect(lines.filter((l) => l.includes('\r') || l.includes('\n'))).toEqual([]);
      expect(lines.filter((l) => l.length > 998)).toEqual([]);
      // Quoted-printable / encoded words keep even Japanese bodies 7-bit.
      expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    });

    it('loads nothing remote and carries at most one link, to the order', () => {
      const { sample, parsed } = mail();
      const html = parsed.html || '';
      expect(html).not.toMatch(/<img|<script|<iframe|<link|<object|<embed|<form|<video|<audio/i);
      expect(html).not.toMatch(/\bsrc\s*=|background\s*=|url\(|@import/i);
      const hrefs = [...html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)].map((m) => m[1]!);
      expect(count(html, /<a\s/gi)).toBe(hrefs.length);
      const textUrls = urlsIn(parsed.text ?? '');
      if (sample.aboutOrder) {
        expect(hrefs).toHaveLength(1);
        expect(hrefs[0]).toMatch(/^http:\/\/shop\.test\/(mypage\/orders|orders)\//);
        expect(textUrls).toEqual([hrefs[0]!.replaceAll('&amp;', '&')]);
      } else {
        expect(hrefs).toEqual([]);
        expect(textUrls).toEqual([]);
      }
      expect(count(html, /https?:\/\//gi)).toBe(hrefs.length);
    });

    it('with MAIL_LINKS=none carries no link or URL at all and says where to look instead', () => {
      const { sample, parsed, raw } = withoutLinks.get(`${topic}/${locale}`)!;
      const text = parsed.text ?? '';
      const html = parsed.html || '';
      expect(count(html, /<a[\s>]/gi)).toBe(0);
      expect(text).not.toMatch(/https?:|www\./i);
      expect(html).not.toMatch(/https?:|www\./i);
      expect(raw).not.toMatch(/https?:/i);
      for (const fact of sample.mustSay) expect(text).toContain(fact);
      if (sample.aboutOrder) {
        const where = locale === 'ja' ? '「マイページ」>「ご注文履歴」' : 'MyPage > Order history';
        expect(text).toContain(where);
        expect(html).toContain(locale === 'ja' ? where.replace('>', '&#62;') : 'MyPage &#62;');
      }
    });
  });

  it('sends the same bytes and Message-ID again after a temporary failure', async () => {
    const busy = await busyAfterDataServer();
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'retry.me@example.com',
      locale: 'ja',
    });
    await deliverDueMail({
      ...mailer.deps,
      transport: smtpTransport(busy.url, mailer.deps.identity),
    });
    await busy.close();
    const [first] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(first!.state).toBe('deferred');
    expect(busy.received).toHaveLength(1);

    clock.advance(5 * 60_000);
    await deliverDueMail(mailer.deps);
    const [second] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, first!.id));
    expect(second!.state).toBe('sent');
    expect(second!.rawSource).toBe(first!.rawSource);
    const caught = await caughtMailOf(database.db, first!.id);
    const withoutSignature = (raw: string) =>
      raw.replace(/^DKIM-Signature:.*\r\n(?:[ \t].*\r\n)*/im, '').replace(/\r\n$/, '');
    expect(withoutSignature(caught.raw)).toBe(withoutSignature(busy.received[0]!));
    const [a, b] = await Promise.all([simpleParser(busy.received[0]!), simpleParser(caught.raw)]);
    expect(a.messageId).toBe(`<${first!.id}@tenpo.example>`);
    expect(b.messageId).toBe(a.messageId);
    expect(b.date?.getTime()).toBe(a.date?.getTime());
  });
});
