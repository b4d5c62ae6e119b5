import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import {
  createPaypalClient,
  type PaypalClient,
  type PaypalClientOptions,
  paypalClientFromEnv,
} from './paypal-client.ts';
import { type PaypalServer, startPaypalServer } from './paypal-server.ts';

let paypal: PaypalServer;
let client: PaypalClient;
/** Every request the client made: method, path and PayPal-Request-Id. */
let sent: { method: string; path: string; requestId: string | null }[];

function clientFor(options: Partial<PaypalClientOptions> = {}): PaypalClient {
  return createPaypalClient({
    clientId: paypal.clientId,
    clientSecret: paypal.clientSecret,
    baseUrl: paypal.url,
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      sent.push({
        method: init?.method ?? 'GET',
        path: new URL(String(input)).pathname,
        requestId: headers.get('PayPal-Request-Id'),
      });
      return fetch(input, init);
    },
    ...options,
  });
}

async function newOrder(amountJpy = 4800, c = client) {
  const created = await c.createOrder({
    amountJpy,
    reference: 'TP-261126-7KQ4M9',
    returnUrl: 'https://shop.example/checkout/paypal/return',
    cancelUrl: 'https://shop.example/checkout/paypal/cancel',
    requestId: randomUUID(),
  });
  if (!created.ok) throw new Error(`createOrder failed: ${created.issue}`);
  return created;
}

async function approvedOrder(amountJpy = 4800) {
  const order = await newOrder(amountJpy);
  paypal.approve(order.id);
  return order;
}

async function paidCapture(amountJpy = 4800) {
  const order = await approvedOrder(amountJpy);
  const captured = await client.captureOrder(order.id, randomUUID());
  if (!captured.ok) throw new Error(`capture failed: ${captured.issue}`);
  return captured.capture;
}

beforeAll(async () => {
  paypal = await startPaypalServer();
});

afterAll(async () => {
  await paypal.close();
});

beforeEach(() => {
  sent = [];
  client = clientFor();
});

describe('PayPal client: orders and captures', () => {
  it('creates a JPY order, the buyer approves, the capture COMPLETED means paid', async () => {
    const order = await newOrder(4800);
    expect(order.status).toBe('PAYER_ACTION_REQUIRED');
    expect(order.approveUrl).toBe(`${paypal.url}/checkoutnow?token=${order.id}`);

    paypal.approve(order.id);
    const captured = await client.captureOrder(order.id, randomUUID());
    expect(captured).toMatchObject({
      ok: true,
      state: 'paid',
      orderId: order.id,
      alreadyCaptured: false,
      capture: { state: 'paid', status: 'COMPLETED', amountJpy: 4800 },
    });

    const read = await client.getOrder(order.id);
    expect(read).toMatchObject({
      ok: true,
      order: { status: 'COMPLETED', amountJpy: 4800, customId: 'TP-261126-7KQ4M9' },
    });
    // One token for all calls, and a PayPal-Request-Id on every write but the token request.
    expect(sent.filter((r) => r.path === '/v1/oauth2/token')).toHaveLength(1);
    const writes = sent.filter((r) => r.method === 'POST' && r.path !== '/v1/oauth2/token');
    expect(writes.length).toBe(2);
    for (const write of writes) expect(write.requestId).toBeTruthy();
  });

  it('the approve link approves as the buyer and returns to the shop with the token', async () => {
    const order = await newOrder();
    const response = await fetch(order.approveUrl, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location')!);
    expect(back.pathname).toBe('/checkout/paypal/return');
    expect(back.searchParams.get('token')).toBe(order.id);
    expect((await client.captureOrder(order.id, randomUUID())).ok).toBe(true);
  });

  it('refuses to capture an order the buyer has not approved', async () => {
    const order = await newOrder();
    const captured = await client.captureOrder(order.id, randomUUID());
    expect(captured).toMatchObject({
      ok: false,
      kind: 'invalid',
      issue: 'ORDER_NOT_APPROVED',
      httpStatus: 422,
      orderId: order.id,
    });
    expect(captured.ok === false && captured.debugId).toBeTruthy();
    expect(paypal.captureOf(order.id)).toBeUndefined();
  });

  it('INSTRUMENT_DECLINED sends the buyer back to choose another funding source', async () => {
    const order = await approvedOrder();
    paypal.nextCapture({ outcome: 'INSTRUMENT_DECLINED' });
    const declined = await client.captureOrder(order.id, randomUUID());
    expect(declined).toMatchObject({
      ok: false,
      kind: 'instrument_declined',
      issue: 'INSTRUMENT_DECLINED',
      approveUrl: order.approveUrl,
    });
    expect(paypal.captureOf(order.id)).toBeUndefined();

    paypal.approve(order.id);
    const retried = await client.captureOrder(order.id, randomUUID());
    expect(retried).toMatchObject({ ok: true, state: 'paid' });
  });

  it('a PENDING capture is pending, not paid, until PayPal clears it', async () => {
    const order = await approvedOrder(3000);
    paypal.nextCapture({ outcome: 'PENDING' });
    const captured = await client.captureOrder(order.id, randomUUID());
    expect(captured).toMatchObject({
      ok: true,
      state: 'pending',
      capture: { status: 'PENDING', pendingReason: 'PENDING_REVIEW' },
    });
    if (!captured.ok) return;
    // The order says COMPLETED all the same: only the capture tells.
    expect(await client.getOrder(order.id)).toMatchObject({
      ok: true,
      order: { status: 'COMPLETED', capture: { state: 'pending' } },
    });
    const refund = await client.refundCapture(captured.capture.id, {
      amountJpy: 100,
      requestId: randomUUID(),
    });
    expect(refund).toMatchObject({ ok: false, kind: 'invalid', issue: 'PENDING_CAPTURE' });

    paypal.completeCapture(captured.capture.id);
    expect(await client.getCapture(captured.capture.id)).toMatchObject({
      ok: true,
      capture: { state: 'paid', status: 'COMPLETED', amountJpy: 3000 },
    });
  });

  it('a DECLINED capture is declined although the order is COMPLETED', async () => {
    const order = await approvedOrder();
    paypal.nextCapture({ outcome: 'DECLINED' });
    const captured = await client.captureOrder(order.id, randomUUID());
    expect(captured).toMatchObject({ ok: false, kind: 'declined', issue: 'DECLINED' });
    const read = await client.getOrder(order.id);
    expect(read).toMatchObject({ ok: true, order: { status: 'COMPLETED' } });
    expect(read.ok && read.order.capture?.state).toBe('declined');
  });

  it('the same request id captures once, even when sent twice at the same time', async () => {
    const order = await approvedOrder();
    const before = paypal.counts.captures;
    const requestId = randomUUID();
    const [a, b] = await Promise.all([
      client.captureOrder(order.id, requestId),
      client.captureOrder(order.id, requestId),
    ]);
    const c = await client.captureOrder(order.id, requestId);
    expect(a).toMatchObject({ ok: true, state: 'paid', alreadyCaptured: false });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(paypal.counts.captures).toBe(before + 1);
  });

  it('ORDER_ALREADY_CAPTURED (another request id) answers with the existing capture', async () => {
    const order = await approvedOrder();
    const first = await client.captureOrder(order.id, randomUUID());
    const second = await client.captureOrder(order.id, randomUUID());
    expect(second).toMatchObject({ ok: true, state: 'paid', alreadyCaptured: true });
    expect(first.ok && second.ok && second.capture.id === first.capture.id).toBe(true);
  });

  it('an unknown order is not_found with PayPal’s issue', async () => {
    expect(await client.getOrder('0NOSUCHORDER00000')).toMatchObject({
      ok: false,
      kind: 'not_found',
      issue: 'INVALID_RESOURCE_ID',
      httpStatus: 404,
    });
  });

  it('refuses bad input before calling PayPal', async () => {
    const created = await client.createOrder({
      amountJpy: 12.5,
      reference: 'TP-1',
      returnUrl: 'https://shop.example/r',
      cancelUrl: 'https://shop.example/c',
      requestId: randomUUID(),
    });
    expect(created).toMatchObject({ ok: false, kind: 'invalid', issue: 'INVALID_INPUT' });
    expect(await client.getOrder('../../v1/oauth2/token')).toMatchObject({ kind: 'invalid' });
    expect(sent).toHaveLength(0);
  });
});

describe('PayPal client: refunds', () => {
  it('takes several partial refunds, each once per request id', async () => {
    const capture = await paidCapture(3000);
    const firstId = randomUUID();
    const first = await client.refundCapture(capture.id, { amountJpy: 1000, requestId: firstId });
    const second = await client.refundCapture(capture.id, {
      amountJpy: 500,
      requestId: randomUUID(),
    });
    const again = await client.refundCapture(capture.id, { amountJpy: 1000, requestId: firstId });
    expect(first).toMatchObject({ ok: true, status: 'COMPLETED', amountJpy: 1000 });
    expect(second).toMatchObject({ ok: true, status: 'COMPLETED', amountJpy: 500 });
    expect(again).toEqual(first);
    expect(first.ok && second.ok && first.refundId !== second.refundId).toBe(true);

    expect(await client.getCapture(capture.id)).toMatchObject({
      ok: true,
      capture: { status: 'PARTIALLY_REFUNDED', state: 'paid', amountJpy: 3000 },
    });
    expect(sent.filter((r) => r.path.endsWith('/refund')).every((r) => r.requestId)).toBe(true);
  });

  it('refuses a refund beyond what is left of the capture', async () => {
    const capture = await paidCapture(2000);
    expect(
      await client.refundCapture(capture.id, { amountJpy: 1500, requestId: randomUUID() }),
    ).toMatchObject({ ok: true });
    const over = await client.refundCapture(capture.id, {
      amountJpy: 501,
      requestId: randomUUID(),
    });
    expect(over).toMatchObject({
      ok: false,
      kind: 'invalid',
      issue: 'REFUND_AMOUNT_EXCEEDED',
      httpStatus: 422,
      captureId: capture.id,
    });
    expect(
      await client.refundCapture(capture.id, { amountJpy: 500, requestId: randomUUID() }),
    ).toMatchObject({ ok: true });
    expect(
      await client.refundCapture(capture.id, { amountJpy: 1, requestId: randomUUID() }),
    ).toMatchObject({ ok: false, issue: 'CAPTURE_FULLY_REFUNDED' });
    expect((await client.getCapture(capture.id)).ok).toBe(true);
  });
});

describe('PayPal client: tokens', () => {
  it('keeps its token until shortly before it expires, then fetches another', async () => {
    const clock = fixedClock(new Date());
    const timed = clientFor({ clock });
    const first = await timed.accessToken();
    clock.advance(32_400_000 - 120_000);
    const cached = await timed.accessToken();
    clock.advance(90_000);
    const renewed = await timed.accessToken();
    expect(first.ok && cached.ok && cached.token === first.token).toBe(true);
    expect(first.ok && renewed.ok && renewed.token !== first.token).toBe(true);
    expect(sent.filter((r) => r.path === '/v1/oauth2/token')).toHaveLength(2);
  });

  it('fetches a new token once when PayPal says the cached one is gone', async () => {
    await newOrder();
    paypal.expireTokens();
    const order = await newOrder();
    expect(order.id).toBeTruthy();
    expect(sent.filter((r) => r.path === '/v1/oauth2/token')).toHaveLength(2);
  });

  it('wrong credentials are unauthorized, with PayPal’s OAuth error', async () => {
    const wrong = clientFor({ clientSecret: 'not-the-secret' });
    expect(await wrong.getOrder('5O190127TN364715T')).toMatchObject({
      ok: false,
      kind: 'unauthorized',
      issue: 'invalid_client',
      httpStatus: 401,
    });
  });
});

describe('PayPal client: outages', () => {
  it('a 500 is unavailable, and the retry with the same request id captures once', async () => {
    const order = await approvedOrder();
    const before = paypal.counts.captures;
    const requestId = randomUUID();
    paypal.nextCapture({ outcome: 'INTERNAL_SERVER_ERROR' });
    const failed = await client.captureOrder(order.id, requestId);
    expect(failed).toMatchObject({
      ok: false,
      kind: 'unavailable',
      issue: 'INTERNAL_SERVER_ERROR',
      httpStatus: 500,
    });
    expect(failed.ok === false && failed.debugId).toBeTruthy();
    expect(await client.captureOrder(order.id, requestId)).toMatchObject({ ok: true });
    expect(paypal.counts.captures).toBe(before + 1);
  });

  it('a timeout is unavailable; PayPal captured meanwhile, so the retry answers paid', async () => {
    const impatient = clientFor({ timeoutMs: 200 });
    const order = await approvedOrder();
    const before = paypal.counts.captures;
    const requestId = randomUUID();
    paypal.nextCapture({ delayMs: 1_000 });
    const slow = await impatient.captureOrder(order.id, requestId);
    expect(slow).toMatchObject({ ok: false, kind: 'unavailable', issue: 'TIMEOUT' });
    const retried = await impatient.captureOrder(order.id, requestId);
    expect(retried).toMatchObject({ ok: true, state: 'paid', alreadyCaptured: false });
    expect(paypal.counts.captures).toBe(before + 1);
  });

  it('an unreachable PayPal is unavailable, not a throw', async () => {
    const nowhere = clientFor({ baseUrl: 'http://127.0.0.1:9' });
    expect(await nowhere.getOrder('5O190127TN364715T')).toMatchObject({
      ok: false,
      kind: 'unavailable',
      issue: 'NETWORK_ERROR',
    });
  });

  it('a 2xx in an unknown shape is unavailable, never paid', async () => {
    const odd = clientFor({
      fetch: async (input, init) =>
        String(input).endsWith('/capture')
          ? new Response(JSON.stringify({ id: 'X', status: 'COMPLETED', purchase_units: 'no' }), {
              status: 201,
            })
          : fetch(input, init),
    });
    expect(await odd.captureOrder('5O190127TN364715T', randomUUID())).toMatchObject({
      ok: false,
      kind: 'unavailable',
      issue: 'UNEXPECTED_RESPONSE',
    });
  });
});

describe('PayPal client: webhook signatures', () => {
  const event = JSON.stringify({
    id: 'WH-2WR32451HC0233532-67976317FL4543714',
    event_type: 'PAYMENT.CAPTURE.COMPLETED',
    resource_type: 'capture',
    resource: { id: '42311647XV020574X', status: 'COMPLETED' },
  });

  it('answers SUCCESS for a genuine event and FAILURE for a changed one', async () => {
    const headers = paypal.signWebhook(event);
    expect(await client.verifyWebhookSignature(headers, event, paypal.webhookId)).toEqual({
      ok: true,
      verified: true,
    });
    expect(
      await client.verifyWebhookSignature(new Headers(headers), event, paypal.webhookId),
    ).toEqual({ ok: true, verified: true });
    const changed = event.replace('COMPLETED', 'REFUNDED');
    expect(await client.verifyWebhookSignature(headers, changed, paypal.webhookId)).toEqual({
      ok: true,
      verified: false,
    });
    expect(await client.verifyWebhookSignature(headers, event, 'WHSOMEONEELSE')).toEqual({
      ok: true,
      verified: false,
    });
  });

  it('does not ask PayPal about a delivery without its headers or JSON body', async () => {
    const headers = paypal.signWebhook(event);
    const { 'paypal-transmission-sig': _, ...unsigned } = headers;
    expect(await client.verifyWebhookSignature(unsigned, event, paypal.webhookId)).toEqual({
      ok: true,
      verified: false,
    });
    expect(await client.verifyWebhookSignature(headers, 'not json', paypal.webhookId)).toEqual({
      ok: true,
      verified: false,
    });
    expect(sent).toHaveLength(0);
  });
});

describe('PayPal client from settings', () => {
  it('is off without credentials and talks to sandbox or live PayPal by PAYPAL_ENV', async () => {
    const off = { PAYPAL_CLIENT_ID: undefined, PAYPAL_CLIENT_SECRET: undefined };
    expect(paypalClientFromEnv({ ...off, PAYPAL_ENV: 'sandbox' })).toBeUndefined();
    const hosts: string[] = [];
    const offline = async (input: string | URL | Request) => {
      hosts.push(new URL(String(input)).host);
      throw new TypeError('fetch failed');
    };
    for (const PAYPAL_ENV of ['sandbox', 'live'] as const) {
      const env = { PAYPAL_CLIENT_ID: 'id', PAYPAL_CLIENT_SECRET: 'secret', PAYPAL_ENV };
      const paypalFromEnv = paypalClientFromEnv(env, { fetch: offline });
      expect(await paypalFromEnv?.accessToken()).toMatchObject({ ok: false, kind: 'unavailable' });
    }
    expect(hosts).toEqual(['api-m.sandbox.paypal.com', 'api-m.paypal.com']);
  });
});
