import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import {
  type InboundServer,
  isSupportAddress,
  startInboundServer,
} from '../mail/inbound-server.ts';
import { outboxMessages } from '../mail/tables.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct, testClock, testDeps } from '../testing/factories.ts';
import { testMailer } from '../testing/mailer.ts';
import { caughtMailOf } from '../testing/sample-mails.ts';
import { nextInquiryNumber } from './next-inquiry-number.ts';
import { replyText } from './receive-inquiry-mail.ts';
import { replyToInquiry } from './reply-to-inquiry.ts';
import { type Inquiry, inquiries, inquiryMessages } from './tables.ts';

const BOUNCE_DOMAIN = 'bounces.tenpo.example';
const SUPPORT = 'support@tenpo.example';
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
  let database: Database;
  let deps: ReturnType<typeof testDeps>;
  let inbound: InboundServer;
  let mailer: Awaited<ReturnType<typeof testMailer>>;
  const clock = testClock();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = testDeps(database.db, clock);
    mailer = await testMailer(database, clock);
    inbound = await startInboundServer(
      {
        db: database.db,
        clock,
        log: pino({ level: 'silent' }),
        bounceDomain: BOUNCE_DOMAIN,
        softBounceLimit: 2,
        supportAddress: SUPPORT,
      },
      { port: 0, host: '127.0.0.1' },
    );
  });
  afterAll(async () => {
    await inbound.close();
    await mailer.close();
    await database.close();
  });

  async function send(mail: {
    from: string;
    to?: string;
    subject: string;
    text: string;
    headers?: Record<string, string>;
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

    // The customer presses "reply" in their mail program: Re: + the subject, to the Reply-To.
    await send({
      from: 'Hanako <Thread.Me@Example.com>',
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
      body: 'State: Waiting for customer → Open (the customer replied).',
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
