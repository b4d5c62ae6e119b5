import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { accountEvents } from '../accounts/account-events.ts';
import { createApp } from '../app.tsx';
import { parseEnv } from '../env.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, testClock } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { apiTestDeps, callApi } from './test-client.ts';

describeEachDatabase('store API sessions', (kind) => {
  const { database, app } = useTestWorld(kind);

  const signIn = (login: string, password: string) =>
    callApi(app, 'POST', '/api/store/sessions', { json: { login, password } });

  it('signs a member in by member ID or email and returns a bearer token', async () => {
    const member = await makeMember(database.db, { password: 'correct horse battery' });
    for (const login of [member.memberCode, member.email.toUpperCase()]) {
      const res = await signIn(login, 'correct horse battery');
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        token: expect.stringMatching(/^[\w-]{43}$/),
        member: { memberCode: member.memberCode, email: member.email, name: 'Test Member' },
      });
      const orders = await callApi(app, 'GET', '/api/store/orders', {
        headers: { authorization: `Bearer ${res.body.token}` },
      });
      expect(orders.status).toBe(200);
    }
  });

  it('gives the same 401 for an unknown login and a wrong password', async () => {
    const member = await makeMember(database.db, { password: 'correct horse battery' });
    const unknown = await signIn('nobody@example.com', 'correct horse battery');
    const wrong = await signIn(member.email, 'incorrect horse battery');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(unknown.body.error.code).toBe('invalid_credentials');
  });

  it('ends the session on sign-out, after which the token is refused', async () => {
    const member = await makeMember(database.db, { password: 'correct horse battery' });
    const { token } = (await signIn(member.memberCode, 'correct horse battery')).body;
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (await callApi(app, 'DELETE', '/api/store/sessions/current', { headers: auth })).status,
    ).toBe(204);
    const after = await callApi(app, 'GET', '/api/store/orders', { headers: auth });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await callApi(app, 'DELETE', '/api/store/sessions/current')).status).toBe(401);
  });

  it('ignores session cookies: the API authenticates with the bearer token only', async () => {
    const member = await makeMember(database.db, { password: 'correct horse battery' });
    const { token } = (await signIn(member.memberCode, 'correct horse battery')).body;
    const res = await callApi(app, 'GET', '/api/store/orders', {
      headers: { cookie: `tp_sid=${token}` },
    });
    expect(res.status).toBe(401);
  });

  it('answers 400 with field messages for an empty login', async () => {
    const res = await signIn('', '');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['login', 'password']);
  });

  /** An app with its own clock behind one trusted proxy, so each test picks its client address. */
  function throttledShop() {
    const clock = testClock();
    const app = createApp({
      ...apiTestDeps(database.db),
      clock,
      env: parseEnv({ DNS_SERVERS: 'off', TRUST_PROXY_HOPS: '1' }),
    });
    const signInFrom = (address: string, login: string, password: string) =>
      callApi(app, 'POST', '/api/store/sessions', {
        json: { login, password },
        headers: { 'x-forwarded-for': address },
      });
    return { clock, signInFrom };
  }

  it('refuses the right password with 429 and Retry-After after 40 wrong ones, until the wait ends', async () => {
    const { clock, signInFrom } = throttledShop();
    const member = await makeMember(database.db, { password: 'correct horse battery' });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await signInFrom('198.51.100.7', member.email, `guess ${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    const right = await signInFrom('198.51.100.7', member.email, 'correct horse battery');
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('too_many_attempts');
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBe(60);
    clock.advance(retryAfter * 1000);
    expect((await signInFrom('198.51.100.7', member.email, 'correct horse battery')).status).toBe(
      201,
    );
  });

  it('records each failed sign-in with the client address', async () => {
    const { signInFrom } = throttledShop();
    const member = await makeMember(database.db, { password: 'correct horse battery' });
    await signInFrom('198.51.100.8', member.memberCode, 'not the password');
    const failed = await database.db
      .select()
      .from(accountEvents)
      .where(and(eq(accountEvents.memberId, member.id), eq(accountEvents.type, 'sign_in_failed')));
    expect(failed.map((e) => e.clientAddress)).toEqual(['198.51.100.8']);
  });

  it('answers an unknown login exactly like a wrong password, before and after the limit', async () => {
    const { signInFrom } = throttledShop();
    const member = await makeMember(database.db, { password: 'correct horse battery' });
    const answers = async (address: string, login: string) => {
      const seen: { status: number; body: unknown; retryAfter: string | null }[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await signInFrom(address, login, `guess ${i}`);
        seen.push({
          status: res.status,
          body: res.body,
          retryAfter: res.headers.get('retry-after'),
        });
      }
      return seen;
    };
    const known = await answers('198.51.100.9', member.email);
    const unknown = await answers('198.51.100.10', 'nobody.here@example.com');
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });
});
