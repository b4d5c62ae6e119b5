import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';
import { members } from './tables.ts';

describeEachDatabase('newsletter consent at registration', (kind) => {
  const { database, app } = useTestWorld(kind);

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
