import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct, testClock } from '../testing/factories.ts';
import { refusingSmtpServer } from '../testing/smtp-servers.ts';
import { useTestWorld } from '../testing/world.ts';
import { claimDueMail, deliverDueMail, deliverMessage, retryDelayMs } from './deliver-mail.ts';
import { smtpTransport } from './smtp-transport.ts';
import { suppressAddress } from './suppressions.ts';
import { caughtMails, mailEvents, outboxMessages } from './tables.ts';

describeEachDatabase('mail delivery', (kind) => {
  const clock = testClock();
  const { database, deps, mailer } = useTestWorld(kind, { clock, mailer: true });

  const eventsOf = async (id: string) =>
    (
      await database.db
        .select()
        .from(mailEvents)
        .where(eq(mailEvents.messageId, id))
        .orderBy(mailEvents.id)
    ).map((e) => e.type);

  it('sends the order confirmation over SMTP with VERP, a stable Message-ID, text and HTML', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'buyer.one@example.com',
      locale: 'ja',
    });
    expect(await deliverDueMail(mailer.deps)).toBeGreaterThanOrEqual(1);
    const [message] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(message!.state).toBe('sent');
    expect(message!.smtpResponse).toMatch(/^250/);
    expect(await eventsOf(message!.id)).toEqual(['queued', 'sent']);
    const [caught] = await database.db
      .select()
      .from(caughtMails)
      .where(eq(caughtMails.messageId, `<${message!.id}@tenpo.example>`));
    expect(caught!.envelopeFrom).toBe(`bounces+${message!.id}@bounces.tenpo.example`);
    expect(caught!.envelopeTo).toEqual(['buyer.one@example.com']);
    const parsed = await simpleParser(caught!.raw);
    expect(parsed.subject).toContain(order.number);
    expect(parsed.subject).toContain('ご注文ありがとうございます');
    expect(parsed.text).toContain(order.number);
    expect(parsed.html).toContain(order.number);
    expect(parsed.headers.get('dkim-signature')).toBeTruthy();
    expect(parsed.replyTo?.text).toBe('support@tenpo.example');
  });

  it('records a suppressed recipient as suppressed instead of sending', async () => {
    const product = await makeProduct(database.db);
    await suppressAddress(database.db, {
      email: 'Gone@Example.com',
      reason: 'hard_bounce',
      source: 'test',
    });
    const order = await makeOrder(deps, [{ product, quantity: 1 }], { email: 'gone@example.com' });
    await deliverDueMail(mailer.deps);
    const [message] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(message!.state).toBe('suppressed');
    expect(await eventsOf(message!.id)).toEqual(['queued', 'suppressed']);
  });

  it('defers on a 4xx reply with backoff and delivers once the server takes mail again', async () => {
    const busy = await refusingSmtpServer(451, 'Try again later');
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], { email: 'later@example.com' });
    await deliverDueMail({
      ...mailer.deps,
      transport: smtpTransport(busy.url, mailer.deps.identity),
    });
    await busy.close();
    const [deferred] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(deferred!.state).toBe('deferred');
    expect(deferred!.nextAttemptAt.getTime()).toBeGreaterThan(deps.clock.now().getTime());
    // Not due yet: nothing is claimed.
    expect(await claimDueMail(database.db, deps.clock.now(), 10)).toEqual([]);
    clock.advance(2 * 60_000);
    await deliverDueMail(mailer.deps);
    const [sent] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(sent!.state).toBe('sent');
    expect(sent!.attempts).toBe(2);
    expect(await eventsOf(sent!.id)).toEqual(['queued', 'deferred', 'sent']);
  });

  it('treats a 5xx reply as a hard bounce and suppresses the address', async () => {
    const refusing = await refusingSmtpServer(
      550,
      '5.1.1 <nobody@example.com>: Recipient address rejected: User unknown',
    );
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'nobody@example.com',
    });
    await deliverDueMail({
      ...mailer.deps,
      transport: smtpTransport(refusing.url, mailer.deps.identity),
    });
    await refusing.close();
    const [message] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(message!.state).toBe('bounced');
    const events = await database.db
      .select()
      .from(mailEvents)
      .where(eq(mailEvents.messageId, message!.id));
    expect(events.find((e) => e.type === 'bounced')?.detail).toMatchObject({
      bounceClass: 'hard',
      status: '5.1.1',
    });
  });

  it('gives up after the retry window with a failed event', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'nowhere@example.com',
    });
    const down = smtpTransport('smtp://127.0.0.1:1', mailer.deps.identity);
    await deliverDueMail({ ...mailer.deps, transport: down, retryHours: 0.01 });
    const [message] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(message!.state).toBe('failed');
    expect(await eventsOf(message!.id)).toEqual(['queued', 'failed']);
  });

  it('does not send or record a message whose claim another worker took over', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'slow.worker@example.com',
    });
    const [claimed] = (await claimDueMail(database.db, clock.now(), 50)).filter(
      (m) => m.orderId === order.id,
    );
    // The lease ran out and another worker claimed it again: the stale copy must stand down.
    await database.db
      .update(outboxMessages)
      .set({ lockedUntil: new Date(clock.now().getTime() + 999_000) })
      .where(eq(outboxMessages.id, claimed!.id));
    expect(await deliverMessage(mailer.deps, claimed!)).toBe('claim_lost');
    expect(await eventsOf(claimed!.id)).toEqual(['queued']);
    const received = await database.db
      .select()
      .from(caughtMails)
      .where(eq(caughtMails.messageId, `<${claimed!.id}@tenpo.example>`));
    expect(received).toEqual([]);
  });

  it('backs off exponentially up to an hour', () => {
    const mid = () => 0.5;
    expect(retryDelayMs(1, mid)).toBe(60_000);
    expect(retryDelayMs(3, mid)).toBe(240_000);
    expect(retryDelayMs(20, mid)).toBe(3_600_000);
  });
});
