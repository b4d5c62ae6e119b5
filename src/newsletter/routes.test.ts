import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { accountEvents } from '../accounts/account-events.ts';
import { members } from '../accounts/tables.ts';
import { outboxMessages } from '../mail/tables.ts';
import type { StaffRole } from '../staff/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, testClock } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';
import { newsletters } from './tables.ts';
import { unsubscribeToken } from './unsubscribe-token.ts';

const SECRET = 'test-secret';

describeEachDatabase('newsletter over HTTP', (kind) => {
  const clock = testClock();
  const world = useTestWorld(kind, { clock, appDeps: { secret: SECRET } });
  const { database, app } = world;

  /** A verified member, and a browser signed in as them. */
  async function signedInMember(fields: Partial<{ newsletterOptIn: boolean }> = {}) {
    const made = await makeMember(database.db);
    const [member] = await database.db
      .update(members)
      .set({ emailVerifiedAt: clock.now(), ...fields })
      .where(eq(members.id, made.id))
      .returning();
    return world.signedInMember({ member: member! });
  }

  const optIn = async (id: string) =>
    (await database.db.select().from(members).where(eq(members.id, id)))[0]!.newsletterOptIn;

  const events = (id: string) =>
    database.db
      .select()
      .from(accountEvents)
      .where(and(eq(accountEvents.memberId, id), eq(accountEvents.type, 'newsletter_changed')))
      .orderBy(accountEvents.id);

  /** What a mail provider sends for RFC 8058: no cookies, no CSRF token, just the form body. */
  const oneClick = (token: string) =>
    app.request(`/newsletter/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });

  it('shows the MyPage setting unticked by default and records each change', async () => {
    const { member, browser } = await signedInMember();
    expect((await browser.get('/mypage')).html).toContain('href="/mypage/newsletter"');
    const page = await browser.get('/mypage/newsletter');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<input type="checkbox" name="newsletter"\/?>/);

    const on = await browser.post('/mypage/newsletter', { newsletter: 'on' });
    expect(on.status).toBe(303);
    expect(on.location).toBe('/mypage/newsletter?saved=on');
    expect(await optIn(member.id)).toBe(true);
    expect((await browser.get('/mypage/newsletter')).html).toMatch(
      /<input type="checkbox" name="newsletter" checked=""\/?>/,
    );

    await browser.post('/mypage/newsletter', {});
    expect(await optIn(member.id)).toBe(false);
    // Saving the same setting again changes nothing and logs nothing.
    await browser.post('/mypage/newsletter', {});
    expect((await events(member.id)).map((e) => e.detail)).toEqual([
      { subscribed: true, source: 'mypage' },
      { subscribed: false, source: 'mypage' },
    ]);
  });

  it('needs a signed-in member and a CSRF token to change the MyPage setting', async () => {
    const guest = formClient(app);
    const page = await guest.get('/mypage/newsletter');
    expect(page.status).toBe(303);
    expect(page.location).toMatch(/^\/account\/sign-in/);

    const { member, browser } = await signedInMember();
    await browser.get('/mypage/newsletter');
    const forged = await browser.post('/mypage/newsletter', { newsletter: 'on', _csrf: '' });
    expect(forged.status).toBe(403);
    expect(await optIn(member.id)).toBe(false);
  });

  it('unsubscribes with a plain one-click POST that has no cookies and no CSRF token', async () => {
    const { member } = await signedInMember({ newsletterOptIn: true });
    const res = await oneClick(unsubscribeToken(SECRET, member.id));
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const html = await res.text();
    expect(html).toContain('You are unsubscribed');
    expect(html).toContain('メールマガジンの配信を停止しました');
    expect(await optIn(member.id)).toBe(false);

    // Mail clients may retry: the same answer, and still only one change in the log.
    const again = await oneClick(unsubscribeToken(SECRET, member.id));
    expect(again.status).toBe(200);
    expect((await events(member.id)).map((e) => e.detail)).toEqual([
      { subscribed: false, source: 'unsubscribe_link' },
    ]);
  });

  it('changes nothing on GET: the link opens a page with a confirm button', async () => {
    const { member } = await signedInMember({ newsletterOptIn: true });
    const token = unsubscribeToken(SECRET, member.id);
    const page = await formClient(app).get(`/newsletter/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`action="/newsletter/unsubscribe/${token}"`);
    expect(page.html).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await optIn(member.id)).toBe(true);

    // The page's own button works the same way, with or without a session.
    const browser = formClient(app);
    await browser.get(`/newsletter/unsubscribe/${token}`);
    const pressed = await browser.post(`/newsletter/unsubscribe/${token}`, {
      'List-Unsubscribe': 'One-Click',
    });
    expect(pressed.status).toBe(200);
    expect(await optIn(member.id)).toBe(false);
  });

  it('answers 404 for a token that is forged, cut off or made with another secret', async () => {
    const { member } = await signedInMember({ newsletterOptIn: true });
    const good = unsubscribeToken(SECRET, member.id);
    const forged = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [
      forged,
      good.slice(0, -3),
      unsubscribeToken('another-secret', member.id),
      'not-a-token',
    ]) {
      expect((await oneClick(token)).status, token).toBe(404);
      expect((await formClient(app).get(`/newsletter/unsubscribe/${token}`)).status, token).toBe(
        404,
      );
    }
    expect(await optIn(member.id)).toBe(true);
  });

  /** A browser signed in to the admin console. */
  let staffCount = 0;
  const staffBrowser = async (role: StaffRole) =>
    (await world.signedInStaff(role, { email: `news${++staffCount}@tenpo.test` })).browser;

  it('lets staff write, preview and send a newsletter once, and lists its mail counts', async () => {
    await database.db.update(members).set({ newsletterOptIn: false });
    await signedInMember({ newsletterOptIn: true });
    await signedInMember({ newsletterOptIn: true });
    const staff = await staffBrowser('support');

    await staff.get('/admin/newsletters/new');
    const invalid = await staff.post('/admin/newsletters', { subjectEn: 'Only English' });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('Enter a Japanese subject.');
    expect(invalid.html).toContain('value="Only English"');

    const created = await staff.post('/admin/newsletters', {
      subjectEn: 'Spring news',
      subjectJa: '春のお知らせ',
      bodyEn: 'New stands are coming.',
      bodyJa: '新しいスタンドが登場します。',
    });
    expect(created.status).toBe(303);
    const path = created.location!;
    const id = path.split('/').pop()!;
    const preview = await staff.get(path);
    expect(preview.html).toContain('Send to 2 members');
    expect(preview.html).toContain('新しいスタンドが登場します。');
    expect(preview.html).toContain('List-Unsubscribe-Post');

    const sent = await staff.post(`${path}/send`, {});
    expect(sent.location).toBe(`${path}?done=sent`);
    const twice = await staff.post(`${path}/send`, {});
    expect(twice.location).toBe(`${path}?done=already`);
    const mails = await database.db
      .select()
      .from(outboxMessages)
      .where(sql`${outboxMessages.payload} ->> 'newsletterId' = ${id}`);
    expect(mails).toHaveLength(2);
    expect(
      (await database.db.select().from(newsletters).where(eq(newsletters.id, id)))[0]!.sentBy,
    ).toMatch(/^staff:news/);

    const edit = await staff.post(path, {
      subjectEn: 'Changed',
      subjectJa: '変更',
      bodyEn: 'x',
      bodyJa: 'x',
    });
    expect(edit.status).toBe(409);

    const list = await staff.get('/admin/newsletters');
    const row = list.html.match(new RegExp(`<tr data-newsletter="${id}">([\\s\\S]*?)</tr>`))![1]!;
    const cells = [...row.matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    // Recipients, then waiting, sent, bounced, complaints, suppressed, failed.
    expect(cells).toEqual([2, 2, 0, 0, 0, 0, 0]);
  });

  it('keeps newsletters to staff who manage mail', async () => {
    const fulfilment = await staffBrowser('fulfilment');
    expect((await fulfilment.get('/admin/newsletters')).status).toBe(403);
    const support = await staffBrowser('support');
    expect((await support.get('/admin/newsletters/not-an-id')).status).toBe(404);
  });
});
