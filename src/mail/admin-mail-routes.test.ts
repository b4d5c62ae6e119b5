import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { members } from '../accounts/tables.ts';
import type { Buyer } from '../checkout/place-order.ts';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import { redactSource } from '../mail/mail-secrets.ts';
import { recordDeliveryReport } from '../mail/record-delivery-report.ts';
import { smtpTransport } from '../mail/smtp-transport.ts';
import { caughtMails, outboxMessages, suppressions } from '../mail/tables.ts';
import { cancelOrder } from '../orders/cancel-order.ts';
import { orderAccessToken } from '../orders/order-access.ts';
import { orderEvents, orders } from '../orders/tables.ts';
import type { StaffRole } from '../staff/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeOrder, makeProduct, testClock } from '../testing/factories.ts';
import { refusingSmtpServer } from '../testing/smtp-servers.ts';
import { useTestWorld } from '../testing/world.ts';

const listed = (html: string, attribute: string) =>
  [...html.matchAll(new RegExp(`${attribute}="([^"]+)"`, 'g'))].map((m) => m[1]);

describeEachDatabase('admin mail: log, resend, suppressions, notices, order mail', (kind) => {
  const clock = testClock();
  const { database, deps, appDeps, mailer, signedInStaff } = useTestWorld(kind, {
    clock,
    mailer: true,
  });
  const signedIn = (role: StaffRole) => signedInStaff(role);

  const mailOf = (orderId: string) =>
    database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, orderId))
      .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id));
  const messageRow = async (id: string) =>
    (await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!;
  const caughtFor = (messageId: string) =>
    database.db
      .select()
      .from(caughtMails)
      .where(eq(caughtMails.messageId, `<${messageId}@tenpo.example>`));

  /** A placed order whose confirmation went through the real SMTP catcher. */
  async function deliveredOrder(buyer: Partial<Buyer>) {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], buyer);
    await deliverDueMail(mailer.deps);
    const [confirmation] = await mailOf(order.id);
    return { order, product, confirmation: confirmation! };
  }

  describe('the delivery log', () => {
    it('finds messages by part of the recipient, by order number and by state', async () => {
      const a = await deliveredOrder({ email: 'Log.Alice@Example.com' });
      const b = await deliveredOrder({ email: 'log.bob@example.com' });
      await database.db.insert(suppressions).values({
        email: 'log.carol@example.com',
        reason: 'manual',
        source: 'test',
      });
      const c = await deliveredOrder({ email: 'log.carol@example.com' });
      expect(c.confirmation.state).toBe('suppressed');
      const { browser } = await signedIn('support');

      const byRecipient = await browser.get('/admin/mail?recipient=ALICE@example');
      expect(byRecipient.status).toBe(200);
      expect(listed(byRecipient.html, 'data-message')).toEqual([a.confirmation.id]);

      const byOrder = await browser.get(`/admin/mail?order=${b.order.number.toLowerCase()}`);
      expect(listed(byOrder.html, 'data-message')).toEqual([b.confirmation.id]);
      expect(byOrder.html).toContain(`href="/admin/orders/${b.order.number}"`);

      const suppressed = await browser.get('/admin/mail?recipient=log.&state=suppressed');
      expect(listed(suppressed.html, 'data-message')).toEqual([c.confirmation.id]);
      const sent = await browser.get('/admin/mail?recipient=log.&state=sent&topic=order_placed');
      expect(new Set(listed(sent.html, 'data-message'))).toEqual(
        new Set([a.confirmation.id, b.confirmation.id]),
      );

      // The test clock is 2026-11-26 12:00 JST.
      const today = await browser.get('/admin/mail?recipient=log.&from=2026-11-26&to=2026-11-26');
      expect(listed(today.html, 'data-message')).toHaveLength(3);
      const later = await browser.get('/admin/mail?recipient=log.&from=2026-11-27');
      expect(listed(later.html, 'data-message')).toEqual([]);

      const bad = await browser.get('/admin/mail?state=lost&from=2026-02-30');
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('Choose a state from the list.');
    });

    it('shows a message with its timeline in words: sent, deferred, bounced', async () => {
      const product = await makeProduct(database.db);
      const order = await makeOrder(deps, [{ product, quantity: 1 }], {
        email: 'timeline@example.com',
      });
      const busy = await refusingSmtpServer(451, '4.2.2 Mailbox full, try later');
      await deliverDueMail({
        ...mailer.deps,
        transport: smtpTransport(busy.url, mailer.deps.identity),
      });
      await busy.close();
      clock.advance(5 * 60_000);
      await deliverDueMail(mailer.deps);
      const [message] = await mailOf(order.id);
      expect(message!.state).toBe('sent');
      await recordDeliveryReport(
        { db: database.db, softBounceLimit: 3, now: clock.now() },
        {
          kind: 'bounce',
          messageId: message!.id,
          status: '5.1.1',
          bounceClass: 'hard',
          diagnostic: 'smtp; 550 5.1.1 <timeline@example.com>: Recipient address rejected',
          source: 'dsn',
        },
      );

      const { browser } = await signedIn('admin');
      const page = await browser.get(`/admin/mail/${message!.id}`);
      expect(page.status).toBe(200);
      expect(listed(page.html, 'data-event')).toEqual(['queued', 'deferred', 'sent', 'bounced']);
      expect(page.html).toContain('Temporary failure; it will be tried again');
      expect(page.html).toContain('4.2.2 Mailbox full, try later');
      expect(page.html).toContain('Next try');
      expect(page.html).toMatch(/Accepted by [^<]+/);
      expect(page.html).toMatch(/<dd>250 /);
      expect(page.html).toContain('Hard bounce');
      expect(page.html).toContain('5.1.1');
      expect(page.html).toContain('Recipient address rejected');
      // The address is now suppressed, and the page says so.
      expect(page.html).toContain('is on the suppression list');
      // The source that was sent, and a download of it, with the guest link's key hidden.
      expect(page.html).toContain(`X-Tenpo-Message-ID: ${message!.id}`);
      const raw = await browser.get(`/admin/mail/${message!.id}/raw`);
      expect(raw.status).toBe(200);
      expect(raw.headers.get('content-type')).toBe('message/rfc822');
      expect(raw.headers.get('content-disposition')).toContain(`${message!.id}.eml`);
      const key = orderAccessToken(appDeps.secret, order);
      expect(message!.rawSource!.replace(/=\r?\n/g, '')).toContain(key);
      expect(raw.html).toBe(redactSource(message!.rawSource!, [key]));
      expect(raw.html).not.toContain(key);

      expect((await browser.get('/admin/mail/00000000-0000-4000-8000-000000000000')).status).toBe(
        404,
      );
      expect((await browser.get('/admin/mail/not-a-uuid')).status).toBe(404);
    });

    it('resends as a new linked message that reaches the mail catcher, optionally elsewhere', async () => {
      const { order, confirmation } = await deliveredOrder({ email: 'resend.me@example.com' });
      const { browser, email } = await signedIn('support');
      await browser.get(`/admin/mail/${confirmation.id}`);

      const res = await browser.post(`/admin/mail/${confirmation.id}/resend`, { recipient: '' });
      expect(res.status).toBe(303);
      const copyId = res.location!.match(/^\/admin\/mail\/([0-9a-f-]{36})\?done=resent$/)![1]!;
      const copy = await messageRow(copyId);
      expect(copy).toMatchObject({
        resendOf: confirmation.id,
        recipient: 'resend.me@example.com',
        orderId: order.id,
        topic: 'order_placed',
      });
      expect(copy.payload.resentBy).toBe(`staff:${email}`);
      await deliverDueMail(mailer.deps);
      expect((await messageRow(copyId)).state).toBe('sent');
      const [caught] = await caughtFor(copyId);
      expect(caught!.envelopeTo).toEqual(['resend.me@example.com']);

      const copyPage = await browser.get(res.location!);
      expect(copyPage.html).toContain('Resend queued');
      expect(copyPage.html).toContain(`data-original="${confirmation.id}"`);
      // The mailbox is an admin's; support is not sent there.
      expect(copyPage.html).not.toContain(`href="/admin/mailbox/${caught!.id}"`);
      const originalPage = await browser.get(`/admin/mail/${confirmation.id}`);
      expect(originalPage.html).toContain(`data-resend="${copyId}"`);

      const elsewhere = await browser.post(`/admin/mail/${confirmation.id}/resend`, {
        recipient: ' other.inbox@example.com ',
      });
      const otherId = elsewhere.location!.split('/')[3]!.split('?')[0]!;
      expect((await messageRow(otherId)).recipient).toBe('other.inbox@example.com');
      await deliverDueMail(mailer.deps);
      expect((await caughtFor(otherId))[0]!.envelopeTo).toEqual(['other.inbox@example.com']);

      const before = (await mailOf(order.id)).length;
      for (const recipient of ['not an address', 'a@example.com\r\nBcc: x@example.org']) {
        const bad = await browser.post(`/admin/mail/${confirmation.id}/resend`, { recipient });
        expect(bad.status).toBe(400);
        expect(bad.html).toContain('field-error');
      }
      expect(await mailOf(order.id)).toHaveLength(before);
      const unknown = await browser.post(
        '/admin/mail/00000000-0000-4000-8000-000000000000/resend',
        {},
      );
      expect(unknown.status).toBe(404);
    });
  });

  describe('suppressions', () => {
    it('adds an address by hand so its next mail is recorded as suppressed, and removes it', async () => {
      const { browser, email } = await signedIn('support');
      await browser.get('/admin/suppressions');
      const added = await browser.post('/admin/suppressions', {
        email: 'Blocked.Person@Example.com',
        note: 'Asked by phone to stop all mail',
      });
      expect(added.status).toBe(303);
      const list = await browser.get(added.location!);
      expect(listed(list.html, 'data-suppressed')).toContain('blocked.person@example.com');
      expect(list.html).toContain('Added by staff');
      expect(list.html).toContain(`staff:${email}`);
      expect(list.html).toContain('Asked by phone to stop all mail');
      const search = await browser.get('/admin/suppressions?q=BLOCKED');
      expect(listed(search.html, 'data-suppressed')).toEqual(['blocked.person@example.com']);
      expect(
        listed((await browser.get('/admin/suppressions?q=zzz')).html, 'data-suppressed'),
      ).toEqual([]);

      const { confirmation } = await deliveredOrder({ email: 'blocked.person@example.com' });
      expect(confirmation.state).toBe('suppressed');
      const page = await browser.get(`/admin/mail/${confirmation.id}`);
      expect(page.html).toContain('Not sent: the address is on the suppression list');
      expect(await caughtFor(confirmation.id)).toEqual([]);

      const again = await browser.post('/admin/suppressions', {
        email: 'blocked.person@example.com',
      });
      expect(again.status).toBe(409);
      const invalid = await browser.post('/admin/suppressions', { email: 'nope' });
      expect(invalid.status).toBe(400);
      expect(invalid.html).toContain('Enter an email address');

      const removed = await browser.post('/admin/suppressions/remove', {
        email: 'blocked.person@example.com',
      });
      expect(removed.status).toBe(303);
      expect(
        listed((await browser.get('/admin/suppressions')).html, 'data-suppressed'),
      ).not.toContain('blocked.person@example.com');
      const gone = await browser.post('/admin/suppressions/remove', {
        email: 'blocked.person@example.com',
      });
      expect(gone.status).toBe(404);
      // Sent again once removed.
      const resend = await browser.post(`/admin/mail/${confirmation.id}/resend`, {});
      const copyId = resend.location!.split('/')[3]!.split('?')[0]!;
      await deliverDueMail(mailer.deps);
      expect((await messageRow(copyId)).state).toBe('sent');
    });
  });

  describe('mail on the order page', () => {
    it("changes a member order's contact email: audit event, confirmation to the new address, member email kept", async () => {
      const member = await makeMember(database.db, { email: 'member.old@example.com' });
      const { order, confirmation } = await deliveredOrder({
        email: 'member.old@example.com',
        locale: 'ja',
        memberId: member.id,
      });
      const { browser, email } = await signedIn('support');
      const base = `/admin/orders/${order.number}`;
      const page = await browser.get(base);
      expect(page.html).toContain('Mail about this order');
      expect(listed(page.html, 'data-order-mail')).toEqual([confirmation.id]);
      expect(page.html).toContain(`href="/admin/mail/${confirmation.id}"`);
      expect(page.html).toContain('id="contact-email"');

      const bad = await browser.post(`${base}/contact-email`, { email: 'new@@example' });
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('new@@example');
      const same = await browser.post(`${base}/contact-email`, { email: 'MEMBER.OLD@example.com' });
      expect(same.status).toBe(400);
      expect(same.html).toContain('already the contact email');

      clock.advance(1000);
      const changed = await browser.post(`${base}/contact-email`, {
        email: 'member.new@example.com',
      });
      expect(changed.status).toBe(303);
      expect(changed.location).toBe(`${base}?done=contact_changed`);
      const [row] = await database.db.select().from(orders).where(eq(orders.id, order.id));
      expect(row!.contactEmail).toBe('member.new@example.com');
      const [kept] = await database.db.select().from(members).where(eq(members.id, member.id));
      expect(kept!.email).toBe('member.old@example.com');
      const [audit] = await database.db
        .select()
        .from(orderEvents)
        .where(
          and(eq(orderEvents.orderId, order.id), eq(orderEvents.state, 'contact_email_changed')),
        );
      expect(audit).toMatchObject({
        actor: `staff:${email}`,
        note: 'member.old@example.com → member.new@example.com',
      });

      await deliverDueMail(mailer.deps);
      const mails = await mailOf(order.id);
      const resent = mails.find((m) => m.recipient === 'member.new@example.com')!;
      expect(resent).toMatchObject({ state: 'sent', resendOf: confirmation.id, locale: 'ja' });
      const [caught] = await caughtFor(resent.id);
      expect(caught!.envelopeTo).toEqual(['member.new@example.com']);
      expect(caught!.subject).toContain(order.number);

      const after = await browser.get(changed.location!);
      expect(after.html).toContain('The contact email is changed');
      expect(after.html).toContain('Contact email changed');
      expect(after.html).toContain('member.old@example.com → member.new@example.com');
      expect(listed(after.html, 'data-order-mail')).toEqual([confirmation.id, resent.id]);
    });

    it("resends one of the order's messages from the order page, and only the order's own", async () => {
      const { order, confirmation } = await deliveredOrder({ email: 'order.page@example.com' });
      const other = await deliveredOrder({ email: 'someone.else@example.com' });
      const { browser } = await signedIn('admin');
      const base = `/admin/orders/${order.number}`;
      await browser.get(base);
      const res = await browser.post(`${base}/mail/${confirmation.id}/resend`, {});
      expect(res.status).toBe(303);
      expect(res.location).toBe(`${base}?done=resent#mail`);
      await deliverDueMail(mailer.deps);
      const mails = await mailOf(order.id);
      expect(mails).toHaveLength(2);
      expect(mails.find((m) => m.id !== confirmation.id)).toMatchObject({
        resendOf: confirmation.id,
        state: 'sent',
      });
      const foreign = await browser.post(`${base}/mail/${other.confirmation.id}/resend`, {});
      expect(foreign.status).toBe(404);
      expect(await mailOf(other.order.id)).toHaveLength(1);
    });
  });

  describe('important notices', () => {
    it('queues one notice per live order of a product, and one for a single order', async () => {
      const product = await makeProduct(database.db);
      const en = await makeOrder(deps, [{ product, quantity: 1 }], { email: 'n.en@example.com' });
      const ja = await makeOrder(deps, [{ product, quantity: 2 }], {
        email: 'n.ja@example.com',
        locale: 'ja',
      });
      const cancelled = await makeOrder(deps, [{ product, quantity: 1 }], {
        email: 'n.cancelled@example.com',
      });
      await cancelOrder(deps, { orderId: cancelled.id, actor: 'customer' });
      const { browser } = await signedIn('support');
      const form = await browser.get('/admin/notices/new');
      expect(form.status).toBe(200);
      const notice = {
        subjectEn: 'Release delayed',
        subjectJa: '発売延期のお知らせ',
        bodyEn: 'The release moves to April.',
        bodyJa: '発売日が4月に変更になりました。',
      };
      const res = await browser.post('/admin/notices', {
        ...notice,
        targetKind: 'product',
        target: product.sku,
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe('/admin/notices/new?queued=2');
      expect((await browser.get(res.location!)).html).toContain('Queued 2 mails');
      const notices = async (orderId: string) =>
        (await mailOf(orderId)).filter((m) => m.topic === 'important_notice');
      expect(await notices(en.id)).toMatchObject([{ locale: 'en', payload: notice }]);
      expect(await notices(ja.id)).toMatchObject([{ locale: 'ja', payload: notice }]);
      expect(await notices(cancelled.id)).toEqual([]);

      const one = await browser.post('/admin/notices', {
        ...notice,
        targetKind: 'order',
        target: ja.number.toLowerCase(),
      });
      expect(one.location).toBe('/admin/notices/new?queued=1');
      expect(await notices(ja.id)).toHaveLength(2);

      const unknown = await browser.post('/admin/notices', {
        ...notice,
        targetKind: 'product',
        target: 'NO-SUCH-SKU',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.html).toContain('There is no product with that SKU.');
      const missing = await browser.post('/admin/notices', {
        ...notice,
        bodyJa: '  ',
        targetKind: 'order',
        target: en.number,
      });
      expect(missing.status).toBe(400);
      expect(missing.html).toContain('Enter the Japanese text.');
      expect(missing.html).toContain('Release delayed');
      expect(await notices(en.id)).toHaveLength(1);
    });
  });

  describe('who may do what', () => {
    it('lets fulfilment read the log but not mail content or changes, and keeps catalog out', async () => {
      const { order, confirmation } = await deliveredOrder({ email: 'roles@example.com' });
      const [caught] = await caughtFor(confirmation.id);
      const fulfilment = (await signedIn('fulfilment')).browser;
      expect((await fulfilment.get('/admin/mail')).status).toBe(200);
      const page = await fulfilment.get(`/admin/mail/${confirmation.id}`);
      expect(page.status).toBe(200);
      expect(listed(page.html, 'data-event')).toEqual(['queued', 'sent']);
      expect(page.html).not.toMatch(/X-Tenpo-Message-Id/i);
      expect(page.html).not.toContain('Raw source');
      expect(page.html).not.toContain('/resend"');
      const orderPage = await fulfilment.get(`/admin/orders/${order.number}`);
      expect(orderPage.html).toContain('Mail about this order');
      expect(orderPage.html).not.toContain('id="contact-email"');
      const forbidden = [
        `/admin/mail/${confirmation.id}/raw`,
        '/admin/mailbox',
        `/admin/mailbox/${caught!.id}`,
        '/admin/suppressions',
        '/admin/notices/new',
      ];
      for (const path of forbidden) expect((await fulfilment.get(path)).status, path).toBe(403);
      for (const path of [
        `/admin/mail/${confirmation.id}/resend`,
        `/admin/orders/${order.number}/contact-email`,
        `/admin/orders/${order.number}/mail/${confirmation.id}/resend`,
        '/admin/suppressions',
        '/admin/notices',
      ])
        expect((await fulfilment.post(path, { email: 'x@example.com' })).status, path).toBe(403);

      const catalog = (await signedIn('catalog')).browser;
      for (const path of [
        '/admin/mail',
        `/admin/mail/${confirmation.id}`,
        '/admin/mailbox',
        '/admin/suppressions',
        '/admin/notices/new',
      ])
        expect((await catalog.get(path)).status, path).toBe(403);
      expect((await catalog.get('/admin/products')).html).not.toContain('href="/admin/mail"');

      const support = (await signedIn('support')).browser;
      for (const path of ['/admin/mail', '/admin/suppressions', '/admin/notices/new'])
        expect((await support.get(path)).status, path).toBe(200);
      expect((await support.get('/admin/mailbox')).status).toBe(403);
    });

    it('refuses every mail form without the CSRF token', async () => {
      const { order, confirmation } = await deliveredOrder({ email: 'csrf@example.com' });
      const { browser } = await signedIn('admin');
      await browser.get('/admin/mail');
      const posts: [string, Record<string, string>][] = [
        [`/admin/mail/${confirmation.id}/resend`, {}],
        ['/admin/suppressions', { email: 'csrf.block@example.com' }],
        ['/admin/suppressions/remove', { email: 'csrf.block@example.com' }],
        [`/admin/orders/${order.number}/contact-email`, { email: 'csrf.new@example.com' }],
        [`/admin/orders/${order.number}/mail/${confirmation.id}/resend`, {}],
        [
          '/admin/notices',
          {
            targetKind: 'order',
            target: order.number,
            subjectEn: 'a',
            subjectJa: 'a',
            bodyEn: 'a',
            bodyJa: 'a',
          },
        ],
      ];
      for (const [path, form] of posts)
        expect((await browser.post(path, { ...form, _csrf: '' })).status, path).toBe(403);
      expect(await mailOf(order.id)).toHaveLength(1);
      const [row] = await database.db.select().from(orders).where(eq(orders.id, order.id));
      expect(row!.contactEmail).toBe('csrf@example.com');
    });
  });
});
