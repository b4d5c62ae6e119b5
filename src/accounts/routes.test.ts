import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import type { Database } from '../db/client.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { makeMember } from '../testing/factories.ts';
import { formClient, testAppDeps } from '../testing/http-client.ts';
import { sessions } from './tables.ts';

describeEachDatabase('member accounts over HTTP', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = createApp(testAppDeps(database.db));
  });
  afterAll(() => database.close());

  it('registers a member, signs them in, shows MyPage, and signs out', async () => {
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
    const mypage = await browser.get('/mypage');
    expect(mypage.status).toBe(200);
    expect(mypage.html).toContain('Hana_2026');
    expect(mypage.html).toContain('Hana@example.com');
    await browser.post('/account/sign-out', {});
    expect((await browser.get('/mypage')).status).toBe(303);
  });

  it('refuses a member ID or email that is taken, in any letter case, with one neutral message', async () => {
    const existing = await makeMember(database.db);
    const browser = formClient(app);
    await browser.get('/account/register');
    const byCode = await browser.post('/account/register', {
      memberCode: existing.memberCode.toUpperCase(),
      email: 'someone.new@example.com',
      password: 'a long enough password',
    });
    const byEmail = await browser.post('/account/register', {
      memberCode: 'brand_new_id',
      email: existing.email.toUpperCase(),
      password: 'a long enough password',
    });
    expect(byCode.status).toBe(400);
    expect(byEmail.status).toBe(400);
    expect(byCode.html).toContain('cannot be used');
    expect(byEmail.html).toContain('cannot be used');
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

  it('stops password guessing for one login after 10 tries with a 429 and Retry-After', async () => {
    const member = await makeMember(database.db, { password: 'right password 3' });
    const browser = formClient(app);
    await browser.get('/account/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await browser.post('/account/sign-in', {
        login: member.memberCode,
        password: `guess ${i}`,
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password is refused until the window ends.
    const right = await browser.post('/account/sign-in', {
      login: member.memberCode,
      password: 'right password 3',
    });
    expect(right.status).toBe(429);
  });
});
