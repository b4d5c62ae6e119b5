import { eq, isNull } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import { outboxMessages } from '../mail/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, testClock } from '../testing/factories.ts';
import { formClient, testAppDeps } from '../testing/http-client.ts';
import { allowedGapMs, median } from '../testing/timing.ts';
import { useTestWorld } from '../testing/world.ts';
import { accountEvents } from './account-events.ts';
import { sessions } from './tables.ts';

describeEachDatabase('member accounts over HTTP', (kind) => {
  const { database, app } = useTestWorld(kind);

  it('registers a member, signs them in once the address is confirmed, shows MyPage, and signs out', async () => {
    const browser = formClient(app);
    await browser.get('/account/register');
    const res = await browser.post('/account/register', {
      memberCode: 'Hana_2026',
      email: 'Hana@Example.COM',
      name: 'Hana',
      password: 'a long enough password',
      locale: 'ja',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/account/verify');
    const [mail] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, 'Hana@example.com'));
    expect(mail!.topic).toBe('registration_code');
    await browser.get('/account/verify');
    const verified = await browser.post('/account/verify', { code: String(mail!.payload.code) });
    expect(verified.location).toBe('/mypage');
    const mypage = await browser.get('/mypage');
    expect(mypage.status).toBe(200);
    expect(mypage.html).toContain('Hana_2026');
    expect(mypage.html).toContain('Hana@example.com');
    await browser.post('/account/sign-out', {});
    expect((await browser.get('/mypage')).status).toBe(303);
  });

  it('refuses a taken member ID in any letter case on its field, and never says an email is taken', async () => {
    const existing = await makeMember(database.db);
    const browser = formClient(app);
    await browser.get('/account/register');
    const byCode = await browser.post('/account/register', {
      memberCode: existing.memberCode.toUpperCase(),
      email: 'someone.new@example.com',
      password: 'a long enough password',
    });
    expect(byCode.status).toBe(400);
    expect(byCode.html).toMatch(
      /name="memberCode"[^>]*aria-invalid="true"[\s\S]*This member ID is taken; choose another/,
    );
    expect(byCode.html).not.toContain('cannot be used');

    const byEmail = formClient(app);
    await byEmail.get('/account/register');
    const res = await byEmail.post('/account/register', {
      memberCode: 'brand_new_id',
      email: existing.email.toUpperCase(),
      password: 'a long enough password',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/account/verify');
  });

  it('gives the same answer for an unknown member and a wrong password', async () => {
    const member = await makeMember(database.db, { password: 'right password 1' });
    const browser = formClient(app);
    await browser.get('/account/sign-in');
    const unknown = await browser.post('/account/sign-in', {
      login: 'nobody_here',
      password: 'whatever pass',
    });
    const wrong = await browser.post('/account/sign-in', {
      login: member.memberCode,
      password: 'wrong password',
    });
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    expect(strip(unknown.html)).toBe(strip(wrong.html));
  });

  it('starts a new session on sign-in and ends the one that came in', async () => {
    const member = await makeMember(database.db, { password: 'right password 2' });
    const browser = formClient(app);
    await browser.get('/account/sign-in');
    await browser.post('/account/sign-in', { login: member.email, password: 'right password 2' });
    const first = browser.cookies.get('tp_sid');
    await browser.get('/account/sign-in');
    await browser.post('/account/sign-in', {
      login: member.memberCode,
      password: 'right password 2',
    });
    const second = browser.cookies.get('tp_sid');
    expect(first).toBeTruthy();
    expect(second).not.toBe(first);
    const rows = await database.db.select().from(sessions).where(eq(sessions.memberId, member.id));
    expect(rows).toHaveLength(1);
  });

  it('takes as long to refuse an unknown login as a wrong password, and records both', async () => {
    const member = await makeMember(database.db, { password: 'right password 4' });
    const clock = testClock();
    const timed = createApp(testAppDeps(database.db, { clock }));
    const browser = formClient(timed);
    await browser.get('/account/sign-in');
    const gaps: number[] = [];
    const durations: number[] = [];
    for (let round = 0; round < 12; round++) {
      // A fresh rate-limit window every round; the order alternates so drift hits both alike.
      clock.advance(3600_000);
      const order = round % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
      const took: Partial<Record<'known' | 'unknown', number>> = {};
      for (const which of order) {
        const login = which === 'known' ? member.memberCode : 'not_a_member_here';
        const started = performance.now();
        const res = await browser.post('/account/sign-in', { login, password: 'wrong guess!' });
        took[which] = performance.now() - started;
        durations.push(took[which]!);
        expect(res.status).toBe(400);
      }
      if (round >= 2) gaps.push(took.known! - took.unknown!);
    }
    // Skipping the password hash for unknown logins would make them about 50 ms faster.
    expect(Math.abs(median(gaps))).toBeLessThan(allowedGapMs(durations));
    const failed = await database.db
      .select()
      .from(accountEvents)
      .where(eq(accountEvents.memberId, member.id));
    expect(failed.filter((e) => e.type === 'sign_in_failed')).toHaveLength(12);
    const unknown = await database.db
      .select()
      .from(accountEvents)
      .where(isNull(accountEvents.memberId));
    expect(unknown.filter((e) => e.detail.reason === 'unknown_login').length).toBeGreaterThan(11);
  });

  /** An app with its own clock, days after every other test's, so no counter is shared. */
  let slot = 0;
  function timedShop() {
    const clock = testClock();
    slot += 1;
    clock.advance(slot * 3 * 24 * 3600_000);
    return { clock, app: createApp(testAppDeps(database.db, { clock })) };
  }

  it('makes guessing wait after five wrong passwords: a 429 in minutes, even for the right one', async () => {
    const { clock, app: timed } = timedShop();
    const member = await makeMember(database.db, { password: 'right password 3' });
    const browser = formClient(timed);
    await browser.get('/account/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await browser.post('/account/sign-in', {
        login: member.memberCode,
        password: `guess ${i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const right = await browser.post('/account/sign-in', {
      login: member.memberCode,
      password: 'right password 3',
    });
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toBe('60');
    expect(right.html).toContain('Too many attempts. Please wait 1 minute and try again.');
    clock.advance(60_000);
    const later = await browser.post('/account/sign-in', {
      login: member.memberCode,
      password: 'right password 3',
    });
    expect(later.status).toBe(303);
  });

  it('counts every spelling of one address (U+3002 dot, full-width letters, case) and the Store API together', async () => {
    const { app: timed } = timedShop();
    const member = await makeMember(database.db, { password: 'right password 5' });
    const fullWidth = (text: string) =>
      text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const spellings = [
      member.email.replace('.com', '\u3002com'),
      fullWidth(member.email),
      member.email.toUpperCase(),
      member.email.replace('@example.com', '@ｅｘａｍｐｌｅ．ｃｏｍ'),
    ];
    const browser = formClient(timed);
    await browser.get('/account/sign-in');
    for (const login of spellings) {
      const res = await browser.post('/account/sign-in', { login, password: 'wrong guess!' });
      expect(res.status, login).toBe(400);
    }
    const api = await timed.request('/api/store/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: member.email, password: 'wrong guess!' }),
    });
    expect(api.status).toBe(401);
    // Five failures, whatever the spelling or door: even the right password now waits.
    const next = await browser.post('/account/sign-in', {
      login: member.email,
      password: 'right password 5',
    });
    expect(next.status).toBe(429);
  });

  it('signs a member in with a full-width or U+3002 spelling of their address', async () => {
    const { app: timed } = timedShop();
    const member = await makeMember(database.db, { password: 'right password 6' });
    const browser = formClient(timed);
    await browser.get('/account/sign-in');
    const res = await browser.post('/account/sign-in', {
      login: member.email.replace('@example.com', '＠ｅｘａｍｐｌｅ。ｃｏｍ').toUpperCase(),
      password: 'right password 6',
    });
    expect(res.status).toBe(303);
  });
});
