import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import type { Database } from '../db/client.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { formClient, testAppDeps } from '../testing/http-client.ts';
import { members } from './tables.ts';

describeEachDatabase('newsletter consent at registration', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = createApp(testAppDeps(database.db));
  });
  afterAll(() => database.close());

  async function register(memberCode: string, extra: Record<string, string>) {
    const browser = formClient(app);
    const page = await browser.get('/account/register');
    const res = await browser.post('/account/register', {
      memberCode,
      email: `${memberCode.toLowerCase()}@example.com`,
      password: 'a long enough password',
      ...extra,
    });
    expect(res.status).toBe(303);
    const [member] = await database.db
      .select()
      .from(members)
      .where(sql`lower(${members.memberCode}) = ${memberCode.toLowerCase()}`);
    return { page, member: member! };
  }

  it('offers the newsletter unticked and subscribes only when the box is ticked', async () => {
    const { page, member: quiet } = await register('quiet_one', {});
    expect(page.html).toMatch(/<input type="checkbox" name="newsletter"\/>/);
    expect(quiet.newsletterOptIn).toBe(false);
    const { member: keen } = await register('keen_one', { newsletter: 'on' });
    expect(keen.newsletterOptIn).toBe(true);
    const [check] = await database.db.select().from(members).where(eq(members.id, keen.id));
    expect(check!.emailVerifiedAt).toBeNull();
  });
});
