import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MEMBER_SESSION_DAYS, startSession } from '../accounts/sessions.ts';
import type { StaffRole } from '../staff/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, testClock } from '../testing/factories.ts';
import { visible } from '../testing/html.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';
import { useGuideDirectory } from './load-articles.ts';
import { MISSING_EMAIL_SLUG } from './member-case.tsx';
import { inquiryCategoryFor } from './routes.tsx';
import { guideFeedback } from './tables.ts';

// The route tests read the fixture articles, so they do not change as content/guide is edited.
useGuideDirectory(fileURLToPath(new URL('./fixtures/', import.meta.url)));

const FLAGSHIP = `/guide/${MISSING_EMAIL_SLUG}`;

/** The page as a reader sees it: tags removed, entities decoded, spaces collapsed. */

describe('the inquiry category for "No"', () => {
  it('follows the article group, with the missing-email category for the flagship', () => {
    const category = (group: Parameters<typeof inquiryCategoryFor>[0]['group'], slug = 'x') =>
      inquiryCategoryFor({ group, slug });
    expect(category('orders')).toBe('order');
    expect(category('payment')).toBe('payment');
    expect(category('shipping')).toBe('shipping');
    expect(category('members')).toBe('member_id');
    expect(category('returns')).toBe('returns');
    expect(category('mail', MISSING_EMAIL_SLUG)).toBe('missing_email');
    expect(category('mail', 'security')).toBe('other');
    expect(category('points')).toBe('other');
    expect(category('footer')).toBe('other');
  });
});

describeEachDatabase('the help guide over HTTP', (kind) => {
  const clock = testClock();
  const { database, app, signedInStaff } = useTestWorld(kind, { clock });

  const feedbackRows = (slug: string) =>
    database.db.select().from(guideFeedback).where(eq(guideFeedback.articleSlug, slug));

  function japaneseBrowser() {
    const browser = formClient(app);
    browser.cookies.set('tp_lang', 'ja');
    return browser;
  }

  const staffBrowser = async (role: StaffRole) => (await signedInStaff(role)).browser;

  it('lists every group with its articles on the guide top, in guide order', async () => {
    const page = await formClient(app).get('/guide');
    expect(page.status).toBe(200);
    const text = visible(page.html);
    expect(text).toMatch(
      /Help guide .* Payment Payment methods Using PayPal In preparation Mail and security If you do not receive an email About this shop Shipping info/,
    );
    expect(page.html).toContain(
      '<section class="guide-group guide-group-payment" id="group-payment">',
    );
    expect(page.html).toContain('href="/guide/using-paypal"');
    // Groups without articles are left out rather than shown empty.
    expect(page.html).not.toContain('id="group-points"');
    expect(page.html).toMatch(/<form class="guide-search" action="\/guide\/search" method="get">/);
    expect(page.html).toContain('href="/inquiry"');
  });

  it('shows the guide in Japanese', async () => {
    const browser = japaneseBrowser();
    const text = visible((await browser.get('/guide')).html);
    expect(text).toContain('ご利用ガイド');
    expect(text).toMatch(/お支払いについて お支払い方法 PayPalのご利用 準備中/);
    const article = visible((await browser.get(FLAGSHIP)).html);
    expect(article).toContain(
      'ご利用ガイドトップ メール・セキュリティについて メールが届かない場合',
    );
    expect(article).toContain('を受信許可リストに追加し');
    expect(article).toContain('問題は解決しましたか？');
    expect(article).not.toContain('Add mail');
  });

  it('shows an article with breadcrumb, related topics, the way back and the feedback form', async () => {
    const page = await formClient(app).get(FLAGSHIP);
    expect(page.status).toBe(200);
    const text = visible(page.html);
    expect(text).toContain(
      'Guide top Mail and security If you do not receive an email If you do not receive an email Add',
    );
    expect(page.html).toContain('<a href="/guide#group-mail">Mail and security</a>');
    expect(page.html).toMatch(/<h1>If you do not receive an email<\/h1>/);
    expect(page.html).toContain('<h2>Still nothing?</h2>');
    expect(text).toMatch(/Related topics Payment methods Shipping info Back to guide top/);
    expect(page.html).toContain(
      '<form method="post" action="/guide/if-you-do-not-receive-an-email/feedback">',
    );
    expect(page.html).toMatch(/name="_csrf" value="[^"]+"/);
    expect(page.html).toContain('name="answer" value="yes"');
    expect(page.html).toContain('name="answer" value="no"');
    expect(text).toContain('Was your problem solved?');
    expect(page.html).not.toContain('this part of the shop is being prepared');
    expect(page.html).not.toContain('class="guide-member-case"');
  });

  it('tells the reader when an article describes something not built yet', async () => {
    const pending = visible((await formClient(app).get('/guide/using-paypal')).html);
    expect(pending).toContain('This part of the shop is being prepared.');
    // The pending note is for staff.
    expect(pending).not.toContain('PayPal checkout is not built yet.');
    const live = visible((await formClient(app).get('/guide/payment-methods')).html);
    expect(live).not.toContain('This part of the shop is being prepared.');
    expect(live).toContain('Related topics Using PayPal In preparation');
  });

  it("shows a signed-in member's own case above the flagship article's body", async () => {
    const member = await makeMember(database.db);
    const token = await startSession(
      database.db,
      { memberId: member.id },
      new Date(clock.now().getTime() + MEMBER_SESSION_DAYS * 86_400_000),
    );
    const browser = formClient(app);
    browser.cookies.set('tp_sid', token);
    const flagship = (await browser.get(FLAGSHIP)).html;
    const panel = flagship.indexOf('class="guide-member-case"');
    expect(panel).toBeGreaterThan(flagship.indexOf('<h1>'));
    expect(panel).toBeLessThan(flagship.indexOf('class="guide-body"'));
    expect((await browser.get('/guide/payment-methods')).html).not.toContain('guide-member-case');
  });

  it('answers 404 for an unknown article, also when answering it', async () => {
    const browser = formClient(app);
    const page = await browser.get('/guide/no-such-article');
    expect(page.status).toBe(404);
    expect(page.html).toContain('The guide article was not found.');
    await browser.get(FLAGSHIP);
    expect((await browser.post('/guide/no-such-article/feedback', { answer: 'yes' })).status).toBe(
      404,
    );
  });

  it('searches titles and bodies, and says clearly when nothing matched', async () => {
    const browser = formClient(app);
    const found = await browser.get('/guide/search?q=spam');
    expect(found.status).toBe(200);
    expect(visible(found.html)).toContain(
      'Results for "spam" Search the guide Search Articles found: 1 If you do not receive an email Mail and security …to your safe senders, then look in your spam folder.',
    );
    expect(found.html).toContain('href="/guide/if-you-do-not-receive-an-email"');
    expect(found.html).toMatch(/<input id="guide-q" type="search" name="q" value="spam"/);

    const none = await browser.get(`/guide/search?q=${encodeURIComponent('<b>refund</b>')}`);
    expect(none.status).toBe(200);
    expect(none.html).toContain('No guide article matched &quot;&lt;b&gt;refund&lt;/b&gt;&quot;');
    expect(none.html).not.toContain('<b>refund');
    expect(none.html).toContain(
      '<a href="/inquiry">Cannot find your answer? Send us an inquiry.</a>',
    );

    const empty = await browser.get('/guide/search?q=');
    expect(visible(empty.html)).toContain('Type a word to search the guide.');
    const japanese = await japaneseBrowser().get(
      `/guide/search?q=${encodeURIComponent('迷惑メール')}`,
    );
    expect(visible(japanese.html)).toContain('1件の記事が見つかりました');
  });

  it('records one answer per visitor per article, the last one counting', async () => {
    const browser = formClient(app);
    await browser.get('/guide/payment-methods');
    const yes = await browser.post('/guide/payment-methods/feedback', { answer: 'yes' });
    expect(yes.status).toBe(303);
    expect(yes.location).toBe('/guide/payment-methods?answered=yes#feedback');
    const thanks = visible((await browser.get(yes.location!)).html);
    expect(thanks).toContain('Thank you for your answer.');
    expect(await feedbackRows('payment-methods')).toMatchObject([
      { helpful: true, memberId: null },
    ]);

    const no = await browser.post('/guide/payment-methods/feedback', { answer: 'no' });
    expect(no.status).toBe(303);
    const rows = await feedbackRows('payment-methods');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.helpful).toBe(false);
    expect(rows[0]!.visitorId).toBe(browser.cookies.get('tp_vid'));
    expect(visible((await browser.get('/guide/payment-methods')).html)).toContain(
      'You answered that this did not solve your problem. You can change your answer.',
    );

    const other = formClient(app);
    await other.get('/guide/payment-methods');
    await other.post('/guide/payment-methods/feedback', { answer: 'yes' });
    expect(await feedbackRows('payment-methods')).toHaveLength(2);
  });

  it('records the member who answered when signed in', async () => {
    const member = await makeMember(database.db);
    const token = await startSession(
      database.db,
      { memberId: member.id },
      new Date(clock.now().getTime() + MEMBER_SESSION_DAYS * 86_400_000),
    );
    const browser = formClient(app);
    browser.cookies.set('tp_sid', token);
    await browser.get('/guide/shipping-info');
    await browser.post('/guide/shipping-info/feedback', { answer: 'yes' });
    expect(await feedbackRows('shipping-info')).toMatchObject([
      { memberId: member.id, helpful: true },
    ]);
  });

  it('takes "No" to the inquiry form with the category and topic filled in', async () => {
    const browser = formClient(app);
    await browser.get(FLAGSHIP);
    const no = await browser.post(`${FLAGSHIP}/feedback`, { answer: 'no' });
    expect(no.status).toBe(303);
    expect(no.location).toBe(
      '/inquiry?category=missing_email&topic=if-you-do-not-receive-an-email',
    );
    const fromFooter = await browser.post('/guide/shipping-info/feedback', { answer: 'no' });
    expect(fromFooter.location).toBe('/inquiry?category=other&topic=shipping-info');
  });

  it('refuses an answer that is not Yes or No, and a form without its token', async () => {
    const browser = formClient(app);
    await browser.get('/guide/using-paypal');
    const bad = await browser.post('/guide/using-paypal/feedback', { answer: 'maybe' });
    expect(bad.status).toBe(400);
    expect(visible(bad.html)).toContain('Please choose Yes or No.');
    const missing = await browser.post('/guide/using-paypal/feedback', {});
    expect(missing.status).toBe(400);
    const forged = await browser.post('/guide/using-paypal/feedback', { answer: 'no', _csrf: 'x' });
    expect(forged.status).toBe(403);
    expect(await feedbackRows('using-paypal')).toEqual([]);
  });

  it('limits how often one visitor may answer, with the time to try again', async () => {
    const browser = formClient(app);
    await browser.get('/guide/using-paypal');
    for (let i = 0; i < 30; i++)
      expect((await browser.post('/guide/using-paypal/feedback', { answer: 'yes' })).status).toBe(
        303,
      );
    const limited = await browser.post('/guide/using-paypal/feedback', { answer: 'no' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(visible(limited.html)).toMatch(
      /We received many answers from this browser\. Please try again at \d\d:\d\d/,
    );
    // The refused answer did not overwrite the last one.
    expect(await feedbackRows('using-paypal')).toMatchObject([{ helpful: true }]);
  });

  it('shows staff yes, no, total and share helpful per article, most "No" first', async () => {
    // Answers so far in this suite are mixed; start the counts from a known state.
    await database.db.delete(guideFeedback);
    const answer = async (slug: string, helpful: boolean) => {
      const browser = formClient(app);
      await browser.get(`/guide/${slug}`);
      await browser.post(`/guide/${slug}/feedback`, { answer: helpful ? 'yes' : 'no' });
    };
    await answer('payment-methods', true);
    await answer('payment-methods', true);
    await answer('payment-methods', false);
    await answer('shipping-info', false);
    await answer('shipping-info', false);
    await answer('using-paypal', true);
    // An answer left on an article that has since been removed still shows.
    await database.db
      .insert(guideFeedback)
      .values({ articleSlug: 'old-article', visitorId: 'v-old', helpful: false });

    const staff = await staffBrowser('support');
    const page = await staff.get('/admin/guide');
    expect(page.status).toBe(200);
    const rows = [...page.html.matchAll(/<tr data-slug="([^"]+)">([\s\S]*?)<\/tr>/g)].map(
      ([, slug, cells]) => [slug, visible(cells!).trim()],
    );
    expect(rows).toEqual([
      ['shipping-info', 'Shipping info About this shop 0 2 2 0% Live'],
      ['payment-methods', 'Payment methods Payment 2 1 3 67% Live'],
      ['old-article', 'old-article (no longer in the guide) 0 1 1 0% Removed'],
      [
        'using-paypal',
        'Using PayPal Payment 1 0 1 100% Pending: PayPal checkout is not built yet.',
      ],
      [
        'if-you-do-not-receive-an-email',
        'If you do not receive an email Mail and security 0 0 0 – Live',
      ],
    ]);
    expect(visible(page.html)).toContain('7 answers in all');
  });

  it('keeps the helpfulness table to staff who answer inquiries', async () => {
    const fulfilment = await staffBrowser('fulfilment');
    const page = await fulfilment.get('/admin/guide');
    expect(page.status).toBe(403);
    expect(page.html).not.toContain('data-slug=');
    expect((await formClient(app).get('/admin/guide')).location).toBe('/admin/sign-in');
  });
});
