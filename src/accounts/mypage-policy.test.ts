import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { members } from './tables.ts';

describeEachDatabase('MyPage and the address policy', (kind) => {
  const { database, signedInMember } = useTestWorld(kind);

  async function signedIn(password: string, email?: string) {
    const member = await makeMember(database.db, { password });
    // An address stored before the policy existed (imported data).
    if (email) await database.db.update(members).set({ email }).where(eq(members.id, member.id));
    return (await signedInMember({ member, password, login: 'memberCode' })).browser;
  }

  it('asks a member whose stored address breaks the policy to change it, naming what is wrong', async () => {
    const browser = await signedIn('policy password 1', 'old+shop@example.com');
    const page = await browser.get('/mypage');
    expect(page.html).toContain('does not meet our current address rules');
    expect(page.html).toContain('Remove: +');
    expect(page.html).toContain('href="/mypage/email"');
  });

  it('shows no such notice for an address that meets the policy', async () => {
    const browser = await signedIn('policy password 2');
    const page = await browser.get('/mypage');
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('does not meet our current address rules');
  });
});
