import { and, desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { MailTopic } from '../mail/payloads.ts';
import { outboxMessages } from '../mail/tables.ts';
import { orders } from '../orders/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeOrder, makeProduct, testDeps } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { signInMember, useTestWorld } from '../testing/world.ts';
import { accountEvents } from './account-events.ts';
import { members } from './tables.ts';

describeEachDatabase('changing the account email', (kind) => {
  const { database, appWithOwnClock } = useTestWorld(kind);
  let slot = 0;

  function shop() {
    slot += 1;
    const { clock, app } = appWithOwnClock(slot * 2);
    return { clock, app };
  }
  type App = ReturnType<typeof shop>['app'];

  const signedIn = (app: App, login: string) => signInMember(app, login);

  async function latest(recipient: string, topic: MailTopic) {
    const [mail] = await database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.recipient, recipient), eq(outboxMessages.topic, topic)))
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(1);
    return mail;
  }

  const fresh = (tag: string) =>
    `${tag}.${slot}.${Math.random().toString(36).slice(2, 8)}@example.com`;

  it('keeps the old contact email on existing orders when the member changes email, and tells the old address', async () => {
    const { app } = shop();
    const member = await makeMember(database.db);
    const product = await makeProduct(database.db);
    const order = await makeOrder(testDeps(database.db), [{ product, quantity: 1 }], {
      memberId: member.id,
      email: member.email,
    });
    const browser = await signedIn(app, member.memberCode);

    const form = await browser.get('/mypage/email');
    expect(form.status).toBe(200);
    expect(form.html).toContain('keep their contact email');
    expect(form.html).toContain(`href="/mypage/orders/${order.number}#order-mail"`);
    expect(form.html).toContain('href="/inquiry"');

    const newEmail = fresh('moved');
    const wrong = await browser.post('/mypage/email', {
      email: newEmail,
      password: 'not it at all',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('The password is not correct.');
    expect(wrong.html).toContain(`value="${newEmail}"`);

    const asked = await browser.post('/mypage/email', {
      email: newEmail,
      password: 'correct horse battery',
    });
    expect(asked.status).toBe(303);
    expect(asked.location).toBe('/mypage/email/confirm');
    const codePage = await browser.get('/mypage/email/confirm');
    expect(codePage.html).toContain(newEmail);
    const mail = await latest(newEmail, 'email_change_code');
    const code = String(mail!.payload.code);
    // Nothing changes before the code comes back.
    const [before] = await database.db.select().from(members).where(eq(members.id, member.id));
    expect(before!.email).toBe(member.email);

    const done = await browser.post('/mypage/email/confirm', { code });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/mypage/email?changed=1');
    const after = await browser.get(done.location!);
    expect(after.html).toContain(`Your account’s email address is now ${newEmail}`);
    expect(after.html).toContain(`Mail goes to ${member.email}`);

    const [changed] = await database.db.select().from(members).where(eq(members.id, member.id));
    expect(changed!.email).toBe(newEmail);
    const [kept] = await database.db.select().from(orders).where(eq(orders.id, order.id));
    expect(kept!.contactEmail).toBe(member.email);
    const orderPage = await browser.get(`/mypage/orders/${order.number}`);
    expect(orderPage.status).toBe(200);
    expect(orderPage.html).toContain(`<p class="contact-email">${member.email}</p>`);

    const notice = await latest(member.email, 'email_changed');
    expect(notice!.payload).toMatchObject({ oldEmail: member.email, newEmail });
    const [event] = await database.db
      .select()
      .from(accountEvents)
      .where(and(eq(accountEvents.memberId, member.id), eq(accountEvents.type, 'email_changed')));
    expect(event!.detail).toEqual({ from: member.email, to: newEmail });

    await signedIn(app, newEmail);
  });

  it('does not move the account to an address another member uses, and says so only after the code', async () => {
    const { app } = shop();
    const member = await makeMember(database.db);
    const other = await makeMember(database.db);
    const browser = await signedIn(app, member.memberCode);
    await browser.get('/mypage/email');
    // The other member's address with the local part in capitals: still the same address.
    const typed = other.email.replace(/^[^@]+/, (local) => local.toUpperCase());
    const asked = await browser.post('/mypage/email', {
      email: typed,
      password: 'correct horse battery',
    });
    expect(asked.location).toBe('/mypage/email/confirm');
    const mail = await latest(typed, 'email_change_code');
    const res = await browser.post('/mypage/email/confirm', { code: String(mail!.payload.code) });
    expect(res.status).toBe(400);
    expect(res.html).toContain('already registered to another member ID');
    const [unchanged] = await database.db.select().from(members).where(eq(members.id, member.id));
    expect(unchanged!.email).toBe(member.email);
  });

  it('explains what to fix and keeps what was typed', async () => {
    const { app } = shop();
    const member = await makeMember(database.db);
    const browser = await signedIn(app, member.memberCode);
    await browser.get('/mypage/email');
    const same = await browser.post('/mypage/email', {
      email: member.email,
      password: 'correct horse battery',
    });
    expect(same.status).toBe(400);
    expect(same.html).toContain('already your account’s email address');
    const broken = await browser.post('/mypage/email', {
      email: 'not an address',
      password: 'correct horse battery',
    });
    expect(broken.status).toBe(400);
    expect(broken.html).toContain('value="not an address"');
    const badCode = await browser.post('/mypage/email/confirm', { code: 'abc' });
    expect(badCode.status).toBe(400);
    expect(badCode.html).toContain('Enter the 6 digits');
  });

  it('stops code guessing after five wrong codes', async () => {
    const { app } = shop();
    const member = await makeMember(database.db);
    const browser = await signedIn(app, member.memberCode);
    await browser.get('/mypage/email');
    const newEmail = fresh('guess');
    await browser.post('/mypage/email', { email: newEmail, password: 'correct horse battery' });
    const code = String((await latest(newEmail, 'email_change_code'))!.payload.code);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await browser.post('/mypage/email/confirm', { code: wrong })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    expect((await browser.post('/mypage/email/confirm', { code })).status).toBe(429);
    const [unchanged] = await database.db.select().from(members).where(eq(members.id, member.id));
    expect(unchanged!.email).toBe(member.email);
  });

  it('needs a signed-in member and the CSRF token', async () => {
    const { app } = shop();
    const guest = formClient(app);
    const res = await guest.get('/mypage/email');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/account/sign-in?next=%2Fmypage%2Femail');
    const member = await makeMember(database.db);
    const browser = await signedIn(app, member.memberCode);
    await browser.get('/mypage/email');
    const forged = await browser.post('/mypage/email', {
      email: fresh('csrf'),
      password: 'correct horse battery',
      _csrf: '',
    });
    expect(forged.status).toBe(403);
    expect(
      (await browser.post('/mypage/email/confirm', { code: '123456', _csrf: '' })).status,
    ).toBe(403);
  });
});
