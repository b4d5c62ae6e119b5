import { and, desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { MailTopic } from '../mail/payloads.ts';
import { outboxMessages } from '../mail/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { allowedGapMs, median } from '../testing/timing.ts';
import { signInMember, useTestWorld } from '../testing/world.ts';
import { accountEvents } from './account-events.ts';
import { hashPassword } from './passwords.ts';
import { createMember } from './register-member.ts';
import { members, sessions } from './tables.ts';

describeEachDatabase('forgotten password', (kind) => {
  const { database, appWithOwnClock } = useTestWorld(kind);
  let slot = 0;

  function shop() {
    slot += 1;
    const { clock, app } = appWithOwnClock(slot * 2);
    return { clock, app };
  }
  type App = ReturnType<typeof shop>['app'];

  async function mailsTo(recipient: string, topic: MailTopic) {
    return database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.recipient, recipient), eq(outboxMessages.topic, topic)))
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id));
  }

  const signedIn = signInMember;

  async function askForReset(app: App, login: string) {
    const browser = formClient(app);
    await browser.get('/account/password/forgot');
    const res = await browser.post('/account/password/forgot', { login });
    return { browser, res };
  }

  const newPassword = 'a brand new password';
  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('sets a new password with the mailed code, ends every other session and mails a notice', async () => {
    const { app } = shop();
    const member = await makeMember(database.db, { password: 'the old password' });
    const laptop = await signedIn(app, member.memberCode, 'the old password');
    const phone = await signedIn(app, member.email, 'the old password');

    const { browser, res } = await askForReset(app, member.memberCode);
    expect(res.status).toBe(200);
    expect(res.html).toContain('name="code"');
    const [mail] = await mailsTo(member.email, 'password_reset');
    expect(mail!.payload).toMatchObject({ registered: true, minutes: 30 });
    const code = String(mail!.payload.code);

    const done = await browser.post('/account/password/reset', {
      login: member.memberCode,
      code,
      password: newPassword,
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/account/password/done');
    expect((await browser.get('/account/password/done')).html).toContain('signed out');
    expect((await browser.get('/mypage')).status).toBe(200);
    expect((await laptop.get('/mypage')).status).toBe(303);
    expect((await phone.get('/mypage')).status).toBe(303);
    const left = await database.db.select().from(sessions).where(eq(sessions.memberId, member.id));
    expect(left).toHaveLength(1);

    const [notice] = await mailsTo(member.email, 'password_changed');
    expect(notice!.memberId).toBe(member.id);
    const [event] = await database.db
      .select()
      .from(accountEvents)
      .where(and(eq(accountEvents.memberId, member.id), eq(accountEvents.type, 'password_reset')));
    expect(event!.detail).toEqual({ via: 'code' });

    await signedIn(app, member.memberCode, newPassword);
    const old = formClient(app);
    await old.get('/account/sign-in');
    expect(
      (await old.post('/account/sign-in', { login: member.email, password: 'the old password' }))
        .status,
    ).toBe(400);

    // The code worked once.
    const again = await browser.post('/account/password/reset', {
      login: member.memberCode,
      code,
      password: 'yet another password',
    });
    expect(again.status).toBe(400);
    expect(again.html).toContain('not right or is no longer valid');
  });

  it('sets a new password through the link once, and the link stops working after 30 minutes', async () => {
    const { app, clock } = shop();
    const member = await makeMember(database.db);
    const other = await signedIn(app, member.memberCode, 'correct horse battery');

    await askForReset(app, member.email.toUpperCase());
    const [mail] = await mailsTo(member.email, 'password_reset');
    const token = String(mail!.payload.token);
    const browser = formClient(app);
    const page = await browser.get(`/account/password/reset?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(member.memberCode);
    const done = await browser.post('/account/password/reset', { token, password: newPassword });
    expect(done.location).toBe('/account/password/done');
    expect((await other.get('/mypage')).status).toBe(303);
    expect(await mailsTo(member.email, 'password_changed')).toHaveLength(1);

    const used = await formClient(app).get(`/account/password/reset?token=${token}`);
    expect(used.status).toBe(400);
    expect(used.html).toContain('does not work any more');
    const reuse = await browser.post('/account/password/reset', {
      token,
      password: 'x'.repeat(12),
    });
    expect(reuse.status).toBe(400);
    await signedIn(app, member.memberCode, newPassword);

    clock.advance(1000);
    await askForReset(app, member.memberCode);
    const [late] = await mailsTo(member.email, 'password_reset');
    clock.advance(30 * 60_000 + 1000);
    const expired = await formClient(app).get(
      `/account/password/reset?token=${late!.payload.token}`,
    );
    expect(expired.status).toBe(400);
    expect(expired.html).toContain('older than 30 minutes');
    const slow = formClient(app);
    await slow.get('/account/password/forgot');
    const byCode = await slow.post('/account/password/reset', {
      login: member.memberCode,
      code: String(late!.payload.code),
      password: 'too late password',
    });
    expect(byCode.status).toBe(400);
  });

  it('answers byte for byte the same for a member, an unknown member ID and an unknown address', async () => {
    const { app } = shop();
    const member = await makeMember(database.db);
    const answers = [];
    for (const login of [member.email, member.memberCode, 'no_such_member', 'nobody@example.com']) {
      const { res } = await askForReset(app, login);
      expect(res.status).toBe(200);
      answers.push(res.html.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(login, 'LOGIN'));
    }
    expect(new Set(answers).size).toBe(1);
    // Only the mail differs: the unknown address is told no member ID uses it.
    const [unknown] = await mailsTo('nobody@example.com', 'password_reset');
    expect(unknown!.payload).toEqual({ registered: false });
    expect(unknown!.memberId).toBeNull();
  });

  it('takes about as long for a member as for an unknown address or member ID', async () => {
    const { app, clock } = shop();
    const member = await makeMember(database.db);
    const logins = {
      member: member.email,
      unknownAddress: `timing.${slot}@example.com`,
      unknownId: `timing_${slot}`,
    };
    const browser = formClient(app);
    await browser.get('/account/password/forgot');
    const names = Object.keys(logins) as (keyof typeof logins)[];
    const gaps: Record<string, number[]> = { unknownAddress: [], unknownId: [] };
    const durations: number[] = [];
    for (let round = 0; round < 24; round++) {
      // A fresh rate-limit window every round; the order rotates so drift hits all alike.
      clock.advance(3600_000);
      const took: Partial<Record<keyof typeof logins, number>> = {};
      for (let i = 0; i < names.length; i++) {
        const which = names[(round + i) % names.length]!;
        const started = performance.now();
        const res = await browser.post('/account/password/forgot', { login: logins[which] });
        took[which] = performance.now() - started;
        durations.push(took[which]!);
        expect(res.status).toBe(200);
      }
      // Compared within a round, so a busy moment slows both sides of a pair alike.
      if (round >= 2)
        for (const other of ['unknownAddress', 'unknownId'] as const)
          gaps[other]!.push(took.member! - took[other]!);
    }
    // Within noise, and well under the 50 ms one password hash would add.
    for (const other of ['unknownAddress', 'unknownId'])
      expect(Math.abs(median(gaps[other]!))).toBeLessThan(allowedGapMs(durations));
  });

  it('stops code guessing: five wrong codes use the code up, and asking is limited per login', async () => {
    const { app } = shop();
    const member = await makeMember(database.db);
    const { browser } = await askForReset(app, member.memberCode);
    const [mail] = await mailsTo(member.email, 'password_reset');
    const code = String(mail!.payload.code);
    for (let i = 0; i < 5; i++) {
      const res = await browser.post('/account/password/reset', {
        login: member.memberCode,
        code: wrongCode(code),
        password: newPassword,
      });
      expect(res.status).toBe(400);
    }
    const right = await browser.post('/account/password/reset', {
      login: member.memberCode,
      code,
      password: newPassword,
    });
    expect(right.status).toBe(400);
    expect(right.html).toContain('not right or is no longer valid');

    // Two more requests make three this hour; the fourth is refused before anything is mailed.
    await askForReset(app, member.memberCode);
    await askForReset(app, member.memberCode);
    const { res } = await askForReset(app, member.memberCode);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await mailsTo(member.email, 'password_reset')).toHaveLength(3);
  });

  it('sends at most three reset mails an hour to one address, however it is spelled', async () => {
    const { app } = shop();
    const member = await makeMember(database.db);
    const fullWidth = (text: string) =>
      text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    // Three mails use up the hour; every other spelling of the address is then refused too.
    const spellings = [
      member.email,
      member.email,
      member.email,
      member.email.replace('.com', '\u3002com'),
      fullWidth(member.email),
      member.email.toUpperCase().replace('.COM', '\uff0eＣＯＭ'),
    ];
    const statuses: number[] = [];
    for (const login of spellings) statuses.push((await askForReset(app, login)).res.status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(await mailsTo(member.email, 'password_reset')).toHaveLength(3);
  });

  it('confirms the address of a member who never entered the registration code', async () => {
    const { app, clock } = shop();
    const member = await createMember(
      database.db,
      { memberCode: `late_${slot}`, email: `late.${slot}@example.com`, name: '', locale: 'ja' },
      { passwordHash: await hashPassword('forgotten one'), now: clock.now(), verifiedAt: null },
    );
    const { browser } = await askForReset(app, member!.email);
    const [mail] = await mailsTo(member!.email, 'password_reset');
    expect(mail!.locale).toBe('ja');
    const done = await browser.post('/account/password/reset', {
      login: member!.email,
      code: String(mail!.payload.code),
      password: newPassword,
    });
    expect(done.location).toBe('/account/password/done');
    const [row] = await database.db.select().from(members).where(eq(members.id, member!.id));
    expect(row!.emailVerifiedAt).toEqual(clock.now());
    await signedIn(app, member!.memberCode, newPassword);
  });

  it('shows a clear 400, not an error page, for a link that never existed', async () => {
    const { app } = shop();
    const res = await formClient(app).get('/account/password/reset?token=made-up-token-1234567890');
    expect(res.status).toBe(400);
    expect(res.html).toContain('does not work any more');
    expect(res.html).toContain('href="/account/password/forgot"');
  });

  it('refuses the forgot and reset forms without the CSRF token', async () => {
    const { app } = shop();
    const browser = formClient(app);
    await browser.get('/account/password/forgot');
    const forgot = await browser.post('/account/password/forgot', { login: 'x', _csrf: '' });
    const reset = await browser.post('/account/password/reset', {
      login: 'x',
      code: '123456',
      password: newPassword,
      _csrf: '',
    });
    expect([forgot.status, reset.status]).toEqual([403, 403]);
  });
});
