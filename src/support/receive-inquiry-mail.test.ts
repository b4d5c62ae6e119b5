import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import pino from 'pino';
import getTLSOptions from 'smtp-server/lib/tls-options.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import {
  type InboundServer,
  isSupportAddress,
  startInboundServer,
} from '../mail/inbound-server.ts';
import { inquiryReplyAddress } from '../mail/inquiry-reply-address.ts';
import { renderMail } from '../mail/render-mail.ts';
import { outboxMessages } from '../mail/tables.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct, testClock } from '../testing/factories.ts';
import { caughtMailOf } from '../testing/sample-mails.ts';
import { useTestWorld } from '../testing/world.ts';
import { nextInquiryNumber } from './next-inquiry-number.ts';
import {
  NEW_INQUIRIES_BY_MAIL_PER_DAY,
  receiveInquiryMail,
  replyText,
} from './receive-inquiry-mail.ts';
import { replyToInquiry } from './reply-to-inquiry.ts';
import { type Inquiry, inquiries, inquiryMessages } from './tables.ts';

const BOUNCE_DOMAIN = 'bounces.tenpo.example';
const SUPPORT = 'support@tenpo.example';
// testMailer signs with this secret too, so the Reply-To of its mails is checked here.
const SECRET = 'test-secret';
const fixtures = join(import.meta.dirname, '..', 'mail', 'bounces', 'fixtures');

describe('replyText', () => {
  it('keeps the customer’s words and cuts the quoted history', () => {
    expect(
      replyText(
        'Thanks, got it.\r\n\r\nOn Thu, 26 Nov 2026 at 12:00, Tenpo wrote:\r\n> Dear Hanako,',
      ),
    ).toBe('Thanks, got it.');
    expect(
      replyText(
        'ありがとうございます。\n\n2026年11月26日(木) 12:00 Tenpo <shop@tenpo.example>:\n> 佐藤 様',
      ),
    ).toBe('ありがとうございます。');
    expect(replyText('Yes.\n\n-----Original Message-----\nFrom: Tenpo')).toBe('Yes.');
    expect(replyText('Fine.\n\n> quoted\n> more')).toBe('Fine.');
    expect(replyText('> only a quote')).toBe('> only a quote');
    expect(replyText('x'.repeat(20_500))).toHaveLength(
      20_000 + '\n[… cut at 20000 characters]'.length,
    );
  });
});

describe('isSupportAddress', () => {
  it('takes the address and its plus forms, in any case, and nothing else', () => {
    expect(isSupportAddress('support@tenpo.example', SUPPORT)).toBe(true);
    expect(isSupportAddress('Support+Q-261126-0001@TENPO.example', SUPPORT)).toBe(true);
    expect(isSupportAddress('supportx@tenpo.example', SUPPORT)).toBe(false);
    expect(isSupportAddress('support@other.example', SUPPORT)).toBe(false);
    expect(isSupportAddress('support@tenpo.example', undefined)).toBe(false);
  });
});

describeEachDatabase('inquiry mail over SMTP', (kind) => {
  const clock = testClock();
  const { database, deps, mailer } = useTestWorld(kind, { clock, mailer: true });
  let inbound: InboundServer;

  beforeAll(async () => {
    inbound = await startInboundServer(
      {
        db: database.db,
        clock,
        log: pino({ level: 'silent' }),
        bounceDomain: BOUNCE_DOMAIN,
        softBounceLimit: 2,
        supportAddress: SUPPORT,
        secret: SECRET,
      },
      { port: 0, host: '127.0.0.1' },
    );
  });
  afterAll(async () => {
    await inbound.close();
  });

  async function send(mail: {
    from: string;
    to?: string;
    subject: string;
    text: string;
    headers?: Record<string, string>;
    envelope?: { from: string; to: string[] };
    messageId?: string;
  }) {
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: inbound.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await client.sendMail({ to: SUPPORT, ...mail });
    } finally {
      client.close();
    }
  }

  async function makeInquiry(values: Partial<Inquiry> = {}) {
    clock.advance(60_000);
    const now = clock.now();
    return database.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(inquiries)
        .values({
          number: await nextInquiryNumber(tx, now),
          category: 'order',
          name: 'Hanako Sato',
          email: 'hanako@example.com',
          locale: 'en',
          createdAt: now,
          updatedAt: now,
          ...values,
        })
        .returning();
      await tx.insert(inquiryMessages).values({
        inquiryId: row!.id,
        kind: 'customer',
        source: 'form',
        author: row!.email,
        body: 'Where is my parcel?',
        createdAt: now,
      });
      return row!;
    });
  }

  const inquiryRow = async (id: string) =>
    (await database.db.select().from(inquiries).where(eq(inquiries.id, id)))[0]!;
  const threadOf = (id: string) =>
    database.db
      .select()
      .from(inquiryMessages)
      .where(eq(inquiryMessages.inquiryId, id))
      .orderBy(asc(inquiryMessages.createdAt));
  const inquiriesFrom = (email: string) =>
    database.db.select().from(inquiries).where(eq(inquiries.email, email));

  it('threads the customer’s answer to a staff reply and reopens the inquiry', async () => {
    const inquiry = await makeInquiry({ email: 'thread.me@example.com', locale: 'ja' });
    const replied = await replyToInquiry(deps, {
      inquiryId: inquiry.id,
      body: '明日発送します。',
      close: false,
      actor: 'staff:s@tenpo.test',
    });
    if (!replied.ok) throw new Error('reply failed');
    expect((await inquiryRow(inquiry.id)).state).toBe('waiting');
    await deliverDueMail(mailer.deps);
    const caught = await caughtMailOf(database.db, replied.mailId);
    const parsed = await simpleParser(caught.raw);
    const replyTo = parsed.replyTo!.value[0]!.address!;
    expect(replyTo).toBe(inquiryReplyAddress(SECRET, SUPPORT, inquiry.number));
    // Mail programs group every mail of the inquiry under one thread id.
    const threadId = `<inquiry.${inquiry.number}@tenpo.example>`;
    expect(parsed.inReplyTo).toBe(threadId);
    expect(parsed.references).toBe(threadId);

    // The customer presses "reply" in their mail program: Re: + the subject, to the Reply-To.
    await send({
      from: 'Hanako <Thread.Me@Example.com>',
      to: replyTo,
      subject: `Re: ${caught.subject}`,
      text: `ありがとうございます。待っています。\n\n2026年11月26日(木) 12:00 Tenpo <shop@tenpo.example>:\n> 明日発送します。`,
    });
    const thread = await threadOf(inquiry.id);
    const answer = thread.find((m) => m.kind === 'customer' && m.source === 'mail');
    expect(answer).toMatchObject({
      // The mail library lower-cases the domain; the local part is kept as written.
      author: 'Thread.Me@example.com',
      body: 'ありがとうございます。待っています。',
    });
    expect((await inquiryRow(inquiry.id)).state).toBe('open');
    expect(thread.at(-1)).toMatchObject({
      kind: 'event',
      source: 'mail',
      author: 'Thread.Me@example.com',
      body: 'State: Waiting for customer → Open (the customer replied).',
    });
  });

  it('gives mail that is not about an inquiry the plain support Reply-To and no thread', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'plain.reply@example.com',
    });
    const [placed] = await database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'order_placed')));
    const parsed = await simpleParser((await renderMail(mailer.deps, placed!)).raw);
    expect(parsed.replyTo?.value[0]?.address).toBe(SUPPORT);
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.references).toBeUndefined();
    // The same order mail naming an inquiry (as an applied address change may) is threaded.
    const about = await renderMail(mailer.deps, {
      ...placed!,
      payload: { ...placed!.payload, inquiryNumber: 'Q-261126-0042' },
    });
    const aboutParsed = await simpleParser(about.raw);
    expect(aboutParsed.replyTo?.value[0]?.address).toBe(
      inquiryReplyAddress(SECRET, SUPPORT, 'Q-261126-0042'),
    );
    expect(aboutParsed.references).toBe('<inquiry.Q-261126-0042@tenpo.example>');
  });

  it('threads mail to an inquiry’s signed Reply-To whoever sends it, as verified', async () => {
    const inquiry = await makeInquiry({ email: 'signed@example.com', state: 'closed' });
    // The customer forwards from their work address: the tag, not the From, proves who they are.
    await send({
      from: 'Hanako at work <hanako@work.example>',
      to: inquiryReplyAddress(SECRET, SUPPORT, inquiry.number),
      subject: 'Fwd: your answer',
      text: 'Writing from work: the parcel came.',
    });
    const answer = (await threadOf(inquiry.id)).find((m) => m.source === 'mail');
    expect(answer).toMatchObject({
      kind: 'customer',
      author: 'hanako@work.example',
      body: 'Writing from work: the parcel came.',
    });
    expect((await inquiryRow(inquiry.id)).state).toBe('open');
    expect(await inquiriesFrom('hanako@work.example')).toEqual([]);

    // Only in the envelope (a Bcc, or a list that rewrites To): still found.
    await send({
      from: 'hanako@work.example',
      subject: 'One more thing',
      text: 'And thank you.',
      envelope: {
        from: 'hanako@work.example',
        to: [inquiryReplyAddress(SECRET, SUPPORT, inquiry.number)],
      },
    });
    const mailed = (await threadOf(inquiry.id)).filter((m) => m.kind === 'customer');
    expect(mailed.map((m) => m.body)).toEqual([
      'Where is my parcel?',
      'Writing from work: the parcel came.',
      'And thank you.',
    ]);
  });

  it('treats a forged or borrowed tag as no tag', async () => {
    const inquiry = await makeInquiry({ email: 'victim@example.com', state: 'waiting' });
    const genuine = inquiryReplyAddress(SECRET, SUPPORT, inquiry.number);
    const other = await makeInquiry({ email: 'attacker@example.net' });
    // The attacker's own valid signature, put on the victim's number.
    const borrowed = inquiryReplyAddress(SECRET, SUPPORT, other.number).replace(
      other.number.toLowerCase(),
      inquiry.number.toLowerCase(),
    );
    const guessed = genuine.replace(/\.[^.@]+@/, '.AAAAAAAAAA@');
    for (const to of [borrowed, guessed]) {
      await send({
        from: 'attacker@example.net',
        to,
        subject: `Re: [${inquiry.number}] Your inquiry`,
        text: 'Please change my address.',
      });
    }
    expect((await threadOf(inquiry.id)).filter((m) => m.kind === 'customer')).toHaveLength(1);
    expect((await inquiryRow(inquiry.id)).state).toBe('waiting');
    const opened = (await inquiriesFrom('attacker@example.net')).filter((i) => i.id !== other.id);
    expect(opened).toHaveLength(2);
  });

  it('marks an answer threaded only by subject and a known From as unverified for staff', async () => {
    const inquiry = await makeInquiry({ email: 'known@example.com', state: 'waiting' });
    await send({
      from: 'known@example.com',
      subject: `Re: [${inquiry.number}] Your inquiry`,
      text: 'Is this really me?',
    });
    const thread = await threadOf(inquiry.id);
    const answer = thread.find((m) => m.kind === 'customer' && m.source === 'mail');
    expect(answer).toMatchObject({
      author: 'known@example.com (unverified sender)',
      body: 'Is this really me?',
    });
    expect(thread.at(-1)).toMatchObject({
      kind: 'event',
      author: 'known@example.com (unverified sender)',
    });
  });

  it('threads an untagged answer from the new address a contact-email inquiry asked for', async () => {
    const inquiry = await makeInquiry({
      category: 'contact_email',
      email: 'old.box@example.com',
      newEmail: 'new.box@example.net',
      state: 'waiting',
    });
    await send({
      from: 'new.box@example.net',
      subject: `Re: [${inquiry.number}] Your inquiry`,
      text: 'Yes, this is the right address.',
    });
    const answer = (await threadOf(inquiry.id)).find((m) => m.source === 'mail');
    expect(answer).toMatchObject({ kind: 'customer', body: 'Yes, this is the right address.' });
    expect(await inquiriesFrom('new.box@example.net')).toEqual([]);
  });

  it('drops new inquiries by mail beyond the daily limit per sender, still answering 250', async () => {
    const sent = NEW_INQUIRIES_BY_MAIL_PER_DAY + 2;
    for (let i = 1; i <= sent; i++) {
      // sendMail resolves only when the server accepted the message (250).
      await send({ from: 'Flood@Example.org', subject: `Question ${i}`, text: `Hello ${i}` });
    }
    const opened = await inquiriesFrom('Flood@example.org');
    expect(opened).toHaveLength(NEW_INQUIRIES_BY_MAIL_PER_DAY);
    // Someone else is not held back by it.
    await send({ from: 'calm@example.org', subject: 'Question', text: 'Hello' });
    expect(await inquiriesFrom('calm@example.org')).toHaveLength(1);
    // Answers to an existing inquiry are not new inquiries: they still get through.
    const own = opened[0]!;
    await send({
      from: 'Flood@Example.org',
      to: inquiryReplyAddress(SECRET, SUPPORT, own.number),
      subject: 'Re: Question 1',
      text: 'A follow-up.',
    });
    expect((await threadOf(own.id)).at(-1)).toMatchObject({
      kind: 'customer',
      body: 'A follow-up.',
    });
  });

  it('takes a reply from the order’s contact email at a plus address, and reopens a closed inquiry', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'orders.inbox@example.com',
    });
    const inquiry = await makeInquiry({
      email: 'someone.else@example.com',
      orderId: order.id,
      state: 'closed',
    });
    await send({
      from: 'orders.inbox@example.com',
      to: 'support+help@tenpo.example',
      subject: `Re: [${inquiry.number}] Your inquiry`,
      text: 'One more question.',
    });
    const thread = await threadOf(inquiry.id);
    expect(thread.filter((m) => m.kind === 'customer').map((m) => m.body)).toEqual([
      'Where is my parcel?',
      'One more question.',
    ]);
    expect(thread.find((m) => m.source === 'mail')!.author).toBe(
      'orders.inbox@example.com (unverified sender)',
    );
    expect((await inquiryRow(inquiry.id)).state).toBe('open');
  });

  it('opens a new inquiry for a stranger writing with someone else’s number, and notes it on both', async () => {
    const inquiry = await makeInquiry({ email: 'owner@example.com', state: 'waiting' });
    await send({
      from: 'Stranger <stranger@example.net>',
      subject: `Re: [${inquiry.number}] Your inquiry`,
      text: 'Please send me their order details.',
    });
    expect((await threadOf(inquiry.id)).filter((m) => m.kind === 'customer')).toHaveLength(1);
    expect((await inquiryRow(inquiry.id)).state).toBe('waiting');
    const [opened] = await inquiriesFrom('stranger@example.net');
    expect(opened).toMatchObject({
      category: 'other',
      state: 'open',
      name: 'Stranger',
      locale: 'en',
      orderId: null,
    });
    const newThread = await threadOf(opened!.id);
    expect(newThread[0]!.body).toContain('Please send me their order details.');
    expect(newThread.some((m) => m.kind === 'event' && m.body.includes(inquiry.number))).toBe(true);
    const oldEvents = (await threadOf(inquiry.id)).filter((m) => m.kind === 'event');
    expect(oldEvents.map((e) => e.body)).toEqual([
      `A reply from stranger@example.net, an address this inquiry does not know, was opened as ${opened!.number}.`,
    ]);
  });

  it('opens a new Japanese inquiry for mail without a number', async () => {
    await send({
      from: 'new.customer@example.jp',
      subject: '注文について',
      text: '注文した商品がまだ届きません。',
    });
    const [opened] = await inquiriesFrom('new.customer@example.jp');
    expect(opened).toMatchObject({ category: 'other', state: 'open', locale: 'ja' });
    expect(opened!.number).toMatch(/^Q-\d{6}-\d{4,}$/);
    const [first] = await threadOf(opened!.id);
    expect(first).toMatchObject({ kind: 'customer', source: 'mail' });
    expect(first!.body).toBe('Subject: 注文について\n\n注文した商品がまだ届きません。');
  });

  it('records an auto-reply as an event without reopening, and drops one without a number', async () => {
    const inquiry = await makeInquiry({ email: 'away@example.com', state: 'waiting' });
    await send({
      from: 'away@example.com',
      subject: `Out of office: Re: [${inquiry.number}] Your inquiry`,
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const thread = await threadOf(inquiry.id);
    expect(thread.filter((m) => m.kind === 'customer')).toHaveLength(1);
    expect(thread.at(-1)).toMatchObject({ kind: 'event', source: 'mail' });
    expect(thread.at(-1)!.body).toMatch(/^Automatic reply received/);
    expect((await inquiryRow(inquiry.id)).state).toBe('waiting');

    await send({
      from: 'mailer-daemon@example.org',
      subject: 'Undelivered Mail Returned to Sender',
      text: 'This is the mail system.',
    });
    expect(await inquiriesFrom('mailer-daemon@example.org')).toEqual([]);
  });

  /** A Message-ID of this run's own, as a mail program writes it. */
  const newMessageId = () => `<${randomUUID()}@mail.example.com>`;

  it('keeps an answer delivered twice (same Message-ID) once, and does not reopen for the copy', async () => {
    const inquiry = await makeInquiry({ email: 'twice@example.com', state: 'closed' });
    const answer = {
      from: 'twice@example.com',
      to: inquiryReplyAddress(SECRET, SUPPORT, inquiry.number),
      subject: `Re: [${inquiry.number}] Your inquiry`,
      text: 'Still broken.',
      messageId: newMessageId(),
    };
    await send(answer);
    expect((await inquiryRow(inquiry.id)).state).toBe('open');
    // Staff close it again; then the sending server delivers the same mail once more.
    await database.db
      .update(inquiries)
      .set({ state: 'closed' })
      .where(eq(inquiries.id, inquiry.id));
    const before = await threadOf(inquiry.id);
    await send(answer);
    const thread = await threadOf(inquiry.id);
    expect(thread).toEqual(before);
    expect(thread.filter((m) => m.kind === 'customer').map((m) => m.body)).toEqual([
      'Where is my parcel?',
      'Still broken.',
    ]);
    expect(thread.find((m) => m.body === 'Still broken.')!.mailMessageId).toBe(answer.messageId);
    expect((await inquiryRow(inquiry.id)).state).toBe('closed');

    // A different mail with the same words is a new answer.
    await send({ ...answer, messageId: newMessageId() });
    expect((await threadOf(inquiry.id)).filter((m) => m.body === 'Still broken.')).toHaveLength(2);
  });

  it('opens one inquiry for a new-inquiry mail delivered twice, and two for two mails', async () => {
    const question = {
      from: 'resend@example.org',
      subject: 'Where is my order?',
      text: 'It has been a week.',
      messageId: newMessageId(),
    };
    await send(question);
    await send(question);
    expect(await inquiriesFrom('resend@example.org')).toHaveLength(1);

    // Both copies at the same moment: the unique Message-ID lets only one open an inquiry.
    const racing = { ...question, from: 'racing@example.org', messageId: newMessageId() };
    await Promise.all([send(racing), send(racing)]);
    const [opened, ...more] = await inquiriesFrom('racing@example.org');
    expect(more).toEqual([]);
    expect((await threadOf(opened!.id)).map((m) => m.mailMessageId)).toEqual([racing.messageId]);

    await send({ ...question, from: 'two.mails@example.org', messageId: newMessageId() });
    await send({ ...question, from: 'two.mails@example.org', messageId: newMessageId() });
    expect(await inquiriesFrom('two.mails@example.org')).toHaveLength(2);
  });

  it('undoes the whole new inquiry when the copy loses the race, and counts it once', async () => {
    const raw = [
      'From: Both <both@example.org>',
      `To: ${SUPPORT}`,
      'Subject: Hello',
      `Message-ID: ${newMessageId()}`,
      '',
      'Two copies at once.',
    ].join('\r\n');
    const parsed = await simpleParser(raw);
    const receive = { db: database.db, clock, log: pino({ level: 'silent' }) };
    const outcomes = await Promise.all([
      receiveInquiryMail(receive, parsed),
      receiveInquiryMail(receive, parsed),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['duplicate', 'opened']);
    expect(await inquiriesFrom('both@example.org')).toHaveLength(1);
    // The copy took nothing from the sender's daily allowance of new inquiries.
    for (let i = 0; i < NEW_INQUIRIES_BY_MAIL_PER_DAY - 1; i++) {
      const next = await receiveInquiryMail(
        receive,
        await simpleParser(raw.replace(/^Message-ID: .*$/m, `Message-ID: ${newMessageId()}`)),
      );
      expect(next.kind).toBe('opened');
    }
  });

  it('keeps mail without a Message-ID every time it comes, as before', async () => {
    const raw = [
      'From: no.id@example.org',
      `To: ${SUPPORT}`,
      'Subject: No id',
      '',
      'Old mail program.',
    ].join('\r\n');
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: inbound.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      for (let i = 0; i < 2; i++)
        await client.sendMail({ envelope: { from: 'no.id@example.org', to: [SUPPORT] }, raw });
    } finally {
      client.close();
    }
    const opened = await inquiriesFrom('no.id@example.org');
    expect(opened).toHaveLength(2);
    for (const inquiry of opened)
      expect((await threadOf(inquiry.id))[0]).toMatchObject({
        body: 'Subject: No id\n\nOld mail program.',
        mailMessageId: null,
      });
  });

  it('still records a VERP bounce and refuses other addresses', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'verp.bounce@example.com',
    });
    const [message] = await database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'order_placed')));
    const fixture = readFileSync(join(fixtures, 'postfix-user-unknown.eml'), 'utf8');
    const original = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(
      fixture,
    )![0];
    const raw = fixture.replaceAll(original, message!.id);
    const inquiriesBefore = (await database.db.select().from(inquiries)).length;
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: inbound.port,
      secure: false,
      ignoreTLS: true,
    });
    await client.sendMail({
      envelope: { from: '', to: [`bounces+${message!.id}@${BOUNCE_DOMAIN}`] },
      raw,
    });
    await expect(
      client.sendMail({
        envelope: { from: 'x@example.com', to: ['sales@tenpo.example'] },
        raw: 'Subject: hi\r\n\r\nhi',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    client.close();
    const [after] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, message!.id));
    expect(after!.state).toBe('bounced');
    // A bounce is a delivery report, not a customer question: no inquiry is opened for it.
    expect(await database.db.select().from(inquiries)).toHaveLength(inquiriesBefore);
  });
});

describe('inbound STARTTLS', () => {
  const log = pino({ level: 'silent' });
  const clock = testClock();
  // smtp-server's own self-signed localhost pair: a test certificate, never a real one.
  const { key, cert } = getTLSOptions();
  const dir = mkdtempSync(join(tmpdir(), 'tenpo-inbound-tls-'));
  writeFileSync(join(dir, 'key.pem'), String(key));
  writeFileSync(join(dir, 'cert.pem'), String(cert));

  async function deliverWithTls(tls?: { keyFile: string; certFile: string }) {
    const database = await createTestDatabase('pglite');
    const server = await startInboundServer(
      {
        db: database.db,
        clock,
        log,
        bounceDomain: BOUNCE_DOMAIN,
        softBounceLimit: 2,
        supportAddress: SUPPORT,
        secret: SECRET,
      },
      { port: 0, host: '127.0.0.1', tls },
    );
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
    });
    try {
      await client.sendMail({
        from: 'tls@example.com',
        to: SUPPORT,
        subject: 'Over TLS',
        text: 'hi',
      });
      return 'sent';
    } catch (error) {
      return (error as { code?: string }).code ?? 'failed';
    } finally {
      client.close();
      await server.close();
      await database.close();
    }
  }

  it('is offered with INBOUND_TLS_* files and not without them', async () => {
    const files = { keyFile: join(dir, 'key.pem'), certFile: join(dir, 'cert.pem') };
    expect(await deliverWithTls(files)).toBe('sent');
    expect(await deliverWithTls()).toBe('ETLS');
  });
});
