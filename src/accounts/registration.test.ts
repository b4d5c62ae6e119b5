import { and, desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMessages } from '../mail/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';
import { accountEvents } from './account-events.ts';
import { registrationDecoys } from './registration-decoys.ts';
import { members } from './tables.ts';

describeEachDatabase('registration confirms the address with a code', (kind) => {
  const { database, appWithOwnClock } = useTestWorld(kind);
  let slot = 0;

  /** The shop on its own clock hours, so rate limits of one test never reach the next. */
  function shop() {
    slot += 1;
    const { clock, app } = appWithOwnClock(slot * 2);
    return { clock, app };
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
      left.push(res.html.match(/try (\d) more times?\./)?.[1] ?? '');
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
      left.push(res.html.match(/try (\d) more times?\./)?.[1] ?? '');
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
  /** A page with the address and the per-request tokens taken out, to compare two registrations. */
  const samePage = (html: string, email: string) =>
    html
      .replaceAll(email, '<email>')
      .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"')
      .replace(/nonce="[^"]*"/g, 'nonce');

  async function tryRegister(app: ReturnType<typeof shop>['app'], values: Record<string, string>) {
    const browser = formClient(app);
    await browser.get('/account/register');
    return browser.post('/account/register', values);
  }

  it("holds a decoy's member ID like a pending registration's, and releases both after the hold", async () => {
    const { app, clock } = shop();
    const existing = await makeMember(database.db);
    const real = newcomer('heldreal');
    const decoy = { ...newcomer('helddecoy'), email: existing.email };
    await register(app, real);
    await register(app, decoy);
    const [stored] = await database.db
      .select()
      .from(registrationDecoys)
      .where(eq(registrationDecoys.memberCode, decoy.memberCode));
    expect(stored!.email).toBe(existing.email);
    expect(stored!.passwordHash).toMatch(/^scrypt\$/);

    // Within the hold, another address cannot have either member ID, whatever the letter case.
    const realAgain = await tryRegister(app, {
      ...newcomer('other1'),
      memberCode: real.memberCode.toUpperCase(),
    });
    const decoyAgain = await tryRegister(app, {
      ...newcomer('other2'),
      memberCode: decoy.memberCode.toUpperCase(),
    });
    expect(decoyAgain.status).toBe(400);
    expect(decoyAgain.status).toBe(realAgain.status);
    expect(decoyAgain.html).toContain('This member ID is taken; choose another.');
    const strip = (html: string) =>
      html.replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, 'nonce');
    expect(strip(decoyAgain.html)).toBe(strip(realAgain.html));
    const nobody = await database.db
      .select()
      .from(members)
      .where(eq(members.memberCode, decoy.memberCode.toUpperCase()));
    expect(nobody).toEqual([]);

    // After the hold both are released: the next registration of the member ID gets it.
    clock.advance(25 * 3600_000);
    const late = { ...newcomer('late'), memberCode: decoy.memberCode };
    const browser = await register(app, late);
    await browser.get('/account/verify');
    expect(
      (await browser.post('/account/verify', { code: await latestCode(late.email) })).location,
    ).toBe('/mypage');
    expect(
      await database.db
        .select()
        .from(registrationDecoys)
        .where(eq(registrationDecoys.memberCode, decoy.memberCode)),
    ).toEqual([]);
    const lateReal = { ...newcomer('late2'), memberCode: real.memberCode };
    await register(app, lateReal);
    const rows = await database.db
      .select()
      .from(members)
      .where(eq(members.memberCode, real.memberCode));
    expect(rows.map((r) => r.email)).toEqual([lateReal.email]);
  });

  it("signs a decoy's member ID or address with its password in to the code page, like a pending registration", async () => {
    const { app } = shop();
    const existing = await makeMember(database.db, { password: 'the owner password' });
    const real = newcomer('signreal');
    const decoy = { ...newcomer('signdecoy'), email: existing.email.toUpperCase() };
    await register(app, real);
    await register(app, decoy);
    // The address as the decoy stored it: the local part as typed, the domain lower-cased.
    const typed = `${existing.email.split('@')[0]!.toUpperCase()}@example.com`;

    async function signInAs(login: string, password: string) {
      const browser = formClient(app);
      await browser.get('/account/sign-in');
      const res = await browser.post('/account/sign-in', { login, password });
      return { browser, res };
    }

    for (const [realLogin, decoyLogin] of [
      [real.memberCode.toUpperCase(), decoy.memberCode.toUpperCase()],
      [real.email.toUpperCase(), decoy.email],
    ] as const) {
      const realSignIn = await signInAs(realLogin, real.password);
      const decoySignIn = await signInAs(decoyLogin, decoy.password);
      expect(decoySignIn.res.status).toBe(303);
      expect(decoySignIn.res.location).toBe(realSignIn.res.location);
      expect(decoySignIn.res.location).toBe('/account/verify?notice=needed');
      expect(decoySignIn.browser.cookies.has('tp_sid')).toBe(false);
      const realPage = await realSignIn.browser.get(realSignIn.res.location!);
      const decoyPage = await decoySignIn.browser.get(decoySignIn.res.location!);
      expect(decoyPage.status).toBe(realPage.status);
      expect(decoyPage.html).toContain(typed);
      expect(decoyPage.html).toContain('not confirmed yet');
      expect(samePage(decoyPage.html, typed)).toBe(samePage(realPage.html, real.email));
      // No code opens the decoy's account; the answer is a wrong code's.
      const realWrong = await realSignIn.browser.post('/account/verify', { code: '000000' });
      const decoyWrong = await decoySignIn.browser.post('/account/verify', { code: '000000' });
      expect(decoyWrong.status).toBe(realWrong.status);
      expect(samePage(decoyWrong.html, typed)).toBe(samePage(realWrong.html, real.email));
      expect((await decoySignIn.browser.get('/mypage')).status).toBe(303);
    }

    // A wrong password is as wrong for a decoy as for a pending registration or nobody.
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    const unknown = await signInAs('nobody_at_all', 'not the password');
    for (const login of [decoy.memberCode, decoy.email, real.memberCode, real.email]) {
      const { res, browser } = await signInAs(login, 'not the password');
      expect(res.status).toBe(400);
      expect(strip(res.html)).toBe(strip(unknown.res.html));
      expect(browser.cookies.has('tp_verify')).toBe(false);
    }

    // The owner still signs in with their own password.
    const owner = await signInAs(existing.email, 'the owner password');
    expect(owner.res.location).toBe('/mypage');
    expect((await owner.browser.get('/mypage')).status).toBe(200);
  });

  it('keeps decoys of an unconfirmed address out of email sign-in, as later registrations of it', async () => {
    const { app } = shop();
    const first = newcomer('firstreg');
    const second = { ...newcomer('secondreg'), email: first.email, password: 'another password' };
    await register(app, first);
    await register(app, second);
    const [member] = await database.db
      .select()
      .from(members)
      .where(eq(members.memberCode, first.memberCode));
    async function signInAs(login: string, password: string) {
      const browser = formClient(app);
      await browser.get('/account/sign-in');
      const res = await browser.post('/account/sign-in', { login, password });
      return { res, pending: browser.cookies.get('tp_verify') ?? '' };
    }
    // By address, the first registration (the member) answers; the later one does not.
    const firstByEmail = await signInAs(first.email, first.password);
    expect(firstByEmail.res.location).toBe('/account/verify?notice=needed');
    expect(firstByEmail.pending.startsWith(`${member!.id}.`)).toBe(true);
    expect((await signInAs(first.email, second.password)).res.status).toBe(400);
    // By member ID, each answers to its own password.
    const secondById = await signInAs(second.memberCode, second.password);
    expect(secondById.res.location).toBe('/account/verify?notice=needed');
    expect(secondById.pending).not.toBe('');
    expect(secondById.pending.startsWith(`${member!.id}.`)).toBe(false);
    expect((await signInAs(second.memberCode, first.password)).res.status).toBe(400);
  });
});
