import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import { type Member, members } from '../accounts/tables.ts';
import { verificationCodes } from '../accounts/verification-codes.ts';
import { createApp } from '../app.tsx';
import { fixedClock } from '../lib/clock.ts';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { recordDeliveryReport } from '../mail/record-delivery-report.ts';
import { caughtMails, outboxMessages } from '../mail/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeOrder, makeProduct, testClock } from '../testing/factories.ts';
import { visible } from '../testing/html.ts';
import { formClient, testAppDeps } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';
import { GUEST_LINK_DAYS, guestOrderPath } from './order-access.ts';
import { isResendableOrderMail } from './resend-order-mail.ts';
import { below } from './routes.tsx';
import { orderEvents, orders } from './tables.ts';

/** What a reader sees: tags dropped, entities decoded, spaces squeezed. */

/** The action of the first form whose action matches, as a path the test client can post to. */
function formAction(html: string, pattern: RegExp): string {
  const actions = [...html.matchAll(/<form[^>]*action="([^"]+)"/g)].map((m) =>
    m[1]!.replace(/&amp;/g, '&'),
  );
  const action = actions.find((a) => pattern.test(a));
  if (!action) throw new Error(`no form action matches ${pattern}: ${actions.join(', ')}`);
  return action.replace(/#.*$/, '');
}

const pathOf = (location: string | null) => (location ?? '').replace(/#.*$/, '');

describeEachDatabase('order mail for customers over HTTP', (kind) => {
  const clock = testClock();
  const { database, deps, app, mailer, signedInMember } = useTestWorld(kind, {
    clock,
    mailer: true,
  });

  const signedIn = async (member: Member) => (await signedInMember({ member })).browser;

  async function memberWithOrder() {
    const member = await makeMember(database.db);
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      memberId: member.id,
      email: member.email,
    });
    return { member, order };
  }

  /** The six-digit code in the newest mail the catcher received for `address`. */
  async function codeMailedTo(address: string) {
    await deliverDueMail(mailer.deps);
    const caught = (
      await database.db.select().from(caughtMails).orderBy(caughtMails.receivedAt)
    ).filter((m) => m.envelopeTo.some((to) => to.toLowerCase() === address.toLowerCase()));
    const parsed = await Promise.all(caught.map((m) => simpleParser(m.raw)));
    const codeMail = parsed
      .filter((p) => /verification code|確認コード/.test(p.subject ?? ''))
      .at(-1);
    // The code is on a line of its own in the body, never in the subject.
    const code = codeMail?.text?.match(/^\s*(\d{6})\s*$/m)?.[1];
    if (!code) throw new Error(`no code mail to ${address}`);
    expect(codeMail?.subject).not.toContain(code);
    return code;
  }

  const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('lists every mail of the order with its state in plain words, never showing a code', async () => {
    const { member, order } = await memberWithOrder();
    await database.db.transaction(async (tx) => {
      await enqueueMail(tx, {
        topic: 'verification_code',
        recipient: 'elsewhere@example.net',
        locale: 'en',
        orderId: order.id,
        payload: { code: '987654', purpose: 'order_email_change', minutes: 10 },
        now: clock.now(),
      });
      await enqueueMail(tx, {
        topic: 'important_notice',
        recipient: member.email,
        locale: 'en',
        orderId: order.id,
        payload: {
          subjectEn: 'Release delayed',
          subjectJa: '発売延期',
          bodyEn: 'Later.',
          bodyJa: '延期',
        },
        now: clock.now(),
      });
    });
    await deliverDueMail(mailer.deps);
    const [notice] = await database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'important_notice')),
      );
    await recordDeliveryReport(
      { db: database.db, softBounceLimit: 5, now: clock.now() },
      {
        kind: 'bounce',
        messageId: notice!.id,
        status: '5.2.2',
        bounceClass: 'soft',
        diagnostic: '552 5.2.2 Mailbox full',
        source: 'test',
      },
    );

    const browser = await signedIn(member);
    const page = await browser.get(`/mypage/orders/${order.number}`);
    expect(page.status).toBe(200);
    const text = visible(page.html);
    expect(text).toContain('Mail about this order');
    expect(text).toContain('Order confirmation');
    // testClock is 03:00 UTC, noon in Tokyo.
    expect(text).toContain("Accepted by your provider's server at 12:00 (26 Nov)");
    expect(text).toContain('Important notice: Release delayed');
    expect(text).toContain('Your provider refused it: the mailbox is full');
    expect(text).toContain('Verification code (to move this order’s mail)');
    expect(text).toContain('To elsewhere@example.net');
    expect(page.html).not.toContain('987654');
    // Newest first: the two later mails come before the confirmation.
    expect(text.indexOf('Important notice')).toBeLessThan(text.indexOf('Order confirmation'));
    // Codes cannot be resent; the other two can.
    expect(page.html.match(/\/resend/g)).toHaveLength(2);

    await browser.get(`/lang/ja?back=/mypage/orders/${order.number}`);
    const ja = visible((await browser.get(`/mypage/orders/${order.number}`)).html);
    expect(ja).toContain('このご注文に関するメール');
    expect(ja).toContain('お客様のメールサーバーが 11月26日 12:00 に受け取りました');
    expect(ja).toContain('重要なお知らせ：発売延期');
    expect(ja).toContain('メールボックスが満杯です');
  });

  it('resends a mail to the contact email, and answers the fourth resend in an hour with 429', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'guest.resend@example.com',
    });
    const browser = formClient(app);
    const page = await browser.get(guestOrderPath('test-secret', order));
    expect(page.status).toBe(200);
    const resend = formAction(page.html, /\/resend/);
    expect(resend).toContain('?key=');
    for (let i = 1; i <= 3; i++) {
      const res = await browser.post(resend, {});
      expect(res.status).toBe(303);
      expect(res.location).toContain('resent=1');
      expect(res.location).toContain('#order-mail');
    }
    const limited = await browser.post(resend, {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect(visible(limited.html)).toContain(
      'This order’s mail was resent several times in the last hour. You can resend again at 13:00 (26 Nov).',
    );
    const copies = await database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'order_placed')));
    expect(copies).toHaveLength(4);
    expect(copies.filter((m) => m.resendOf).every((m) => m.recipient === order.contactEmail)).toBe(
      true,
    );
    const shown = await browser.get(`${guestOrderPath('test-secret', order)}&resent=1`);
    expect(visible(shown.html)).toContain('We sent it again to guest.resend@example.com.');
  });

  it('moves an order’s mail to a new address with a code, leaving the member’s own email alone', async () => {
    const { member, order } = await memberWithOrder();
    const browser = await signedIn(member);
    const page = await browser.get(`/mypage/orders/${order.number}`);
    expect(visible(page.html)).toContain(
      `This changes only this order’s contact email. Your member account email (${member.email}) stays the same.`,
    );
    const bad = await browser.post(`/mypage/orders/${order.number}/contact-email`, {
      email: 'not an address',
    });
    expect(bad.status).toBe(400);
    expect(visible(bad.html)).toContain('Enter an email address such as taro@example.com.');
    expect(bad.html).toContain('value="not an address"');
    const same = await browser.post(`/mypage/orders/${order.number}/contact-email`, {
      email: member.email.toUpperCase(),
    });
    expect(same.status).toBe(400);
    expect(visible(same.html)).toContain('This is already the contact email for this order.');

    // Typed with spaces and a capitalised domain; stored trimmed with the domain lower-case.
    const newAddress = 'New.Address@example.net';
    const asked = await browser.post(`/mypage/orders/${order.number}/contact-email`, {
      email: ' New.Address@Example.net ',
    });
    expect(asked.status).toBe(303);
    expect(asked.location).toBe(`/mypage/orders/${order.number}/contact-email`);
    const codePage = await browser.get(asked.location!);
    expect(visible(codePage.html)).toContain(
      `We sent a 6-digit code to ${newAddress}. It works until 12:10 (26 Nov).`,
    );
    const code = await codeMailedTo(newAddress);
    expect(await codeMailedTo(newAddress)).toBe(code);

    const confirm = `/mypage/orders/${order.number}/contact-email/confirm`;
    const wrong = await browser.post(confirm, { code: otherCode(code) });
    expect(wrong.status).toBe(400);
    expect(visible(wrong.html)).toContain('That code is not right. You can try 4 more times.');
    expect(wrong.html).toContain(`value="${otherCode(code)}"`);
    const again = await browser.post(confirm, { code: otherCode(code) });
    expect(visible(again.html)).toContain('You can try 3 more times.');
    const malformed = await browser.post(confirm, { code: '12a' });
    expect(malformed.status).toBe(400);
    expect(visible(malformed.html)).toContain('Enter the 6 digits from the mail.');

    // Typed on a Japanese keyboard: full-width digits.
    const fullWidth = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const done = await browser.post(confirm, { code: fullWidth });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/mypage/orders/${order.number}?contact=changed#order-mail`);

    const [changed] = await database.db.select().from(orders).where(eq(orders.id, order.id));
    expect(changed!.contactEmail).toBe(newAddress);
    const audit = await database.db
      .select()
      .from(orderEvents)
      .where(
        and(eq(orderEvents.orderId, order.id), eq(orderEvents.state, 'contact_email_changed')),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('customer');
    expect(audit[0]!.note).toContain(member.email);
    const [own] = await database.db.select().from(members).where(eq(members.id, member.id));
    expect(own!.email).toBe(member.email);

    await deliverDueMail(mailer.deps);
    const toNew = (await database.db.select().from(caughtMails)).filter((m) =>
      m.envelopeTo.some((to) => to.toLowerCase() === newAddress.toLowerCase()),
    );
    const subjects = (await Promise.all(toNew.map((m) => simpleParser(m.raw)))).map(
      (p) => p.subject ?? '',
    );
    expect(subjects.some((s) => s.includes(order.number) && !/code/i.test(s))).toBe(true);

    const shown = visible((await browser.get(pathOf(done.location))).html);
    expect(shown).toContain(
      `From now on, mail about this order goes to ${newAddress}. We sent the order confirmation there again.`,
    );
    // The code is used up: confirming again finds nothing waiting.
    const reused = await browser.post(confirm, { code });
    expect(visible(reused.html)).toContain('There is no code waiting.');
  });

  it('moves a guest’s mail through the link: the old address is told, its links stop, the new one gets a fresh link', async () => {
    const product = await makeProduct(database.db);
    const oldAddress = `guest.move.${Math.random().toString(36).slice(2, 8)}@example.com`;
    const order = await makeOrder(deps, [{ product, quantity: 1 }], { email: oldAddress });
    const oldPath = guestOrderPath('test-secret', order);
    const browser = formClient(app);
    expect((await browser.get(oldPath)).status).toBe(200);
    const newAddress = 'guest.moved@example.net';
    const asked = await browser.post(below(oldPath, '/contact-email'), { email: newAddress });
    expect(asked.status).toBe(303);
    const code = await codeMailedTo(newAddress);
    const done = await browser.post(below(oldPath, '/contact-email/confirm'), { code });
    expect(done.status).toBe(303);

    // The page goes on under the new link; the old one is a 410 that says how to find the order.
    const [moved] = await database.db.select().from(orders).where(eq(orders.id, order.id));
    expect(moved!.accessEpoch).toBe(order.accessEpoch + 1);
    const newPath = guestOrderPath('test-secret', moved!);
    expect(newPath).not.toBe(oldPath);
    expect(done.location).toBe(`${newPath}&contact=changed#order-mail`);
    expect((await browser.get(pathOf(done.location))).status).toBe(200);
    const gone = await browser.get(oldPath);
    expect(gone.status).toBe(410);
    expect(visible(gone.html)).toContain('This order link no longer works');
    expect(visible(gone.html)).toContain('A new link was sent to the new address.');
    expect(gone.html).toContain('href="/orders/find"');
    const goneJa = await app.request(oldPath, { headers: { 'accept-language': 'ja' } });
    expect(goneJa.status).toBe(410);
    expect(await goneJa.text()).toContain('このご注文のリンクは使えなくなりました');
    expect((await browser.post(below(oldPath, '/cancel'), {})).status).toBe(410);
    const api = await app.request(
      `/api/store/orders/${order.number}?key=${oldPath.split('key=')[1]}`,
    );
    expect(api.status).toBe(410);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('access_key_gone');

    // The old address got a notice in the same transaction as the move: no code, no key, no link.
    const [notice] = await database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'order_contact_moved')),
      );
    expect(notice!.recipient).toBe(oldAddress);
    expect(notice!.payload).toEqual({ orderNumber: order.number, maskedEmail: 'g***@example.net' });
    await deliverDueMail(mailer.deps);
    const caught = await database.db.select().from(caughtMails);
    const parsedTo = async (address: string) =>
      Promise.all(
        caught
          .filter((m) => m.envelopeTo.some((to) => to.toLowerCase() === address))
          .map((m) => simpleParser(m.raw)),
      );
    const toOld = (await parsedTo(oldAddress)).find((p) => /another address/.test(p.subject ?? ''));
    expect(toOld!.subject).toBe(
      `The mails of your order ${order.number} now go to another address`,
    );
    expect(toOld!.subject).not.toMatch(/\d{6}$/);
    expect(toOld!.text).toContain('g***@example.net');
    expect(toOld!.text).not.toContain(newAddress);
    expect(toOld!.text).not.toContain('key=');
    expect(toOld!.text).not.toContain(code);
    // The confirmation resent to the new address carries the new link, never the old one.
    const toNew = await parsedTo(newAddress);
    const resent = toNew.find(
      (p) => (p.text ?? '').includes(order.number) && !/code/i.test(p.subject ?? ''),
    );
    expect(resent!.text).toContain(newPath.split('key=')[1]);
    expect(resent!.text).not.toContain(oldPath.split('key=')[1]);
  });

  it('expires a guest link long after the order last changed, with a page saying how to find it', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    const path = guestOrderPath('test-secret', order);
    const later = fixedClock(
      new Date(order.updatedAt.getTime() + (GUEST_LINK_DAYS - 1) * 86_400_000),
    );
    const laterApp = createApp(testAppDeps(database.db, { clock: later }));
    expect((await laterApp.request(path)).status).toBe(200);
    later.advance(2 * 86_400_000);
    const expired = await laterApp.request(path);
    expect(expired.status).toBe(410);
    const text = visible(await expired.text());
    expect(text).toContain(
      `Order links stop working ${GUEST_LINK_DAYS} days after the last change`,
    );
    expect(text).toContain('enter its order number and the email address');
    const ja = await laterApp.request(path, { headers: { 'accept-language': 'ja' } });
    expect(await ja.text()).toContain(`${GUEST_LINK_DAYS} 日で使えなくなります`);
    // A key that was never ours is still the plain 404.
    expect((await laterApp.request(`/orders/${order.number}?key=nope`)).status).toBe(404);
  });

  it('stops a code after five wrong tries and after ten minutes', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'guest.tries@example.com',
    });
    const browser = formClient(app);
    const page = await browser.get(guestOrderPath('test-secret', order));
    const request = formAction(page.html, /\/contact-email\?/);
    const asked = await browser.post(request, { email: 'tries.new@example.com' });
    expect(asked.status).toBe(303);
    const codePage = await browser.get(asked.location!);
    const confirm = formAction(codePage.html, /\/confirm/);
    const code = await codeMailedTo('tries.new@example.com');
    for (let i = 4; i >= 1; i--) {
      const wrong = await browser.post(confirm, { code: otherCode(code) });
      expect(visible(wrong.html)).toContain(`You can try ${i} more ${i === 1 ? 'time' : 'times'}.`);
    }
    const last = await browser.post(confirm, { code: otherCode(code) });
    expect(last.status).toBe(429);
    expect(visible(last.html)).toContain('Too many wrong codes were entered.');
    expect(last.html).not.toContain('name="code"');
    const right = await browser.post(confirm, { code });
    expect(right.status).toBe(429);

    await browser.post(request, { email: 'tries.new@example.com' });
    const fresh = await codeMailedTo('tries.new@example.com');
    clock.advance(11 * 60_000);
    const late = await browser.post(confirm, { code: fresh });
    expect(late.status).toBe(400);
    expect(visible(late.html)).toContain('This code has expired.');
    const [unchanged] = await database.db.select().from(orders).where(eq(orders.id, order.id));
    expect(unchanged!.contactEmail).toBe('guest.tries@example.com');
  });

  it('answers 404 when another member tries to resend or move the mail of someone’s order', async () => {
    const { order } = await memberWithOrder();
    const intruder = await makeMember(database.db);
    const browser = await signedIn(intruder);
    const [message] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    const base = `/mypage/orders/${order.number}`;
    expect((await browser.get(base)).status).toBe(404);
    expect((await browser.post(`${base}/mail/${message!.id}/resend`, {})).status).toBe(404);
    expect(
      (await browser.post(`${base}/contact-email`, { email: 'thief@example.com' })).status,
    ).toBe(404);
    expect((await browser.get(`${base}/contact-email`)).status).toBe(404);
    expect((await browser.post(`${base}/contact-email/confirm`, { code: '123456' })).status).toBe(
      404,
    );
    // Nor through the guest link without its key.
    const guest = `/orders/${order.number}`;
    expect((await browser.post(`${guest}/mail/${message!.id}/resend?key=nope`, {})).status).toBe(
      404,
    );
    expect(
      (await browser.post(`${guest}/contact-email?key=nope`, { email: 'thief@example.com' }))
        .status,
    ).toBe(404);
    const mails = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(mails).toHaveLength(1);
    const codes = await database.db
      .select()
      .from(verificationCodes)
      .where(eq(verificationCodes.subjectId, order.id));
    expect(codes).toHaveLength(0);
    // Signed out, the member routes send you to sign in first.
    const stranger = formClient(app);
    await stranger.get('/orders/find');
    const signedOut = await stranger.post(`${base}/contact-email`, { email: 'x@example.com' });
    expect(signedOut.status).toBe(303);
    expect(signedOut.location).toContain('/account/sign-in');
  });

  it('limits code requests for one order to five an hour', async () => {
    clock.advance(3600_000);
    const { member, order } = await memberWithOrder();
    const browser = await signedIn(member);
    await browser.get(`/mypage/orders/${order.number}`);
    const ask = (i: number) =>
      browser.post(`/mypage/orders/${order.number}/contact-email`, {
        email: `try${i}@example.net`,
      });
    for (let i = 0; i < 5; i++) expect((await ask(i)).status).toBe(303);
    const limited = await ask(5);
    expect(limited.status).toBe(429);
    expect(visible(limited.html)).toContain(
      'Too many codes were requested for this order. You can try again at',
    );
    expect(limited.html).toContain('value="try5@example.net"');
  });

  it('refuses to resend a message that belongs to another order', async () => {
    const { member, order } = await memberWithOrder();
    const other = await memberWithOrder();
    const [foreign] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, other.order.id));
    const browser = await signedIn(member);
    await browser.get(`/mypage/orders/${order.number}`);
    const res = await browser.post(`/mypage/orders/${order.number}/mail/${foreign!.id}/resend`, {});
    expect(res.status).toBe(404);
    const bogus = await browser.post(`/mypage/orders/${order.number}/mail/not-a-uuid/resend`, {});
    expect(bogus.status).toBe(404);
  });

  it('never resends an inquiry mail from the order page, though it carries the order', async () => {
    clock.advance(3600_000); // fresh rate-limit windows
    const { member, order } = await memberWithOrder();
    // The inquiry was written from another address; its mails must not reach the order's contact.
    const inquiryMails = await database.db.transaction(async (tx) => [
      await enqueueMail(tx, {
        topic: 'inquiry_receipt',
        recipient: 'inquirer@example.net',
        locale: 'en',
        orderId: order.id,
        payload: { inquiryNumber: 'Q-261126-0042', category: 'order' },
        now: clock.now(),
      }),
      await enqueueMail(tx, {
        topic: 'inquiry_reply',
        recipient: 'inquirer@example.net',
        locale: 'en',
        orderId: order.id,
        payload: { inquiryNumber: 'Q-261126-0042', name: 'Inquirer', body: 'On its way.' },
        now: clock.now(),
      }),
    ]);
    const browser = await signedIn(member);
    const base = `/mypage/orders/${order.number}/mail`;
    // The order page lists them without a resend button.
    const page = await browser.get(`/mypage/orders/${order.number}`);
    expect(page.html).toContain('Inquiry received');
    for (const id of inquiryMails) expect(page.html).not.toContain(`${base}/${id}/resend`);
    for (const id of inquiryMails)
      expect((await browser.post(`${base}/${id}/resend`, {})).status).toBe(404);
    const [placed] = await database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'order_placed')));
    expect((await browser.post(`${base}/${placed!.id}/resend`, {})).status).toBe(303);
    const copies = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(copies.filter((m) => m.resendOf).map((m) => m.resendOf)).toEqual([placed!.id]);
  });

  it('counts every inquiry topic and every mail naming an inquiry as not resendable', () => {
    const of = (topic: string, payload: Record<string, unknown> = {}) =>
      isResendableOrderMail({ topic, payload });
    expect(of('order_placed')).toBe(true);
    expect(of('order_shipped', { trackingNumber: '1234' })).toBe(true);
    expect(of('verification_code')).toBe(false);
    expect(of('inquiry_receipt')).toBe(false);
    expect(of('inquiry_reply')).toBe(false);
    expect(of('inquiry_contact_notice')).toBe(false);
    expect(of('order_placed', { inquiryNumber: 'Q-261126-0042' })).toBe(false);
  });

  it('answers a guest’s order lookup the same way whether or not the number and email match', async () => {
    clock.advance(3600_000); // fresh rate-limit windows
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'Guest.Finder@Example.com',
    });
    const ask = async (number: string, email: string) => {
      const browser = formClient(app);
      await browser.get('/orders/find');
      const sent = await browser.post('/orders/find', { number, email });
      const page = await browser.get(sent.location ?? '');
      return { sent, page, html: page.html.replace(/value="[^"]*"/g, '') };
    };
    const match = await ask(order.number.toLowerCase(), 'guest.finder@example.com');
    const wrongEmail = await ask(order.number, 'someone.else@example.com');
    expect(match.sent.status).toBe(303);
    expect(wrongEmail.sent.status).toBe(303);
    expect(match.sent.location).toBe(`/orders/find/code?number=${order.number}`);
    expect(wrongEmail.sent.location).toBe(match.sent.location);
    expect(match.page.status).toBe(200);
    expect(match.html).toBe(wrongEmail.html);
    expect(visible(match.html)).toContain(
      'If the order number and email match, we sent a code to that address.',
    );
    const noOrder = await ask('TP-000000-AAAAAA', 'guest.finder@example.com');
    expect(noOrder.sent.status).toBe(303);
    expect(noOrder.html.replaceAll('TP-000000-AAAAAA', order.number)).toBe(match.html);

    const codeMails = await database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'verification_code')),
      );
    expect(codeMails.map((m) => m.recipient)).toEqual(['Guest.Finder@Example.com']);
  });

  it('lets a guest open their order with the number, email and the mailed code', async () => {
    clock.advance(3600_000);
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      email: 'lost.link@example.com',
    });
    const browser = formClient(app);
    const form = await browser.get('/orders/find');
    expect(visible(form.html)).toContain('Find your order');
    const badInput = await browser.post('/orders/find', { number: '!!', email: 'nope' });
    expect(badInput.status).toBe(400);
    expect(visible(badInput.html)).toContain('Enter the order number, e.g. TP-261126-ABC123.');
    expect(badInput.html).toContain('value="nope"');
    const sent = await browser.post('/orders/find', {
      number: ` ${order.number} `,
      email: 'LOST.LINK@example.com',
    });
    expect(sent.status).toBe(303);
    await browser.get(sent.location!);
    const code = await codeMailedTo('lost.link@example.com');
    const wrong = await browser.post('/orders/find/code', {
      number: order.number,
      code: otherCode(code),
    });
    expect(wrong.status).toBe(400);
    expect(visible(wrong.html)).toContain('That code is not right or no longer valid.');
    // A number nobody ordered gets exactly the same answer.
    const unknown = await browser.post('/orders/find/code', {
      number: 'TP-000000-AAAAAA',
      code: otherCode(code),
    });
    expect(unknown.status).toBe(400);
    expect(visible(unknown.html).replaceAll('TP-000000-AAAAAA', order.number)).toBe(
      visible(wrong.html),
    );
    const right = await browser.post('/orders/find/code', { number: order.number, code });
    expect(right.status).toBe(303);
    expect(right.location).toBe(guestOrderPath('test-secret', order));
    const opened = await browser.get(right.location!);
    expect(opened.status).toBe(200);
    expect(visible(opened.html)).toContain(`Order ${order.number}`);
  });

  it('limits order lookups per order number', async () => {
    clock.advance(3600_000);
    const browser = formClient(app);
    await browser.get('/orders/find');
    const ask = () =>
      browser.post('/orders/find', { number: 'TP-111111-BBBBBB', email: 'a@example.com' });
    for (let i = 0; i < 5; i++) expect((await ask()).status).toBe(303);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(visible(limited.html)).toContain('Too many attempts. Please try again at');
  });

  it('links the lookup from the sign-in page and the Japanese page says the same', async () => {
    const browser = formClient(app);
    const signIn = await browser.get('/account/sign-in');
    expect(signIn.html).toContain('href="/orders/find"');
    await browser.get('/lang/ja?back=/orders/find');
    const ja = visible((await browser.get('/orders/find')).html);
    expect(ja).toContain('ご注文の確認');
    expect(ja).toContain('ご注文番号');
  });
});
