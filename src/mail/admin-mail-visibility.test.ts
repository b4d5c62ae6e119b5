import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { caughtMails, type OutboxMessage, outboxMessages } from '../mail/tables.ts';
import { orderAccessToken } from '../orders/order-access.ts';
import { type StaffRole, staffRoles } from '../staff/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeOrder, makeProduct, testClock } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';

/** What each role gets of a mail (docs/decisions/0014); `null` means the page answers 403. */
const matrix: Record<
  StaffRole,
  { log: boolean; subject: boolean; body: boolean; source: boolean; mailbox: boolean } | null
> = {
  admin: { log: true, subject: true, body: true, source: true, mailbox: true },
  support: { log: true, subject: true, body: true, source: false, mailbox: false },
  fulfilment: { log: true, subject: false, body: false, source: false, mailbox: false },
  catalog: null,
};

const messageLinks = (html: string) => [
  ...new Set([...html.matchAll(/href="(\/admin\/mail\/[0-9a-f-]{36})"/g)].map((m) => m[1]!)),
];

describeEachDatabase('what each staff role sees of a mail', (kind) => {
  const clock = testClock();
  const { database, deps, app, appDeps, mailer, signedInStaff } = useTestWorld(kind, {
    clock,
    mailer: true,
  });
  /** The victim's password reset, its code and link token, and a guest's order confirmation. */
  let reset: OutboxMessage;
  let code: string;
  let token: string;
  let victimEmail: string;
  let confirmation: OutboxMessage;
  let orderNumber: string;
  let key: string;
  let resetCaughtId: string;

  beforeAll(async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], { email: 'guest@example.com' });
    orderNumber = order.number;
    key = orderAccessToken(appDeps.secret, order);

    // The attack: anyone asks for a reset of the victim's password, through the real form.
    const victim = await makeMember(database.db);
    victimEmail = victim.email;
    const visitor = formClient(app);
    await visitor.get('/account/password/forgot');
    expect((await visitor.post('/account/password/forgot', { login: victim.email })).status).toBe(
      200,
    );
    await deliverDueMail(mailer.deps);

    const rows = await database.db.select().from(outboxMessages);
    reset = rows.find((m) => m.topic === 'password_reset')!;
    confirmation = rows.find((m) => m.topic === 'order_placed')!;
    expect(reset.state).toBe('sent');
    expect(confirmation.state).toBe('sent');
    code = String(reset.payload.code);
    token = String(reset.payload.token);
    expect(code).toMatch(/^\d{6}$/);
    // The secrets really are in what was sent, so their absence below means something.
    expect(reset.rawSource).toContain(code);
    expect(confirmation.rawSource!.replace(/=\r?\n/g, '')).toContain(key);
    const [caught] = await database.db
      .select()
      .from(caughtMails)
      .where(eq(caughtMails.messageId, `<${reset.id}@tenpo.example>`));
    resetCaughtId = caught!.id;
  });
  const signedIn = async (role: StaffRole) => (await signedInStaff(role)).browser;

  const secrets = () => [code, token, encodeURIComponent(token), key];
  const showsNoSecret = (html: string, where: string) => {
    for (const secret of secrets()) expect(html, `${where} shows a secret`).not.toContain(secret);
  };

  for (const role of staffRoles) {
    const can = matrix[role];
    const gets = can
      ? Object.entries(can)
          .filter(([, yes]) => yes)
          .map(([part]) => part)
          .join(', ')
      : 'no mail at all';
    it(`${role} gets ${gets}, and never a code, token or signed link`, async () => {
      const browser = await signedIn(role);
      const log = await browser.get('/admin/mail');
      expect(log.status).toBe(can ? 200 : 403);
      showsNoSecret(log.html, 'the log');

      // An order mail: subject and text by role, the guest link's key never.
      const detail = await browser.get(`/admin/mail/${confirmation.id}`);
      expect(detail.status).toBe(can ? 200 : 403);
      showsNoSecret(detail.html, 'the order mail');
      if (can) {
        expect(detail.html).toContain('data-event="sent"');
        expect(detail.html).toContain(`data-recipient="${confirmation.recipient}"`);
        expect(detail.html.includes(`Thank you for your order ${orderNumber}`)).toBe(can.subject);
        expect(detail.html.includes('data-part="text"')).toBe(can.body);
        expect(detail.html.includes('aria-label="Raw source"')).toBe(can.source);
        if (can.body) expect(detail.html).toContain('?key=[hidden]');
      }
      const raw = await browser.get(`/admin/mail/${confirmation.id}/raw`);
      expect(raw.status).toBe(can?.source ? 200 : 403);
      showsNoSecret(raw.html, 'the order mail source');
      if (can?.source) expect(raw.html).toContain(`X-Tenpo-Message-ID: ${confirmation.id}`);

      // The password reset: that it went out and what the server said, nothing of its content.
      const resetPage = await browser.get(`/admin/mail/${reset.id}`);
      expect(resetPage.status).toBe(can ? 200 : 403);
      showsNoSecret(resetPage.html, 'the reset mail');
      if (can) {
        expect(resetPage.html).toContain('data-event="sent"');
        expect(resetPage.html.includes('Set a new Tenpo password')).toBe(can.subject);
        expect(resetPage.html.includes('data-withheld="text"')).toBe(can.body);
        expect(resetPage.html).not.toContain('data-part="text"');
        expect(resetPage.html).not.toContain('aria-label="Raw source"');
      }
      const resetRaw = await browser.get(`/admin/mail/${reset.id}/raw`);
      expect(resetRaw.status).toBe(403);
      showsNoSecret(resetRaw.html, 'the reset mail source');

      // The order page embeds the order's mail log for whoever may see the log.
      const orderPage = await browser.get(`/admin/orders/${orderNumber}`);
      if (can) expect(orderPage.html.includes('Mail about this order')).toBe(can.log);
      showsNoSecret(orderPage.html, 'the order page');

      // The development mailbox is the customers' inbox stand-in: admins only.
      const mailbox = await browser.get('/admin/mailbox');
      expect(mailbox.status).toBe(can?.mailbox ? 200 : 403);
      const caught = await browser.get(`/admin/mailbox/${resetCaughtId}`);
      expect(caught.status).toBe(can?.mailbox ? 200 : 403);
      if (!can?.mailbox) showsNoSecret(caught.html, 'the mailbox');
    });
  }

  it('fulfilment, asking for nothing, finds no reset code anywhere it can go after a reset for a victim', async () => {
    const browser = await signedIn('fulfilment');
    const pages = [
      '/admin/mail',
      `/admin/mail?recipient=${encodeURIComponent(victimEmail)}`,
      '/admin/mail?topic=password_reset',
      `/admin/orders/${orderNumber}`,
      '/admin/orders',
    ];
    const seen = new Set<string>();
    for (const path of pages) {
      const page = await browser.get(path);
      showsNoSecret(page.html, path);
      for (const link of messageLinks(page.html)) seen.add(link);
    }
    expect(seen).toContain(`/admin/mail/${reset.id}`);
    for (const link of seen) {
      for (const path of [link, `${link}/raw`]) {
        const page = await browser.get(path);
        showsNoSecret(page.html, path);
      }
    }
    // Nor can it get the mail sent to itself instead.
    const redirect = await browser.post(`/admin/mail/${reset.id}/resend`, {
      recipient: 'fulfilment.thief@example.com',
    });
    expect(redirect.status).toBe(403);
  });

  it('support and admin cannot send a one-time code elsewhere, and find it nowhere in the log', async () => {
    for (const role of ['support', 'admin'] as const) {
      const browser = await signedIn(role);
      const log = await browser.get(`/admin/mail?recipient=${encodeURIComponent(victimEmail)}`);
      for (const link of messageLinks(log.html))
        for (const path of [link, `${link}/raw`])
          showsNoSecret((await browser.get(path)).html, `${role} ${path}`);

      await browser.get(`/admin/mail/${reset.id}`);
      const elsewhere = await browser.post(`/admin/mail/${reset.id}/resend`, {
        recipient: `${role}.thief@example.com`,
      });
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.html).toContain('can only go to the address it was made for');
      showsNoSecret(elsewhere.html, `${role} resend`);
      const copies = await database.db
        .select()
        .from(outboxMessages)
        .where(
          and(
            eq(outboxMessages.resendOf, reset.id),
            eq(outboxMessages.recipient, `${role}.thief@example.com`),
          ),
        );
      expect(copies).toEqual([]);
    }
  });

  it('hides a code from the stored subject of a mail queued before subjects lost their codes', async () => {
    const id = await database.db.transaction((tx) =>
      enqueueMail(tx, {
        now: clock.now(),
        topic: 'member_lookup',
        recipient: victimEmail,
        locale: 'en',
        payload: { registered: true, code: '930114', minutes: 10 },
      }),
    );
    await database.db
      .update(outboxMessages)
      .set({ subject: 'Your Tenpo member ID check code: 930114' })
      .where(eq(outboxMessages.id, id));
    for (const role of ['admin', 'support'] as const) {
      const page = await (await signedIn(role)).get(`/admin/mail/${id}`);
      expect(page.html).toContain('Your Tenpo member ID check code: [hidden]');
      expect(page.html).not.toContain('930114');
    }
  });

  it('lets the admin read the reset mail in the development mailbox, as its recipient would', async () => {
    // The catcher stands in for the customers' inboxes when no SMTP_URL is set; see 0014.
    const page = await (await signedIn('admin')).get(`/admin/mailbox/${resetCaughtId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(code);
  });
});
