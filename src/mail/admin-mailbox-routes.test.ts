import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import { caughtMails, outboxMessages } from '../mail/tables.ts';
import type { StaffRole } from '../staff/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct, testClock } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';

const listed = (html: string) => [...html.matchAll(/data-caught="([^"]+)"/g)].map((m) => m[1]);

describeEachDatabase('the development mailbox', (kind) => {
  const clock = testClock();
  const { database, deps, app, mailer, signedInStaff } = useTestWorld(kind, {
    clock,
    mailer: true,
  });

  /** The mailbox is for admins only (docs/decisions/0014). */
  const staffBrowser = async (role: StaffRole = 'admin') => (await signedInStaff(role)).browser;

  /** Places an order and lets the worker deliver its confirmation to the embedded catcher. */
  async function caughtConfirmation(email: string, locale: 'en' | 'ja') {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], { email, locale });
    await deliverDueMail(mailer.deps);
    const [message] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    const [caught] = await database.db
      .select()
      .from(caughtMails)
      .where(eq(caughtMails.messageId, `<${message!.id}@tenpo.example>`));
    return { order, message: message!, caught: caught! };
  }

  it('lists caught mail newest first and finds it by recipient or subject', async () => {
    const first = await caughtConfirmation('box.first@example.com', 'en');
    const second = await caughtConfirmation('box.second@example.com', 'ja');
    const browser = await staffBrowser();
    const all = await browser.get('/admin/mailbox');
    expect(all.status).toBe(200);
    expect(listed(all.html).slice(0, 2)).toEqual([second.caught.id, first.caught.id]);
    expect(listed((await browser.get('/admin/mailbox?q=BOX.FIRST')).html)).toEqual([
      first.caught.id,
    ]);
    const bySubject = await browser.get(`/admin/mailbox?q=${second.order.number}`);
    expect(listed(bySubject.html)).toEqual([second.caught.id]);
    expect(listed((await browser.get('/admin/mailbox?q=nobody.at.all')).html)).toEqual([]);
    expect((await browser.get('/admin/mailbox?page=0')).status).toBe(400);
  });

  it("shows a caught mail's text, headers and raw source, and links it to the delivery log", async () => {
    const { order, message, caught } = await caughtConfirmation('box.view@example.com', 'ja');
    const browser = await staffBrowser();
    const page = await browser.get(`/admin/mailbox/${caught.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('ご注文ありがとうございます');
    // The text part, decoded.
    const text = page.html.match(/<pre data-part="text">([^<]*)<\/pre>/)?.[1] ?? '';
    expect(text).toContain(order.number);
    expect(text).toContain('box.view@example.com');
    // Every header, DKIM included.
    expect(page.html).toContain('<th>DKIM-Signature</th>');
    expect(page.html).toContain(`<th>Message-ID</th><td><code>&lt;${message.id}@tenpo.example&gt;`);
    // The raw source, escaped, and as a download.
    expect(page.html).toContain('data-part="raw"');
    expect(page.html).toContain('Content-Type: multipart/alternative');
    expect(page.html).toContain(`href="/admin/mail/${message.id}"`);
    expect(page.html).toContain(`<iframe sandbox="" src="/admin/mailbox/${caught.id}/html"`);
    const raw = await browser.get(`/admin/mailbox/${caught.id}/raw`);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(raw.headers.get('content-disposition')).toBe(`attachment; filename="${caught.id}.eml"`);
    expect(raw.html).toBe(caught.raw);
  });

  it('serves the HTML part on its own, locked down by its own content security policy', async () => {
    const { order, caught } = await caughtConfirmation('box.html@example.com', 'en');
    const browser = await staffBrowser();
    const html = await browser.get(`/admin/mailbox/${caught.id}/html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.html).toContain('<!doctype html>');
    expect(html.html).toContain(order.number);
    const policy = html.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).toMatch(/(^|; )sandbox($|;)/);
    // Every other page keeps the shop's own policy.
    const page = await browser.get(`/admin/mailbox/${caught.id}`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers 404 for an unknown mail and keeps other roles out', async () => {
    const browser = await staffBrowser();
    for (const path of [
      '/admin/mailbox/00000000-0000-4000-8000-000000000000',
      '/admin/mailbox/00000000-0000-4000-8000-000000000000/html',
      '/admin/mailbox/00000000-0000-4000-8000-000000000000/raw',
      '/admin/mailbox/nonsense',
    ])
      expect((await browser.get(path)).status, path).toBe(404);
    const visitor = formClient(app);
    expect((await visitor.get('/admin/mailbox')).location).toBe('/admin/sign-in');
    for (const role of ['support', 'fulfilment', 'catalog'] as const)
      expect((await (await staffBrowser(role)).get('/admin/mailbox')).status, role).toBe(403);
  });
});
