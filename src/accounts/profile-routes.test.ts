import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { carts } from '../cart/tables.ts';
import { guideFeedback } from '../guide/tables.ts';
import { outboxMessages } from '../mail/tables.ts';
import { markDelivered, markPreparing, shipOrder } from '../orders/advance-order.ts';
import { cancelOrder } from '../orders/cancel-order.ts';
import type { StaffRole } from '../staff/tables.ts';
import { inquiries } from '../support/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeOrder, makeProduct } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';
import { accountEvents } from './account-events.ts';
import { memberAddresses } from './address-book-tables.ts';
import { type Member, members, sessions } from './tables.ts';

const PASSWORD = 'correct horse battery';

const osakaForm = {
  name: 'Hanako Sato',
  country: 'JP',
  postalCode: '5300001',
  region: 'Osaka',
  city: 'Kita-ku',
  line1: '2-4-6 Umeda',
  line2: 'Room 801',
  phone: '06-1234-5678',
};

const berlinForm = {
  name: 'Lena Vogel',
  country: 'DE',
  postalCode: '10115',
  region: '',
  city: 'Berlin',
  line1: 'Invalidenstraße 12',
  line2: '',
  phone: '+49 30 1234567',
};

describeEachDatabase('member information over HTTP', (kind) => {
  const { database, deps, app, signedInMember, signedInStaff } = useTestWorld(kind);

  /** A browser signed in as `member` (a new one unless given). */
  const signedIn = (member?: Member) => signedInMember({ member, login: 'memberCode' });
  const staffBrowser = async (role: StaffRole) => (await signedInStaff(role)).browser;

  const memberRow = async (id: string) =>
    (await database.db.select().from(members).where(eq(members.id, id)))[0]!;
  const eventsOf = (memberId: string) =>
    database.db.select().from(accountEvents).where(eq(accountEvents.memberId, memberId));
  const mailsTo = (recipient: string) =>
    database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, recipient));
  const addressesOf = (memberId: string) =>
    database.db.select().from(memberAddresses).where(eq(memberAddresses.memberId, memberId));

  describe('name and language', () => {
    it('saves the name and mail language and records which fields changed', async () => {
      const { member, browser } = await signedIn();
      const page = await browser.get('/mypage/profile');
      expect(page.status).toBe(200);
      expect(page.html).toContain(member.memberCode);
      expect(page.html).toContain('href="/mypage/email"');
      const res = await browser.post('/mypage/profile', { name: 'Hana Tanaka', locale: 'ja' });
      expect(res.status).toBe(303);
      expect(res.location).toBe('/mypage/profile?done=saved');
      const row = await memberRow(member.id);
      expect(row.name).toBe('Hana Tanaka');
      expect(row.locale).toBe('ja');
      const events = (await eventsOf(member.id)).filter((e) => e.type === 'profile_changed');
      expect(events).toHaveLength(1);
      expect(events[0]!.detail).toEqual({ fields: ['name', 'locale'] });
      // The same values again change nothing and record nothing.
      const again = await browser.post('/mypage/profile', { name: 'Hana Tanaka', locale: 'ja' });
      expect(again.location).toBe('/mypage/profile?done=unchanged');
      const after = (await eventsOf(member.id)).filter((e) => e.type === 'profile_changed');
      expect(after).toHaveLength(1);
    });

    it('refuses an unknown language with a 400 that keeps the typed name, in Japanese too', async () => {
      const { member, browser } = await signedIn();
      browser.cookies.set('tp_lang', 'ja');
      await browser.get('/mypage/profile');
      const res = await browser.post('/mypage/profile', { name: 'Kept Name', locale: 'fr' });
      expect(res.status).toBe(400);
      expect(res.html).toContain('value="Kept Name"');
      expect(res.html).toContain('英語または日本語を選んでください。');
      expect((await memberRow(member.id)).name).toBe('Test Member');
    });

    it('sends visitors who are not signed in to sign-in', async () => {
      const res = await formClient(app).get('/mypage/profile');
      expect(res.status).toBe(303);
      expect(res.location).toBe('/account/sign-in?next=%2Fmypage%2Fprofile');
    });
  });

  describe('password change', () => {
    it('changes the password, ends the other sessions, keeps this one and mails a notice', async () => {
      const { member, browser } = await signedIn();
      const { browser: elsewhere } = await signedIn(member);
      await browser.get('/mypage/password');
      const res = await browser.post('/mypage/password', {
        currentPassword: PASSWORD,
        newPassword: 'a brand new passphrase',
      });
      expect(res.status).toBe(303);
      const done = await browser.get(res.location!);
      expect(done.status).toBe(200);
      expect(done.html).toContain(`we sent a notice to ${member.email}`);
      expect((await elsewhere.get('/mypage')).status).toBe(303);
      const left = await database.db
        .select()
        .from(sessions)
        .where(eq(sessions.memberId, member.id));
      expect(left).toHaveLength(1);
      const [notice] = (await mailsTo(member.email)).filter((m) => m.topic === 'password_changed');
      expect(notice).toMatchObject({ memberId: member.id, locale: 'en', state: 'queued' });
      expect((await eventsOf(member.id)).map((e) => e.type)).toContain('password_changed');
      // The new password signs in; the old one no longer does.
      const fresh = formClient(app);
      await fresh.get('/account/sign-in');
      const old = await fresh.post('/account/sign-in', { login: member.email, password: PASSWORD });
      expect(old.status).toBe(400);
      const now = await fresh.post('/account/sign-in', {
        login: member.email,
        password: 'a brand new passphrase',
      });
      expect(now.status).toBe(303);
    });

    it('refuses a wrong current password and a short new one, changing nothing', async () => {
      const { member, browser } = await signedIn();
      const before = (await memberRow(member.id)).passwordHash;
      await browser.get('/mypage/password');
      const wrong = await browser.post('/mypage/password', {
        currentPassword: 'not my password',
        newPassword: 'a brand new passphrase',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.html).toContain('The password is not correct.');
      expect(wrong.html).not.toContain('a brand new passphrase');
      const short = await browser.post('/mypage/password', {
        currentPassword: PASSWORD,
        newPassword: 'short',
      });
      expect(short.status).toBe(400);
      expect(short.html).toContain('Use at least 10 characters.');
      expect((await memberRow(member.id)).passwordHash).toBe(before);
      expect((await mailsTo(member.email)).filter((m) => m.topic === 'password_changed')).toEqual(
        [],
      );
    });

    it('stops guessing the current password after five tries', async () => {
      const { member, browser } = await signedIn();
      await browser.get('/mypage/password');
      for (let i = 0; i < 5; i += 1) {
        const res = await browser.post('/mypage/password', {
          currentPassword: `guess number ${i}`,
          newPassword: 'a brand new passphrase',
        });
        expect(res.status).toBe(400);
      }
      const blocked = await browser.post('/mypage/password', {
        currentPassword: PASSWORD,
        newPassword: 'a brand new passphrase',
      });
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBeTruthy();
      const fresh = await signedIn(member);
      expect(fresh.member.id).toBe(member.id);
    });
  });

  describe('address book', () => {
    it('adds, edits, marks a default and deletes addresses with checkout’s checks', async () => {
      const { member, browser } = await signedIn();
      expect((await browser.get('/mypage/addresses')).html).toContain('no saved addresses');
      await browser.get('/mypage/addresses/new');
      const bad = await browser.post('/mypage/addresses', { ...osakaForm, postalCode: '12' });
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('This is not a postal code of the selected country.');
      expect(bad.html).toContain('value="2-4-6 Umeda"');

      const first = await browser.post('/mypage/addresses', osakaForm);
      expect(first.status).toBe(303);
      const second = await browser.post('/mypage/addresses', berlinForm);
      expect(second.status).toBe(303);
      let book = await addressesOf(member.id);
      const osaka = book.find((a) => a.city === 'Kita-ku')!;
      const berlin = book.find((a) => a.city === 'Berlin')!;
      // The first address becomes the default; the postal code is stored normalised.
      expect(osaka).toMatchObject({ isDefault: true, postalCode: '530-0001' });
      expect(berlin.isDefault).toBe(false);

      const edit = await browser.get(`/mypage/addresses/${berlin.id}/edit`);
      expect(edit.html).toContain('value="Invalidenstraße 12"');
      const edited = await browser.post(`/mypage/addresses/${berlin.id}`, {
        ...berlinForm,
        line1: 'Torstraße 1',
        makeDefault: 'on',
      });
      expect(edited.status).toBe(303);
      book = await addressesOf(member.id);
      expect(book.find((a) => a.id === berlin.id)).toMatchObject({
        line1: 'Torstraße 1',
        isDefault: true,
      });
      expect(book.find((a) => a.id === osaka.id)!.isDefault).toBe(false);

      expect((await browser.post(`/mypage/addresses/${osaka.id}/default`, {})).status).toBe(303);
      book = await addressesOf(member.id);
      expect(book.filter((a) => a.isDefault).map((a) => a.id)).toEqual([osaka.id]);

      // Deleting the default hands it to the address that is left.
      expect((await browser.post(`/mypage/addresses/${osaka.id}/delete`, {})).status).toBe(303);
      book = await addressesOf(member.id);
      expect(book.map((a) => [a.id, a.isDefault])).toEqual([[berlin.id, true]]);
      const list = await browser.get('/mypage/addresses?done=deleted');
      expect(list.html).toContain('The address is deleted.');
      expect(list.html).toContain('Torstraße 1');
    });

    it('fills checkout with the default address and with any other saved one', async () => {
      const { member, browser } = await signedIn();
      await browser.get('/mypage/addresses/new');
      await browser.post('/mypage/addresses', osakaForm);
      await browser.post('/mypage/addresses', berlinForm);
      const berlin = (await addressesOf(member.id)).find((a) => a.city === 'Berlin')!;
      const product = await makeProduct(database.db);
      await browser.get(`/p/${product.slug}`);
      expect(
        (await browser.post('/cart/items', { productId: product.id, quantity: '1' })).status,
      ).toBe(303);

      const first = await browser.get('/checkout');
      expect(first.status).toBe(200);
      expect(first.html).toContain('value="2-4-6 Umeda"');
      expect(first.html).toContain('value="530-0001"');
      expect(first.html).toContain(`<option value="${berlin.id}"`);
      // Prefilled, so the shipping fee is already quoted.
      expect(first.html).toContain('Total');

      const picked = await browser.get(`/checkout?address=${berlin.id}`);
      expect(picked.status).toBe(200);
      expect(picked.html).toContain('value="Invalidenstraße 12"');
      expect(picked.html).toContain(`<option value="${berlin.id}" selected=""`);
      expect(picked.html).not.toContain('value="2-4-6 Umeda"');
    });

    it('answers 404 for another member’s address everywhere', async () => {
      const owner = await signedIn();
      await owner.browser.get('/mypage/addresses/new');
      await owner.browser.post('/mypage/addresses', osakaForm);
      const [theirs] = await addressesOf(owner.member.id);
      const { browser } = await signedIn();
      const product = await makeProduct(database.db);
      await browser.get(`/p/${product.slug}`);
      await browser.post('/cart/items', { productId: product.id, quantity: '1' });
      await browser.get('/mypage/addresses');
      expect((await browser.get(`/checkout?address=${theirs!.id}`)).status).toBe(404);
      expect((await browser.get('/checkout?address=not-a-uuid')).status).toBe(404);
      expect((await browser.get(`/mypage/addresses/${theirs!.id}/edit`)).status).toBe(404);
      await browser.get('/mypage/addresses');
      expect((await browser.post(`/mypage/addresses/${theirs!.id}`, berlinForm)).status).toBe(404);
      expect((await browser.post(`/mypage/addresses/${theirs!.id}/default`, {})).status).toBe(404);
      expect((await browser.post(`/mypage/addresses/${theirs!.id}/delete`, {})).status).toBe(404);
      expect(await addressesOf(owner.member.id)).toEqual([theirs]);
      // A guest has no address book at all.
      expect((await formClient(app).get(`/checkout?address=${theirs!.id}`)).status).toBe(404);
    });
  });

  describe('cancelling membership', () => {
    it('is refused while an order is open, then erases the member and keeps the orders', async () => {
      const { member, browser } = await signedIn();
      const { browser: elsewhere } = await signedIn(member);
      const product = await makeProduct(database.db, { stock: 20 });
      const delivered = await makeOrder(deps, [{ product, quantity: 1 }], {
        memberId: member.id,
        email: member.email,
      });
      const cancelled = await makeOrder(deps, [{ product, quantity: 1 }], {
        memberId: member.id,
        email: member.email,
      });
      await browser.post('/mypage/profile', { name: 'Soon Gone', locale: 'ja' });
      await browser.get('/mypage/addresses/new');
      await browser.post('/mypage/addresses', osakaForm);
      await browser.get(`/p/${product.slug}`);
      await browser.post('/cart/items', { productId: product.id, quantity: '1' });

      const page = await browser.get('/mypage/cancel');
      expect(page.html).toContain(delivered.number);
      expect(page.html).toContain(cancelled.number);
      const refused = await browser.post('/mypage/cancel', { password: PASSWORD });
      expect(refused.status).toBe(409);
      expect(refused.html).toContain('while an order is still open');
      expect(refused.html).toContain(`/mypage/orders/${delivered.number}`);
      expect(refused.html).toContain(`/mypage/orders/${cancelled.number}`);
      expect(refused.html).not.toContain('name="password"');
      expect((await memberRow(member.id)).cancelledAt).toBeNull();

      await markPreparing(deps, delivered.id, 'staff:test');
      await shipOrder(deps, {
        orderId: delivered.id,
        carrier: 'domestic',
        trackingNumber: '1234-5678',
        actor: 'staff:test',
      });
      expect((await markDelivered(deps, delivered.id, 'staff:test')).ok).toBe(true);
      expect((await cancelOrder(deps, { orderId: cancelled.id, actor: 'customer' })).ok).toBe(true);

      // An inquiry and a guide answer from the member, to be unlinked (not deleted) on leaving.
      await database.db.insert(inquiries).values({
        number: `Q-261126-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
        category: 'other',
        name: 'Soon Gone',
        email: member.email,
        locale: 'ja',
        memberId: member.id,
      });
      await database.db.insert(guideFeedback).values({
        articleSlug: 'security',
        visitorId: `v-${member.id}`,
        memberId: member.id,
        helpful: true,
      });

      const form = await browser.get('/mypage/cancel');
      expect(form.html).toContain('action="/mypage/cancel"');
      const wrong = await browser.post('/mypage/cancel', { password: 'not my password' });
      expect(wrong.status).toBe(400);
      expect((await memberRow(member.id)).cancelledAt).toBeNull();

      const res = await browser.post('/mypage/cancel', { password: PASSWORD });
      expect(res.status).toBe(303);
      expect(res.location).toBe('/account/goodbye');
      expect((await browser.get('/account/goodbye')).html).toContain(
        'Your membership is cancelled',
      );
      expect((await browser.get('/mypage')).status).toBe(303);
      expect((await elsewhere.get('/mypage')).status).toBe(303);

      const row = await memberRow(member.id);
      expect(row).toMatchObject({
        email: `cancelled-${member.id}@invalid`,
        name: '',
        newsletterOptIn: false,
        emailVerifiedAt: null,
      });
      expect(row.memberCode).toMatch(/^cancelled-[0-9a-f]{12}$/);
      expect(row.passwordHash).not.toBe(member.passwordHash);
      expect(row.cancelledAt).toBeInstanceOf(Date);
      expect(await addressesOf(member.id)).toEqual([]);
      expect(await database.db.select().from(carts).where(eq(carts.memberId, member.id))).toEqual(
        [],
      );
      expect(
        await database.db.select().from(sessions).where(eq(sessions.memberId, member.id)),
      ).toEqual([]);
      expect(
        await database.db.select().from(inquiries).where(eq(inquiries.memberId, member.id)),
      ).toEqual([]);
      expect(
        await database.db.select().from(guideFeedback).where(eq(guideFeedback.memberId, member.id)),
      ).toEqual([]);
      expect(
        await database.db.select().from(inquiries).where(eq(inquiries.email, member.email)),
      ).toHaveLength(1);

      // The farewell goes to the old address, in the member's language.
      const farewell = (await mailsTo(member.email)).filter(
        (m) => m.topic === 'membership_cancelled',
      );
      expect(farewell).toHaveLength(1);
      expect(farewell[0]).toMatchObject({ memberId: member.id, locale: 'ja' });

      const events = await eventsOf(member.id);
      expect(events.map((e) => e.type)).toContain('membership_cancelled');
      const earlier = events.find((e) => e.type === 'profile_changed')!;
      expect(earlier).toMatchObject({ detail: {}, clientAddress: null });

      // Nobody signs in as the old member, and the ID and email are free again.
      const fresh = formClient(app);
      await fresh.get('/account/sign-in');
      for (const login of [member.email, member.memberCode, row.memberCode]) {
        const attempt = await fresh.post('/account/sign-in', { login, password: PASSWORD });
        expect(attempt.status).toBe(400);
      }
      const again = await makeMember(database.db, {
        email: member.email,
        memberCode: member.memberCode,
      });
      expect(again.id).not.toBe(member.id);

      // Orders keep their own contact email, and staff still see it.
      const staff = await staffBrowser('support');
      const order = await staff.get(`/admin/orders/${delivered.number}`);
      expect(order.html).toContain(member.email);
      const profile = await staff.get(`/admin/members/${member.id}`);
      expect(profile.status).toBe(200);
      expect(profile.html).toContain('Membership cancelled');
      expect(profile.html).toContain(`data-order="${cancelled.number}"`);
      expect(profile.html).toContain(member.email);
      expect(profile.html).not.toContain('Soon Gone');
    });
  });

  describe('staff view of members', () => {
    it('finds members by member ID, email or name and shows their events', async () => {
      const { member, browser } = await signedIn();
      await browser.post('/mypage/profile', { name: 'Findable Person', locale: 'en' });
      const staff = await staffBrowser('admin');
      for (const q of [member.memberCode.toUpperCase(), member.email, 'findable pers']) {
        const res = await staff.get(`/admin/members?q=${encodeURIComponent(q)}`);
        expect(res.status, q).toBe(200);
        expect(res.html, q).toContain(`data-member="${member.memberCode}"`);
      }
      const none = await staff.get('/admin/members?q=%25');
      expect(none.html).not.toContain(`data-member="${member.memberCode}"`);

      const page = await staff.get(`/admin/members/${member.id}`);
      expect(page.html).toContain('Findable Person');
      expect(page.html).toContain('data-event="profile_changed"');
      expect(page.html).not.toContain(member.passwordHash);
      expect(page.html).not.toContain('scrypt$');
      expect((await staff.get('/admin/members/not-a-uuid')).status).toBe(404);

      const changed = await staff.get('/admin/account-events?type=profile_changed');
      expect(changed.status).toBe(200);
      expect(changed.html).toContain(`href="/admin/members/${member.id}"`);
      expect(changed.html).not.toContain('data-event="signed_in"');
      expect((await staff.get('/admin/account-events?type=nonsense')).status).toBe(400);
    });

    it('lets admin and support in, and keeps catalog and fulfilment out', async () => {
      const member = await makeMember(database.db);
      for (const role of ['admin', 'support'] as const) {
        const staff = await staffBrowser(role);
        expect((await staff.get('/admin/members')).status, role).toBe(200);
        expect((await staff.get('/admin/account-events')).status, role).toBe(200);
      }
      for (const role of ['catalog', 'fulfilment'] as const) {
        const staff = await staffBrowser(role);
        for (const path of [
          '/admin/members',
          `/admin/members/${member.id}`,
          '/admin/account-events',
        ]) {
          expect((await staff.get(path)).status, `${role} ${path}`).toBe(403);
        }
      }
    });
  });

  it('refuses every member-information form without the CSRF token', async () => {
    const { member, browser } = await signedIn();
    await browser.get('/mypage/addresses/new');
    await browser.post('/mypage/addresses', osakaForm);
    const [address] = await addressesOf(member.id);
    const forms: [string, Record<string, string>][] = [
      ['/mypage/profile', { name: 'X', locale: 'en' }],
      ['/mypage/password', { currentPassword: PASSWORD, newPassword: 'another passphrase' }],
      ['/mypage/addresses', osakaForm],
      [`/mypage/addresses/${address!.id}`, berlinForm],
      [`/mypage/addresses/${address!.id}/default`, {}],
      [`/mypage/addresses/${address!.id}/delete`, {}],
      ['/mypage/cancel', { password: PASSWORD }],
    ];
    for (const [path, form] of forms) {
      const res = await browser.post(path, { ...form, _csrf: '' });
      expect(res.status, path).toBe(403);
    }
    const row = await memberRow(member.id);
    expect(row.cancelledAt).toBeNull();
    expect(row.name).toBe('Test Member');
    expect(await addressesOf(member.id)).toHaveLength(1);
    expect(
      await database.db
        .select()
        .from(accountEvents)
        .where(
          and(eq(accountEvents.memberId, member.id), eq(accountEvents.type, 'password_changed')),
        ),
    ).toEqual([]);
  });
});
