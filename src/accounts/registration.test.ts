import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import type { Database } from '../db/client.ts';
import { parseEnv } from '../env.ts';
import { outboxMessages } from '../mail/tables.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { makeMember, testClock } from '../testing/factories.ts';
import { formClient, testAppDeps } from '../testing/http-client.ts';
import { accountEvents } from './account-events.ts';
import { members } from './tables.ts';

describeEachDatabase('registration confirms the address with a code', (kind) => {
  let database: Database;
  let slot = 0;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  /** The shop on its own clock hours, so rate limits of one test never reach the next. */
  function shop() {
    const clock = testClock();
    slot += 1;
    clock.advance(slot * 2 * 3600_000);
    const env = parseEnv({ LOG_LEVEL: 'silent', DNS_SERVERS: 'off' });
    return { clock, app: createApp(testAppDeps(database.db, { clock, env })) };
  }

  const newcomer = (tag: string) => {
    const id = `${tag}${slot}${Math.random().toString(36).slice(2, 7)}`;
    return {
      memberCode: `n_${id}`,
      email: `new.${id}@example.com`,
      name: 'Aiko',
      password: 'a long enough password',
      locale: 'en',
    };
  };

  async function latestCode(recipient: string): Promise<string> {
    const [mail] = await database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.recipient, recipient), eq(outboxMessages.topic, 'registration_code')),
      )
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(1);
    return String(mail!.payload.code);
  }

  async function register(app: ReturnType<typeof shop>['app'], values: Record<string, string>) {
    const browser = formClient(app);
    await browser.get('/account/register');
    const res = await browser.post('/account/register', values);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/account/verify');
    return browser;
  }

  async function attemptMails(recipient: string) {
    return database.db
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.recipient, recipient),
          eq(outboxMessages.topic, 'registration_attempt'),
        ),
      )
      .orderBy(outboxMessages.createdAt, outboxMessages.id);
  }

  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('creates an unverified member, mails a code, and signs them in once it is entered', async () => {
    const { app } = shop();
    const values = newcomer('ok');
    const browser = await register(app, values);
    const [created] = await database.db
      .select()
      .from(members)
      .where(eq(members.memberCode, values.memberCode));
    expect(created!.emailVerifiedAt).toBeNull();
    expect((await browser.get('/mypage')).status).toBe(303);

    const page = await browser.get('/account/verify');
    expect(page.status).toBe(200);
    expect(page.html).toContain(values.email);
    const code = await latestCode(values.email);
    expect(code).toMatch(/^\d{6}$/);
    const done = await browser.post('/account/verify', { code });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/mypage');
    const mypage = await browser.get('/mypage');
    expect(mypage.status).toBe(200);
    expect(mypage.html).toContain(values.memberCode);

    const [verified] = await database.db.select().from(members).where(eq(members.id, created!.id));
    expect(verified!.emailVerifiedAt).not.toBeNull();
    const events = await database.db
      .select()
      .from(accountEvents)
      .where(eq(accountEvents.memberId, created!.id))
      .orderBy(accountEvents.id);
    expect(events.map((e) => e.type)).toEqual(['registered', 'email_verified']);

    // Afterwards the password alone signs in, from any browser.
    const other = formClient(app);
    await other.get('/account/sign-in');
    const signIn = await other.post('/account/sign-in', {
      login: values.email,
      password: values.password,
    });
    expect(signIn.location).toBe('/mypage');
  });

  it('keeps an unverified member out: the right password leads to the code form, nothing else does', async () => {
    const { app } = shop();
    const values = newcomer('wait');
    await register(app, values);

    const stranger = formClient(app);
    await stranger.get('/account/sign-in');
    const wrong = await stranger.post('/account/sign-in', {
      login: values.memberCode,
      password: 'not the password',
    });
    const unknown = await stranger.post('/account/sign-in', {
      login: 'nobody_at_all',
      password: 'not the password',
    });
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(wrong.status).toBe(400);
    expect(strip(wrong.html)).toBe(strip(unknown.html));
    expect(wrong.html).not.toContain('confirm');

    const owner = formClient(app);
    await owner.get('/account/sign-in');
    const right = await owner.post('/account/sign-in', {
      login: values.memberCode,
      password: values.password,
    });
    expect(right.status).toBe(303);
    expect(right.location).toBe('/account/verify?notice=needed');
    expect(owner.cookies.has('tp_sid')).toBe(false);
    const page = await owner.get(right.location!);
    expect(page.html).toContain('not confirmed yet');
    expect(page.html).toContain('name="code"');
    expect((await owner.get('/mypage')).status).toBe(303);

    const code = await latestCode(values.email);
    expect((await owner.post('/account/verify', { code })).location).toBe('/mypage');
    expect((await owner.get('/mypage')).status).toBe(200);

    const [member] = await database.db
      .select()
      .from(members)
      .where(eq(members.memberCode, values.memberCode));
    const failures = await database.db
      .select()
      .from(accountEvents)
      .where(and(eq(accountEvents.memberId, member!.id), eq(accountEvents.type, 'sign_in_failed')));
    expect(failures.map((e) => e.detail.reason).sort()).toEqual(['unverified', 'wrong_password']);
  });

  it('counts wrong codes down, then locks the code after five tries until a new one is sent', async () => {
    const { app, clock } = shop();
    const values = newcomer('guess');
    const browser = await register(app, values);
    await browser.get('/account/verify');
    const code = await latestCode(values.email);
    const left: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await browser.post('/account/verify', { code: wrongCode(code) });
      expect(res.status).toBe(400);
      left.push(res.html.match(/try (\d) more times/)?.[1] ?? '');
    }
    expect(left).toEqual(['4', '3', '2', '1']);
    const fifth = await browser.post('/account/verify', { code: wrongCode(code) });
    expect(fifth.status).toBe(429);
    expect(fifth.html).toContain('Too many wrong codes');
    // Even the right code no longer works: guessing cannot go on.
    const right = await browser.post('/account/verify', { code });
    expect(right.status).toBe(429);
    expect((await browser.get('/mypage')).status).toBe(303);

    clock.advance(1000);
    expect((await browser.post('/account/verify/resend', {})).location).toBe(
      '/account/verify?notice=resent',
    );
    const fresh = await latestCode(values.email);
    expect((await browser.post('/account/verify', { code: fresh })).location).toBe('/mypage');
  });

  it('sends at most three new codes an hour, and the code expires after ten minutes', async () => {
    const { app, clock } = shop();
    const values = newcomer('resend');
    const browser = await register(app, values);
    await browser.get('/account/verify');
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      expect((await browser.post('/account/verify/resend', {})).status).toBe(303);
    }
    const limited = await browser.post('/account/verify/resend', {});
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.html).toContain('several codes');

    const code = await latestCode(values.email);
    clock.advance(10 * 60_000 + 1000);
    const late = await browser.post('/account/verify', { code });
    expect(late.status).toBe(400);
    expect(late.html).toContain('expired');
  });

  it('lets the owner register an address that someone left unconfirmed for a day', async () => {
    const { app, clock } = shop();
    const squatter = newcomer('squat');
    await register(app, squatter);
    const owner = { ...newcomer('owner'), email: squatter.email };
    // Within the day the address is held, but the answer does not say so (a decoy).
    await register(app, owner);
    const held = await database.db.select().from(members).where(eq(members.email, squatter.email));
    expect(held.map((r) => r.memberCode)).toEqual([squatter.memberCode]);
    const [notice] = await attemptMails(squatter.email);
    expect(notice!.payload).toMatchObject({ memberCode: squatter.memberCode, confirmed: false });

    clock.advance(25 * 3600_000);
    const browser = await register(app, owner);
    await browser.get('/account/verify');
    expect(
      (await browser.post('/account/verify', { code: await latestCode(owner.email) })).location,
    ).toBe('/mypage');
    const rows = await database.db.select().from(members).where(eq(members.email, squatter.email));
    expect(rows.map((r) => r.memberCode)).toEqual([owner.memberCode]);
  });

  it('answers a registered email exactly like a new one, and mails its owner instead', async () => {
    const { app } = shop();
    const existing = await makeMember(database.db);
    const fresh = newcomer('fresh');
    const intruder = { ...newcomer('again'), email: existing.email.toUpperCase() };

    const realBrowser = await register(app, fresh);
    const decoyBrowser = await register(app, intruder);
    // The pending cookie looks the same: an id, an expiry and a signature.
    const cookieShape = /^[0-9a-f-]{36}\.\d+\.[A-Za-z0-9_-]+$/;
    expect(realBrowser.cookies.get('tp_verify')).toMatch(cookieShape);
    expect(decoyBrowser.cookies.get('tp_verify')).toMatch(cookieShape);

    const typed = `${existing.email.split('@')[0]!.toUpperCase()}@example.com`;
    const same = (html: string, email: string) =>
      html
        .replaceAll(email, '<email>')
        .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"')
        .replace(/nonce="[^"]*"/g, 'nonce');
    const realPage = await realBrowser.get('/account/verify');
    const decoyPage = await decoyBrowser.get('/account/verify');
    expect(decoyPage.status).toBe(realPage.status);
    expect(decoyPage.html).toContain(typed);
    expect(same(decoyPage.html, typed)).toBe(same(realPage.html, fresh.email));

    // No member row for the intruder, the owner's account untouched, no code to the address.
    const rows = await database.db
      .select()
      .from(members)
      .where(eq(members.memberCode, intruder.memberCode));
    expect(rows).toEqual([]);
    const [owner] = await database.db.select().from(members).where(eq(members.id, existing.id));
    expect(owner).toEqual(existing);
    const codes = await database.db
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.recipient, existing.email),
          eq(outboxMessages.topic, 'registration_code'),
        ),
      );
    expect(codes).toEqual([]);

    // The owner hears of it, with their member ID; staff see it on the account.
    const mails = await attemptMails(existing.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.memberId).toBe(existing.id);
    expect(mails[0]!.payload).toMatchObject({ memberCode: existing.memberCode, confirmed: true });
    const events = await database.db
      .select()
      .from(accountEvents)
      .where(eq(accountEvents.memberId, existing.id));
    expect(events.map((e) => [e.type, e.detail.attemptedMemberCode])).toEqual([
      ['registration_attempted', intruder.memberCode],
    ]);
    expect(events[0]!.clientAddress).not.toBeNull();

    // Every code is wrong, counted down like a real one, then locked until a new one is sent.
    const realCode = await latestCode(fresh.email);
    const realWrong = await realBrowser.post('/account/verify', { code: wrongCode(realCode) });
    // The code mailed to the other registration is as wrong here as any.
    const decoyWrong = await decoyBrowser.post('/account/verify', { code: wrongCode(realCode) });
    expect(decoyWrong.status).toBe(400);
    expect(same(decoyWrong.html, typed)).toBe(same(realWrong.html, fresh.email));
    const left: string[] = [];
    for (const code of ['000000', '123456', '999999']) {
      const res = await decoyBrowser.post('/account/verify', { code });
      left.push(res.html.match(/try (\d) more times/)?.[1] ?? '');
    }
    expect(left).toEqual(['3', '2', '1']);
    const fifth = await decoyBrowser.post('/account/verify', { code: '000001' });
    expect(fifth.status).toBe(429);
    expect(fifth.html).toContain('Too many wrong codes');
    expect((await decoyBrowser.get('/mypage')).status).toBe(303);

    // "Send a new code" answers the same, mails nobody, and the tries start again.
    const realResent = await realBrowser.post('/account/verify/resend', {});
    const decoyResent = await decoyBrowser.post('/account/verify/resend', {});
    expect(decoyResent.status).toBe(realResent.status);
    expect(decoyResent.location).toBe(realResent.location);
    const resentPage = await decoyBrowser.get(decoyResent.location!);
    expect(same(resentPage.html, typed)).toBe(
      same((await realBrowser.get(realResent.location!)).html, fresh.email),
    );
    const again = await decoyBrowser.post('/account/verify', { code: '000000' });
    expect(again.html).toMatch(/try 4 more times/);
    expect(await attemptMails(existing.email)).toHaveLength(1);
  });

  it('mails the owner about at most three attempts a day, and answers every attempt the same', async () => {
    const { app } = shop();
    const existing = await makeMember(database.db);
    for (let i = 0; i < 4; i++)
      await register(app, { ...newcomer(`many${i}`), email: existing.email });
    expect(await attemptMails(existing.email)).toHaveLength(3);
    const events = await database.db
      .select()
      .from(accountEvents)
      .where(
        and(
          eq(accountEvents.memberId, existing.id),
          eq(accountEvents.type, 'registration_attempted'),
        ),
      )
      .orderBy(accountEvents.id);
    expect(events.map((e) => e.detail.mailed)).toEqual([true, true, true, false]);
  });

  it('still tells a visitor that a member ID is taken, whatever the letter case', async () => {
    const { app } = shop();
    const existing = await makeMember(database.db);
    const browser = formClient(app);
    await browser.get('/account/register');
    const res = await browser.post('/account/register', {
      ...newcomer('clash'),
      memberCode: existing.memberCode.toUpperCase(),
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('This member ID is taken; choose another.');
    expect(browser.cookies.has('tp_verify')).toBe(false);
    expect(await attemptMails(existing.email)).toEqual([]);
  });

  it('refuses code forms without the CSRF token', async () => {
    const { app } = shop();
    const browser = await register(app, newcomer('csrf'));
    await browser.get('/account/verify');
    expect((await browser.post('/account/verify', { code: '123456', _csrf: '' })).status).toBe(403);
    expect((await browser.post('/account/verify/resend', { _csrf: '' })).status).toBe(403);
  });

  it('sends a browser without a pending registration to sign in', async () => {
    const { app } = shop();
    const browser = formClient(app);
    const res = await browser.get('/account/verify');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/account/sign-in');
  });
});
