import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import type { Database } from '../db/client.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { makeMember } from '../testing/factories.ts';
import { apiTestDeps, callApi } from './test-client.ts';

describeEachDatabase('store API sessions', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = createApp(apiTestDeps(database.db));
  });
  afterAll(() => database.close());

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
});
