import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.tsx';
import type { Database } from '../../db/client.ts';
import { createTestDatabase, describeEachDatabase } from '../../testing/databases.ts';
import { testClock } from '../../testing/factories.ts';
import { formClient, testAppDeps } from '../../testing/http-client.ts';
import { createPaypalClient, type PaypalClient } from './paypal-client.ts';
import { type PaypalServer, startPaypalServer } from './paypal-server.ts';
import {
  createSandboxPaypal,
  SANDBOX_PAYPAL_PATH,
  SANDBOX_PENDING_CLEARS_AFTER_MS,
  type SandboxBuyerChoice,
  settleSandboxPaypalCapture,
} from './sandbox-paypal.ts';
import { paypalClientContract } from './sandbox-paypal-contract.ts';
import { sandboxPaypalRoutes } from './sandbox-paypal-routes.tsx';
import { sandboxPaypalOrders, sandboxPaypalRefunds } from './sandbox-tables.ts';

describe('the PayPal client contract, against the simulated PayPal API', () => {
  let paypal: PaypalServer;
  let client: PaypalClient;
  beforeAll(async () => {
    paypal = await startPaypalServer();
    client = createPaypalClient({
      clientId: paypal.clientId,
      clientSecret: paypal.clientSecret,
      baseUrl: paypal.url,
    });
  });
  afterAll(() => paypal.close());

  paypalClientContract(() => ({
    client,
    returnUrl: 'https://shop.example/checkout/paypal/return',
    cancelUrl: 'https://shop.example/checkout/paypal/cancel',
    async buyer(approveUrl, choice) {
      // The simulator's approve link approves at once; what the funding source does is set aside.
      if (choice === 'decline') paypal.nextCapture({ outcome: 'INSTRUMENT_DECLINED' });
      if (choice === 'pending') paypal.nextCapture({ outcome: 'PENDING' });
      const response = await fetch(approveUrl, { redirect: 'manual' });
      expect(response.status).toBe(302);
      return response.headers.get('location') ?? '';
    },
  }));
});

const SHOP = 'http://localhost';
const RETURN_URL = `${SHOP}/checkout/paypal/return`;
const CANCEL_URL = `${SHOP}/checkout/paypal/cancel`;

describeEachDatabase('the sandbox PayPal', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let client: PaypalClient;
  const clock = testClock();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = createApp(testAppDeps(database.db, { clock, publicUrl: SHOP }));
    // As the lead will mount it in app.tsx: after the session and CSRF middleware.
    app.route('/', sandboxPaypalRoutes);
    client = createSandboxPaypal({ db: database.db, clock, publicUrl: SHOP });
  });
  afterAll(() => database.close());

  /** A buyer in a browser: opens the approval page, presses one of its buttons. */
  async function answer(approveUrl: string, outcome: SandboxBuyerChoice | 'cancel') {
    const browser = formClient(app);
    const page = await browser.get(approveUrl);
    expect(page.status).toBe(200);
    const token = new URL(approveUrl).searchParams.get('token') ?? '';
    const sent = await browser.post(SANDBOX_PAYPAL_PATH, { token, outcome });
    expect(sent.status).toBe(303);
    return sent.location ?? '';
  }

  paypalClientContract(() => ({
    client,
    returnUrl: RETURN_URL,
    cancelUrl: CANCEL_URL,
    buyer: answer,
  }));

  async function newOrder(amountJpy = 4800) {
    const created = await client.createOrder({
      amountJpy,
      reference: 'TP-261126-SBX001',
      returnUrl: RETURN_URL,
      cancelUrl: CANCEL_URL,
      requestId: randomUUID(),
    });
    if (!created.ok) throw new Error(created.message);
    return created;
  }

  async function paidCapture(amountJpy = 5000) {
    const order = await newOrder(amountJpy);
    await answer(order.approveUrl, 'approve');
    const captured = await client.captureOrder(order.id, randomUUID());
    if (!captured.ok) throw new Error(captured.message);
    return captured.capture;
  }

  it('links the buyer to its approval page on the shop, labelled as a sandbox in both languages', async () => {
    const order = await newOrder(4800);
    expect(order.approveUrl).toBe(`${SHOP}${SANDBOX_PAYPAL_PATH}?token=${order.id}`);
    const page = await formClient(app).get(order.approveUrl);
    expect(page.status).toBe(200);
    expect(page.html).toContain('PayPal sandbox — no real money');
    expect(page.html).toContain('PayPal サンドボックス — 実際のお金は動きません');
    expect(page.html).toContain('¥4,800');
    expect(page.html).toContain('Pay Tenpo with PayPal');
    expect(page.html).toContain('TP-261126-SBX001');
    for (const outcome of ['approve', 'decline', 'pending', 'cancel']) {
      expect(page.html).toContain(`name="outcome" value="${outcome}"`);
    }
  });

  it('shows the page in Japanese to a Japanese browser', async () => {
    const order = await newOrder(4800);
    const res = await app.request(order.approveUrl, { headers: { 'accept-language': 'ja' } });
    const html = await res.text();
    expect(html).toContain('PayPalでTenpoへのお支払い');
    expect(html).toContain('4,800円');
    expect(html).toContain('PayPal sandbox — no real money');
  });

  it('sends a buyer who cancels to the cancel URL and leaves the order unpaid', async () => {
    const order = await newOrder();
    const back = await answer(order.approveUrl, 'cancel');
    expect(back).toBe(`${CANCEL_URL}?token=${order.id}`);
    expect(await client.getOrder(order.id)).toMatchObject({
      ok: true,
      order: { status: 'PAYER_ACTION_REQUIRED' },
    });
    expect(await client.captureOrder(order.id, randomUUID())).toMatchObject({
      ok: false,
      issue: 'ORDER_NOT_APPROVED',
    });
  });

  it('refuses a return or cancel URL outside the shop, so its page never sends a buyer away', async () => {
    const base = {
      amountJpy: 1000,
      reference: 'TP-261126-SBX002',
      returnUrl: RETURN_URL,
      cancelUrl: CANCEL_URL,
    };
    const requestId = randomUUID();
    const foreignReturn = await client.createOrder({
      ...base,
      returnUrl: 'https://evil.example/checkout/paypal/return',
      requestId,
    });
    expect(foreignReturn).toMatchObject({
      ok: false,
      kind: 'invalid',
      issue: 'INVALID_PARAMETER_VALUE',
    });
    const foreignCancel = await client.createOrder({
      ...base,
      cancelUrl: 'http://localhost.evil.example/cancel',
      requestId: randomUUID(),
    });
    expect(foreignCancel).toMatchObject({ ok: false, issue: 'INVALID_PARAMETER_VALUE' });
    const rows = await database.db
      .select()
      .from(sandboxPaypalOrders)
      .where(eq(sandboxPaypalOrders.createRequestId, requestId));
    expect(rows).toEqual([]);
  });

  it('refuses an answer without the CSRF token and one for an order it does not know', async () => {
    const order = await newOrder();
    const browser = formClient(app);
    await browser.get(order.approveUrl);
    const forged = await browser.post(SANDBOX_PAYPAL_PATH, {
      _csrf: '',
      token: order.id,
      outcome: 'approve',
    });
    expect(forged.status).toBe(403);
    expect(await client.getOrder(order.id)).toMatchObject({
      order: { status: 'PAYER_ACTION_REQUIRED' },
    });
    const unknown = await browser.post(SANDBOX_PAYPAL_PATH, {
      token: 'NOSUCHID000000000',
      outcome: 'approve',
    });
    expect(unknown.status).toBe(404);
    expect((await browser.get(`${SANDBOX_PAYPAL_PATH}?token=NOSUCHID000000000`)).status).toBe(404);
  });

  it('keeps the first answer when the buyer presses a second button', async () => {
    const order = await newOrder();
    const browser = formClient(app);
    await browser.get(order.approveUrl);
    await browser.post(SANDBOX_PAYPAL_PATH, { token: order.id, outcome: 'approve' });
    const second = await browser.post(SANDBOX_PAYPAL_PATH, { token: order.id, outcome: 'pending' });
    expect(second.status).toBe(303);
    expect(new URL(second.location ?? '').searchParams.get('token')).toBe(order.id);
    expect(await client.captureOrder(order.id, randomUUID())).toMatchObject({
      ok: true,
      state: 'paid',
    });
    const page = await browser.get(order.approveUrl);
    expect(page.html).not.toContain('name="outcome"');
    expect(page.html).toContain(`${RETURN_URL}?token=${order.id}`);
  });

  it('takes the money once when two web processes capture one order at the same moment', async () => {
    const order = await newOrder(7000);
    await answer(order.approveUrl, 'approve');
    // Two clients over one database, as two web processes would have.
    const other = createSandboxPaypal({ db: database.db, clock, publicUrl: SHOP });
    const [a, b] = await Promise.all([
      client.captureOrder(order.id, randomUUID()),
      other.captureOrder(order.id, randomUUID()),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(a.ok && a.capture.id).toBe(b.ok && b.capture.id);
    expect([a, b].filter((r) => r.ok && r.alreadyCaptured)).toHaveLength(1);
  });

  it('refunds once when one refund request arrives twice at once, and never beyond the capture', async () => {
    const capture = await paidCapture(5000);
    const retried = { amountJpy: 1000, requestId: randomUUID() };
    const twice = await Promise.all([
      client.refundCapture(capture.id, retried),
      client.refundCapture(capture.id, retried),
    ]);
    expect(twice[0].ok && twice[0].refundId).toBe(twice[1].ok && twice[1].refundId);

    // 4000 yen are left: of three refunds of 1500 at once, two go through.
    const racing = await Promise.all(
      [1, 2, 3].map(() =>
        client.refundCapture(capture.id, { amountJpy: 1500, requestId: randomUUID() }),
      ),
    );
    expect(racing.filter((r) => r.ok)).toHaveLength(2);
    expect(racing.filter((r) => !r.ok)).toMatchObject([{ issue: 'REFUND_AMOUNT_EXCEEDED' }]);
    const [ledger] = await database.db
      .select({
        refunded: sandboxPaypalOrders.refundedJpy,
        rows: sql<number>`(select count(*)::int from ${sandboxPaypalRefunds} where ${sandboxPaypalRefunds.captureId} = ${capture.id})`,
      })
      .from(sandboxPaypalOrders)
      .where(eq(sandboxPaypalOrders.captureId, capture.id));
    expect(ledger).toEqual({ refunded: 4000, rows: 3 });
  });

  it('clears a pending capture once its review time is over', async () => {
    const order = await newOrder(2200);
    await answer(order.approveUrl, 'pending');
    const captured = await client.captureOrder(order.id, randomUUID());
    const captureId = captured.ok ? captured.capture.id : '';
    expect(await client.getCapture(captureId)).toMatchObject({ capture: { state: 'pending' } });
    clock.advance(SANDBOX_PENDING_CLEARS_AFTER_MS);
    expect(await client.getCapture(captureId)).toMatchObject({
      ok: true,
      capture: { state: 'paid', status: 'COMPLETED' },
    });
    expect(
      await client.refundCapture(captureId, { amountJpy: 2200, requestId: randomUUID() }),
    ).toMatchObject({ ok: true });
  });

  it('can decline a pending capture, which the capture answer then says', async () => {
    const order = await newOrder(2200);
    await answer(order.approveUrl, 'pending');
    const requestId = randomUUID();
    const captured = await client.captureOrder(order.id, requestId);
    const captureId = captured.ok ? captured.capture.id : '';
    expect(await settleSandboxPaypalCapture(database.db, clock, captureId, 'DECLINED')).toBe(true);
    expect(await client.getCapture(captureId)).toMatchObject({ capture: { state: 'declined' } });
    expect(await client.captureOrder(order.id, requestId)).toMatchObject({
      ok: false,
      kind: 'declined',
      issue: 'DECLINED',
      captureId,
    });
  });

  it('sends no webhooks, so it never verifies one', async () => {
    expect(await client.verifyWebhookSignature({}, '{}', 'WH1')).toEqual({
      ok: true,
      verified: false,
    });
    expect(await client.accessToken()).toMatchObject({ ok: true });
  });
});
