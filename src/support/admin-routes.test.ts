import { and, asc, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import { enqueueMail, type MailTopic } from '../mail/enqueue-mail.ts';
import { suppressAddress } from '../mail/suppressions.ts';
import { outboxMessages } from '../mail/tables.ts';
import { orderEvents, orders } from '../orders/tables.ts';
import type { StaffRole } from '../staff/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeOrder, makeProduct, testClock } from '../testing/factories.ts';
import { caughtMailOf } from '../testing/sample-mails.ts';
import { useTestWorld } from '../testing/world.ts';
import { applyContactEmail } from './apply-contact-email.ts';
import { nextInquiryNumber } from './next-inquiry-number.ts';
import { GUEST_LINKED_NOTE } from './submit-inquiry.ts';
import { type Inquiry, inquiries, inquiryMessages, inquiryPhotos } from './tables.ts';

const SCRIPT = '<script>alert("x")</script>';
// The smallest valid PNG: 1×1, one transparent pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const listed = (html: string) => [...html.matchAll(/data-inquiry="([^"]+)"/g)].map((m) => m[1]);

describeEachDatabase('admin inquiry desk', (kind) => {
  const clock = testClock();
  const { database, deps, app, mailer, signedInStaff } = useTestWorld(kind, {
    clock,
    mailer: true,
  });
  let staffCount = 0;

  async function signedIn(role: StaffRole) {
    staffCount += 1;
    const { browser, email, staff } = await signedInStaff(role, { name: `${role} ${staffCount}` });
    return { browser, email, id: staff.id };
  }

  /** An inquiry as the customer form would have stored it, with its first message. */
  async function makeInquiry(values: Partial<Inquiry> & { message?: string } = {}) {
    const { message, ...fields } = values;
    clock.advance(60_000);
    const now = clock.now();
    return database.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(inquiries)
        .values({
          number: await nextInquiryNumber(tx, now),
          category: 'order',
          name: 'Hanako Sato',
          email: `hanako.${staffCount}.${Math.random().toString(36).slice(2, 8)}@example.com`,
          locale: 'en',
          createdAt: now,
          updatedAt: now,
          ...fields,
        })
        .returning();
      await tx.insert(inquiryMessages).values({
        inquiryId: row!.id,
        kind: 'customer',
        source: 'form',
        author: row!.email,
        body: message ?? 'Where is my parcel?',
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
  const mailsTo = (recipient: string, topic: MailTopic) =>
    database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.recipient, recipient), eq(outboxMessages.topic, topic)))
      .orderBy(asc(outboxMessages.createdAt));

  describe('the inbox', () => {
    it('filters by category, state and assignee (mine, unassigned, someone), newest first', async () => {
      const { browser, id: myId } = await signedIn('support');
      const other = await signedIn('admin');
      const contact = await makeInquiry({ category: 'contact_email', state: 'open' });
      const closed = await makeInquiry({ category: 'shipping', state: 'closed' });
      const mine = await makeInquiry({ category: 'payment', assigneeId: myId });
      const theirs = await makeInquiry({ category: 'payment', assigneeId: other.id });

      const all = listed((await browser.get('/admin/inquiries')).html);
      expect(all.indexOf(theirs.number)).toBeLessThan(all.indexOf(mine.number));
      expect(all.indexOf(mine.number)).toBeLessThan(all.indexOf(contact.number));

      const byCategory = listed(
        (await browser.get('/admin/inquiries?category=contact_email')).html,
      );
      expect(byCategory).toContain(contact.number);
      expect(byCategory).not.toContain(closed.number);

      const byState = listed((await browser.get('/admin/inquiries?state=closed')).html);
      expect(byState).toContain(closed.number);
      expect(byState).not.toContain(contact.number);

      expect(listed((await browser.get('/admin/inquiries?assignee=mine')).html)).toEqual([
        mine.number,
      ]);
      const unassigned = listed((await browser.get('/admin/inquiries?assignee=unassigned')).html);
      expect(unassigned).toContain(contact.number);
      expect(unassigned).not.toContain(mine.number);
      expect(unassigned).not.toContain(theirs.number);
      expect(listed((await browser.get(`/admin/inquiries?assignee=${other.id}`)).html)).toEqual([
        theirs.number,
      ]);

      const bad = await browser.get('/admin/inquiries?state=pending&category=x');
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('These filters cannot be used');
    });

    it('shows script in customer text escaped, in the list and on the inquiry page', async () => {
      const { browser } = await signedIn('support');
      const inquiry = await makeInquiry({
        name: SCRIPT,
        email: 'x"><script>@example.com',
        message: `Hello ${SCRIPT}\n<img src=x onerror=alert(1)>`,
        newEmail: '<b>new</b>@example.com',
        category: 'contact_email',
      });
      const list = await browser.get('/admin/inquiries');
      const detail = await browser.get(`/admin/inquiries/${inquiry.number}`);
      for (const html of [list.html, detail.html]) {
        expect(html).not.toContain('<script>alert');
        expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      }
      expect(detail.html).not.toContain('<img src=x');
      expect(detail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(detail.html).not.toContain('<b>new</b>');
    });
  });

  describe('one inquiry', () => {
    it('shows the order and the customer mail log with delivery states and suppression', async () => {
      const { browser } = await signedIn('support');
      const product = await makeProduct(database.db);
      const order = await makeOrder(deps, [{ product, quantity: 2 }], {
        email: 'log.buyer@example.com',
      });
      await deliverDueMail(mailer.deps);
      const [confirmation] = await mailsTo('log.buyer@example.com', 'order_placed');
      await suppressAddress(database.db, {
        email: 'LOG.BUYER@example.com',
        reason: 'hard_bounce',
        source: 'test',
        detail: '5.1.1 user unknown',
      });
      const inquiry = await makeInquiry({ orderId: order.id, email: 'log.buyer@example.com' });

      const res = await browser.get(`/admin/inquiries/${inquiry.number}`);
      expect(res.status).toBe(200);
      expect(res.html).toContain(`data-order="${order.number}"`);
      expect(res.html).toContain(`href="/admin/orders/${order.number}"`);
      expect(res.html).toContain('data-contact-email="log.buyer@example.com"');
      expect(res.html).toContain(product.titleEn);
      expect(res.html).toContain(`data-customer-mail="${confirmation!.id}"`);
      expect(res.html).toContain(`href="/admin/mail/${confirmation!.id}"`);
      expect(res.html).toContain('data-mail-state="sent"');
      expect(res.html).toContain('data-suppression="hard_bounce"');
      expect(res.html).toContain('Where is my parcel?');
    });

    it('shows the linked member with a link to their page, and mail to their account address', async () => {
      const { browser } = await signedIn('support');
      const member = await makeMember(database.db);
      const inquiry = await makeInquiry({
        memberId: member.id,
        email: 'typed.elsewhere@example.com',
      });
      const mailId = await database.db.transaction((tx) =>
        enqueueMail(tx, {
          now: clock.now(),
          topic: 'verification_code',
          recipient: member.email,
          locale: 'en',
          payload: { code: '123456', purpose: 'order_lookup', minutes: 10 },
        }),
      );
      const res = await browser.get(`/admin/inquiries/${inquiry.number}`);
      expect(res.html).toContain(`data-member="${member.memberCode}"`);
      expect(res.html).toContain(`href="/admin/members/${member.id}"`);
      expect(res.html).toContain(member.email);
      expect(res.html).toContain(`data-customer-mail="${mailId}"`);
      const list = await browser.get('/admin/inquiries');
      expect(list.html).toContain(`Member ${member.memberCode}`);
      const guest = await browser.get(`/admin/inquiries/${(await makeInquiry()).number}`);
      expect(guest.html).toContain('None (guest)');
    });

    it('answers 404 for unknown and malformed numbers', async () => {
      const { browser } = await signedIn('support');
      expect((await browser.get('/admin/inquiries/Q-991231-9999')).status).toBe(404);
      expect((await browser.get('/admin/inquiries/nonsense')).status).toBe(404);
    });

    it('serves a photo inline with its stored type and nosniff, only for its own inquiry', async () => {
      const { browser } = await signedIn('support');
      const inquiry = await makeInquiry({ category: 'returns' });
      const other = await makeInquiry();
      const [photo] = await database.db
        .insert(inquiryPhotos)
        .values({
          inquiryId: inquiry.id,
          contentType: 'image/png',
          sizeBytes: PNG.length,
          data: PNG,
        })
        .returning();
      const page = await browser.get(`/admin/inquiries/${inquiry.number}`);
      expect(page.html).toContain(`data-photo="${photo!.id}"`);

      const res = await app.request(`/admin/inquiries/${inquiry.number}/photos/${photo!.id}`, {
        headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-disposition')).toBe('inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);

      expect(
        (await browser.get(`/admin/inquiries/${other.number}/photos/${photo!.id}`)).status,
      ).toBe(404);
      expect((await browser.get(`/admin/inquiries/${inquiry.number}/photos/x`)).status).toBe(404);
      const anonymous = await app.request(`/admin/inquiries/${inquiry.number}/photos/${photo!.id}`);
      expect(anonymous.status).toBe(303);
    });
  });

  describe('actions', () => {
    it('assigns and unassigns with an event each, and refuses staff who cannot answer', async () => {
      const { browser, id, email } = await signedIn('support');
      const colleague = await signedIn('admin');
      const packer = await signedIn('fulfilment');
      const inquiry = await makeInquiry();
      const base = `/admin/inquiries/${inquiry.number}`;
      await browser.get(base);

      const me = await browser.post(`${base}/assign`, { assignee: 'me' });
      expect(me.status).toBe(303);
      expect(me.location).toBe(`${base}?done=assigned`);
      expect((await inquiryRow(inquiry.id)).assigneeId).toBe(id);

      await browser.post(`${base}/assign`, { assignee: colleague.id });
      expect((await inquiryRow(inquiry.id)).assigneeId).toBe(colleague.id);
      await browser.post(`${base}/assign`, { assignee: '' });
      expect((await inquiryRow(inquiry.id)).assigneeId).toBeNull();

      const refused = await browser.post(`${base}/assign`, { assignee: packer.id });
      expect(refused.status).toBe(400);
      expect((await inquiryRow(inquiry.id)).assigneeId).toBeNull();

      const events = (await threadOf(inquiry.id)).filter((m) => m.kind === 'event');
      expect(events.map((e) => e.body)).toEqual([
        `Assigned to support ${staffCount - 2} <${email}>.`,
        `Assigned to admin ${staffCount - 1} <${colleague.email}>.`,
        'Unassigned.',
      ]);
      expect(events.every((e) => e.author === `staff:${email}`)).toBe(true);
    });

    it('sets the state with an event and refuses an unknown state', async () => {
      const { browser, email } = await signedIn('support');
      const inquiry = await makeInquiry();
      const base = `/admin/inquiries/${inquiry.number}`;
      await browser.get(base);
      expect((await browser.post(`${base}/state`, { state: 'closed' })).status).toBe(303);
      expect((await inquiryRow(inquiry.id)).state).toBe('closed');
      expect((await browser.post(`${base}/state`, { state: 'pending' })).status).toBe(400);
      const events = (await threadOf(inquiry.id)).filter((m) => m.kind === 'event');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ author: `staff:${email}`, body: 'State: Open → Closed.' });
      const page = await browser.get(base);
      expect(page.html).toContain('State: Open → Closed.');
    });

    it('replies by mail in the inquiry language with the number in the subject, then waits', async () => {
      const { browser, email } = await signedIn('support');
      const inquiry = await makeInquiry({ locale: 'ja', name: '佐藤 花子' });
      const base = `/admin/inquiries/${inquiry.number}`;
      await browser.get(base);
      const text = '明日発送いたします。\n\n<b>追跡番号</b>は別途お知らせします。';
      const res = await browser.post(`${base}/reply`, { body: text });
      expect(res.status).toBe(303);
      expect((await inquiryRow(inquiry.id)).state).toBe('waiting');

      const [mail] = await mailsTo(inquiry.email, 'inquiry_reply');
      expect(mail).toMatchObject({ locale: 'ja', payload: { inquiryNumber: inquiry.number } });
      const staffMessage = (await threadOf(inquiry.id)).find((m) => m.kind === 'staff')!;
      expect(staffMessage).toMatchObject({
        source: 'admin',
        author: `staff:${email}`,
        body: text,
        outboxMessageId: mail!.id,
      });

      await deliverDueMail(mailer.deps);
      const parsed = await simpleParser((await caughtMailOf(database.db, mail!.id)).raw);
      expect(parsed.subject).toBe(`Re: [${inquiry.number}] お問い合わせについて`);
      expect(parsed.text).toContain('佐藤 花子 様');
      expect(parsed.text).toContain('<b>追跡番号</b>は別途お知らせします。');
      expect(parsed.html).toContain('&#60;b&#62;追跡番号&#60;/b&#62;');
      expect(parsed.html).not.toContain('<b>追跡番号');
      // The support address, tagged with this inquiry (see mail/inquiry-reply-address.ts).
      expect(parsed.replyTo?.value[0]?.address).toMatch(
        new RegExp(`^support\\+${inquiry.number.toLowerCase()}\\.[^@]+@tenpo\\.example$`),
      );
      // No link at all, and the usual footer with the sender to trust.
      expect(parsed.html).not.toMatch(/<a\s/i);
      expect(parsed.text).not.toMatch(/https?:/);
      expect(parsed.text).toContain(`このメールは ${inquiry.email} 宛にお送りしています。`);
      expect(parsed.text).toContain(`[${inquiry.number}] を残したまま`);

      const page = await browser.get(base);
      expect(page.html).toContain(`href="/admin/mail/${mail!.id}"`);
      expect(page.html).toContain('data-mail-state="sent"');
    });

    it('replies in English and closes when asked', async () => {
      const { browser } = await signedIn('admin');
      const inquiry = await makeInquiry({ locale: 'en' });
      const base = `/admin/inquiries/${inquiry.number}`;
      await browser.get(base);
      await browser.post(`${base}/reply`, { body: 'All sorted.', close: 'on' });
      expect((await inquiryRow(inquiry.id)).state).toBe('closed');
      const [mail] = await mailsTo(inquiry.email, 'inquiry_reply');
      await deliverDueMail(mailer.deps);
      const parsed = await simpleParser((await caughtMailOf(database.db, mail!.id)).raw);
      expect(parsed.subject).toBe(`Re: [${inquiry.number}] Your inquiry`);
      expect(parsed.text).toContain('All sorted.');
    });

    it('sends one reply when the same form arrives twice (double click, reload)', async () => {
      const { browser } = await signedIn('support');
      const inquiry = await makeInquiry();
      const base = `/admin/inquiries/${inquiry.number}`;
      const page = await browser.get(base);
      const nonce = page.html.match(/name="nonce" value="([^"]+)"/)?.[1];
      expect(nonce).toMatch(/^[\w-]{16,}$/);
      const first = await browser.post(`${base}/reply`, { body: 'Once only.', nonce: nonce! });
      const second = await browser.post(`${base}/reply`, { body: 'Once only.', nonce: nonce! });
      for (const res of [first, second]) {
        expect(res.status).toBe(303);
        expect(res.location).toBe(`${base}?done=replied`);
      }
      expect(await mailsTo(inquiry.email, 'inquiry_reply')).toHaveLength(1);
      const staffMessages = (await threadOf(inquiry.id)).filter((m) => m.kind === 'staff');
      expect(staffMessages).toHaveLength(1);
      expect(staffMessages[0]!.formNonce).toBe(nonce);

      // A fresh form has a fresh token, so the next answer is sent.
      const again = await browser.get(base);
      const next = again.html.match(/name="nonce" value="([^"]+)"/)?.[1];
      expect(next).not.toBe(nonce);
      await browser.post(`${base}/reply`, { body: 'And a second answer.', nonce: next! });
      expect(await mailsTo(inquiry.email, 'inquiry_reply')).toHaveLength(2);
    });

    it('refuses an empty or too long reply with 400 and keeps what staff typed', async () => {
      const { browser } = await signedIn('support');
      const inquiry = await makeInquiry();
      const base = `/admin/inquiries/${inquiry.number}`;
      await browser.get(base);
      expect((await browser.post(`${base}/reply`, { body: '   ' })).status).toBe(400);
      const long = await browser.post(`${base}/reply`, { body: `KEEP${'x'.repeat(10_000)}` });
      expect(long.status).toBe(400);
      expect(long.html).toContain('Use at most 10,000 characters.');
      expect(long.html).toContain('KEEPxxx');
      expect(await mailsTo(inquiry.email, 'inquiry_reply')).toEqual([]);
      expect((await inquiryRow(inquiry.id)).state).toBe('open');
    });

    it('refuses a POST without the CSRF token', async () => {
      const { browser } = await signedIn('support');
      const inquiry = await makeInquiry();
      const res = await browser.post(`/admin/inquiries/${inquiry.number}/state`, {
        state: 'closed',
        _csrf: '',
      });
      expect(res.status).toBe(403);
      expect((await inquiryRow(inquiry.id)).state).toBe('open');
    });
  });

  describe('apply new contact email', () => {
    async function contactInquiry(oldEmail: string, newEmail: string, locale: 'en' | 'ja' = 'en') {
      const product = await makeProduct(database.db);
      const order = await makeOrder(deps, [{ product, quantity: 1 }], { email: oldEmail, locale });
      const inquiry = await makeInquiry({
        category: 'contact_email',
        orderId: order.id,
        email: oldEmail,
        newEmail,
        locale,
      });
      return { order, inquiry };
    }

    it('changes the order, resends the confirmation to the new address, marks it applied and tells the customer', async () => {
      const { browser, email } = await signedIn('support');
      const { order, inquiry } = await contactInquiry(
        'typo@exmaple.com',
        'fixed@example.com',
        'ja',
      );
      const base = `/admin/inquiries/${inquiry.number}`;
      const before = await browser.get(base);
      expect(before.html).toContain('Apply new contact email');

      const res = await browser.post(`${base}/apply-contact-email`, {});
      expect(res.status).toBe(303);
      expect(res.location).toBe(`${base}?done=applied`);

      const [changed] = await database.db.select().from(orders).where(eq(orders.id, order.id));
      expect(changed!.contactEmail).toBe('fixed@example.com');
      const events = await database.db
        .select()
        .from(orderEvents)
        .where(
          and(eq(orderEvents.orderId, order.id), eq(orderEvents.state, 'contact_email_changed')),
        );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: `staff:${email}`,
        note: 'typo@exmaple.com → fixed@example.com',
      });
      const [resent] = await mailsTo('fixed@example.com', 'order_placed');
      expect(resent).toMatchObject({ orderId: order.id });
      expect(resent!.resendOf).not.toBeNull();

      const row = await inquiryRow(inquiry.id);
      expect(row.appliedAt).toEqual(clock.now());
      expect(row.appliedBy).toBe(`staff:${email}`);
      expect(row.state).toBe('waiting');
      const thread = await threadOf(inquiry.id);
      expect(thread.some((m) => m.kind === 'event' && m.body.startsWith('Applied the new'))).toBe(
        true,
      );

      const [reply] = await mailsTo('fixed@example.com', 'inquiry_reply');
      expect(reply!.locale).toBe('ja');
      expect(await mailsTo('typo@exmaple.com', 'inquiry_reply')).toEqual([]);
      // The old address learns, masked, where its order's mails go now.
      const [notice] = await mailsTo('typo@exmaple.com', 'inquiry_contact_notice');
      expect(notice).toMatchObject({ orderId: order.id, locale: 'ja' });
      expect(notice!.payload).toEqual({
        stage: 'applied',
        inquiryNumber: inquiry.number,
        orderNumber: order.number,
        maskedEmail: 'f***@example.com',
      });
      await deliverDueMail(mailer.deps);
      const parsed = await simpleParser((await caughtMailOf(database.db, reply!.id)).raw);
      expect(parsed.subject).toBe(`Re: [${inquiry.number}] お問い合わせについて`);
      expect(parsed.text).toContain('fixed@example.com');
      expect(parsed.text).toContain('ご注文確認メールを新しいアドレスに再送しました');
      await caughtMailOf(database.db, resent!.id);
      const told = await simpleParser((await caughtMailOf(database.db, notice!.id)).raw);
      expect(told.subject).toBe(
        `[${inquiry.number}] ご注文 ${order.number} の連絡先メールアドレスを変更しました`,
      );
      expect(told.text).toContain(`今後、ご注文 ${order.number} のメールは f***@example.com に`);
      expect(told.text).not.toContain('fixed@example.com');

      const after = await browser.get(base);
      expect(after.html).toContain('data-applied="yes"');
      expect(after.html).not.toContain(`action="${base}/apply-contact-email"`);

      const again = await browser.post(`${base}/apply-contact-email`, {});
      expect(again.status).toBe(409);
      expect(again.html).toContain('already applied');
      expect(await mailsTo('fixed@example.com', 'order_placed')).toHaveLength(1);
    });

    it('does not tell an old address the shop no longer mails', async () => {
      const { inquiry } = await contactInquiry('gone.box@example.com', 'alive.box@example.com');
      await suppressAddress(database.db, {
        email: 'gone.box@example.com',
        reason: 'hard_bounce',
        source: 'test',
      });
      const result = await applyContactEmail(deps, {
        inquiryId: inquiry.id,
        actor: 'staff:a@tenpo.test',
        close: false,
      });
      expect(result.ok).toBe(true);
      expect(await mailsTo('gone.box@example.com', 'inquiry_contact_notice')).toEqual([]);
      expect(await mailsTo('alive.box@example.com', 'inquiry_reply')).toHaveLength(1);
    });

    it('shows beside Apply how ownership was shown, with the order’s name and phone', async () => {
      const { browser } = await signedIn('support');
      const product = await makeProduct(database.db);
      const member = await makeMember(database.db);
      const memberOrder = await makeOrder(deps, [{ product, quantity: 1 }], {
        email: member.email,
        memberId: member.id,
      });
      const base = {
        category: 'contact_email' as const,
        orderId: memberOrder.id,
        email: member.email,
        newEmail: 'member.new@example.com',
        name: 'Someone Else',
      };
      const signedInOwner = await makeInquiry({ ...base, memberId: member.id });
      const guest = await makeInquiry({ ...base, memberId: null });
      const linkedGuest = await makeInquiry({ ...base, memberId: member.id });
      await database.db.insert(inquiryMessages).values({
        inquiryId: linkedGuest.id,
        kind: 'event',
        source: 'form',
        author: member.email,
        body: `${GUEST_LINKED_NOTE} (${member.memberCode}); linked.`,
      });

      const strong = await browser.get(`/admin/inquiries/${signedInOwner.number}`);
      expect(strong.html).toContain('data-ownership="member"');
      expect(strong.html).toContain('Signed-in member who owns the order');
      expect(strong.html).toContain(memberOrder.shipName);
      expect(strong.html).toContain(memberOrder.shipPhone);
      expect(strong.html).toContain('Someone Else');
      expect(strong.html).not.toContain('Weak proof');
      for (const weak of [guest, linkedGuest]) {
        const html = (await browser.get(`/admin/inquiries/${weak.number}`)).html;
        expect(html).toContain('data-ownership="contact_email"');
        expect(html).toContain('anyone with a forwarded confirmation can');
        expect(html).toContain('Weak proof');
      }
    });

    it('applies once when two clicks race', async () => {
      const { inquiry, order } = await contactInquiry(
        'race.old@example.com',
        'race.new@example.com',
      );
      const results = await Promise.all([
        applyContactEmail(deps, {
          inquiryId: inquiry.id,
          actor: 'staff:a@tenpo.test',
          close: false,
        }),
        applyContactEmail(deps, {
          inquiryId: inquiry.id,
          actor: 'staff:b@tenpo.test',
          close: false,
        }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ reason: 'already_applied' });
      expect(await mailsTo('race.new@example.com', 'order_placed')).toHaveLength(1);
      expect(await mailsTo('race.new@example.com', 'inquiry_reply')).toHaveLength(1);
      const events = await database.db
        .select()
        .from(orderEvents)
        .where(
          and(eq(orderEvents.orderId, order.id), eq(orderEvents.state, 'contact_email_changed')),
        );
      expect(events).toHaveLength(1);
    });

    it('refuses when the address is already the order contact, or the inquiry names no order', async () => {
      const { browser } = await signedIn('support');
      const { inquiry } = await contactInquiry('same@example.com', 'Same@Example.com');
      const base = `/admin/inquiries/${inquiry.number}`;
      await browser.get(base);
      const same = await browser.post(`${base}/apply-contact-email`, {});
      expect(same.status).toBe(409);
      expect(same.html).toContain('already mails that address');
      expect((await inquiryRow(inquiry.id)).appliedAt).toBeNull();

      const orphan = await makeInquiry({ category: 'contact_email', newEmail: 'n@example.com' });
      await browser.get(`/admin/inquiries/${orphan.number}`);
      const gone = await browser.post(`/admin/inquiries/${orphan.number}/apply-contact-email`, {});
      expect(gone.status).toBe(409);
      expect(gone.html).toContain('no longer exists');
    });
  });

  describe('permissions', () => {
    it.each(['catalog', 'fulfilment'] as const)('refuses %s staff with 403', async (role) => {
      const { browser } = await signedIn(role);
      const inquiry = await makeInquiry();
      const [photo] = await database.db
        .insert(inquiryPhotos)
        .values({
          inquiryId: inquiry.id,
          contentType: 'image/png',
          sizeBytes: PNG.length,
          data: PNG,
        })
        .returning();
      expect((await browser.get('/admin/inquiries')).status).toBe(403);
      expect((await browser.get(`/admin/inquiries/${inquiry.number}`)).status).toBe(403);
      expect(
        (await browser.get(`/admin/inquiries/${inquiry.number}/photos/${photo!.id}`)).status,
      ).toBe(403);
      const reply = await browser.post(`/admin/inquiries/${inquiry.number}/reply`, {
        body: 'Hi',
      });
      expect(reply.status).toBe(403);
      expect(await mailsTo(inquiry.email, 'inquiry_reply')).toEqual([]);
    });

    it('lets support and admin staff in', async () => {
      for (const role of ['support', 'admin'] as const) {
        const { browser } = await signedIn(role);
        expect((await browser.get('/admin/inquiries')).status).toBe(200);
      }
    });
  });
});
