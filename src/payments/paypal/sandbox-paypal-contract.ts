import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { PaypalClient, PaypalFailure } from './paypal-client.ts';
import type { SandboxBuyerChoice } from './sandbox-paypal.ts';

/*
 * What every PaypalClient the shop may be given must do, whoever plays PayPal: the real client
 * against the simulated PayPal API (paypal-server.ts), and the in-shop sandbox PayPal. Checkout
 * is written against these answers, so both are held to the same shapes here.
 */

export interface PaypalContractWorld {
  client: PaypalClient;
  /** Where the shop asks PayPal to send the buyer back after approving, and after cancelling. */
  returnUrl: string;
  cancelUrl: string;
  /** The buyer opens the approve link and answers; resolves to the URL PayPal sends them back to. */
  buyer(approveUrl: string, choice: SandboxBuyerChoice): Promise<string>;
}

function expectFailure(result: { ok: boolean }, kind: PaypalFailure['kind'], issue: string) {
  expect(result).toMatchObject({ ok: false, kind, issue });
}

/** Declares the contract's tests; `world` is called inside each test, after the suite's set-up. */
export function paypalClientContract(world: () => PaypalContractWorld) {
  async function newOrder(amountJpy = 4800, extra: { invoiceId?: string } = {}) {
    const { client, returnUrl, cancelUrl } = world();
    const created = await client.createOrder({
      amountJpy,
      reference: 'TP-261126-7KQ4M9',
      returnUrl,
      cancelUrl,
      requestId: randomUUID(),
      ...extra,
    });
    if (!created.ok) throw new Error(`createOrder failed: ${created.issue} ${created.message}`);
    return created;
  }

  async function approvedOrder(
    amountJpy = 4800,
    choice: SandboxBuyerChoice = 'approve',
    extra: { invoiceId?: string } = {},
  ) {
    const order = await newOrder(amountJpy, extra);
    await world().buyer(order.approveUrl, choice);
    return order;
  }

  async function paidCapture(amountJpy = 4800) {
    const order = await approvedOrder(amountJpy);
    const captured = await world().client.captureOrder(order.id, randomUUID());
    if (!captured.ok) throw new Error(`capture failed: ${captured.issue}`);
    return captured.capture;
  }

  it('creates an order the buyer approves on the approve link, and its capture is paid', async () => {
    const { client, returnUrl } = world();
    const order = await newOrder(4800);
    expect(order.status).toBe('PAYER_ACTION_REQUIRED');
    const waiting = await client.getOrder(order.id);
    expect(waiting).toMatchObject({
      ok: true,
      order: { id: order.id, status: 'PAYER_ACTION_REQUIRED', amountJpy: 4800 },
    });
    expect(waiting.ok && waiting.order.approveUrl).toBe(order.approveUrl);
    expect(waiting.ok && waiting.order.customId).toBe('TP-261126-7KQ4M9');

    const back = new URL(await world().buyer(order.approveUrl, 'approve'));
    expect(`${back.origin}${back.pathname}`).toBe(returnUrl);
    expect(back.searchParams.get('token')).toBe(order.id);
    expect(back.searchParams.get('PayerID')).toBeTruthy();
    const approved = await client.getOrder(order.id);
    expect(approved).toMatchObject({ ok: true, order: { status: 'APPROVED' } });
    expect(approved.ok && approved.order.payerId).toBeTruthy();
    expect(approved.ok && approved.order.approveUrl).toBeUndefined();

    const captured = await client.captureOrder(order.id, randomUUID());
    expect(captured).toMatchObject({
      ok: true,
      state: 'paid',
      orderId: order.id,
      alreadyCaptured: false,
      capture: { state: 'paid', status: 'COMPLETED', amountJpy: 4800 },
    });
    const captureId = captured.ok ? captured.capture.id : '';
    expect(await client.getOrder(order.id)).toMatchObject({
      ok: true,
      order: { status: 'COMPLETED', capture: { id: captureId, state: 'paid' } },
    });
    expect(await client.getCapture(captureId)).toMatchObject({
      ok: true,
      capture: { id: captureId, state: 'paid', status: 'COMPLETED', amountJpy: 4800 },
    });
  });

  it('refuses to capture an order the buyer has not approved', async () => {
    const order = await newOrder();
    const captured = await world().client.captureOrder(order.id, randomUUID());
    expectFailure(captured, 'invalid', 'ORDER_NOT_APPROVED');
  });

  it('sends the buyer back to choose another funding source when theirs is declined, then is paid', async () => {
    const { client, returnUrl } = world();
    const order = await newOrder(3300);
    const back = new URL(await world().buyer(order.approveUrl, 'decline'));
    expect(`${back.origin}${back.pathname}`).toBe(returnUrl);

    const declined = await client.captureOrder(order.id, randomUUID());
    expectFailure(declined, 'instrument_declined', 'INSTRUMENT_DECLINED');
    const approveAgain = declined.ok ? '' : (declined.approveUrl ?? '');
    expect(approveAgain).toBe(order.approveUrl);
    expect(await client.getOrder(order.id)).toMatchObject({
      ok: true,
      order: { status: 'PAYER_ACTION_REQUIRED', approveUrl: order.approveUrl },
    });

    await world().buyer(approveAgain, 'approve');
    const paid = await client.captureOrder(order.id, randomUUID());
    expect(paid).toMatchObject({ ok: true, state: 'paid', capture: { amountJpy: 3300 } });
  });

  it('answers a capture waiting for review as pending, with its reason, and will not refund it yet', async () => {
    const { client } = world();
    const order = await approvedOrder(2500, 'pending');
    const captured = await client.captureOrder(order.id, randomUUID());
    expect(captured).toMatchObject({
      ok: true,
      state: 'pending',
      capture: { state: 'pending', status: 'PENDING', pendingReason: 'PENDING_REVIEW' },
    });
    const captureId = captured.ok ? captured.capture.id : '';
    expect(await client.getCapture(captureId)).toMatchObject({
      ok: true,
      capture: { state: 'pending' },
    });
    const refund = await client.refundCapture(captureId, {
      amountJpy: 100,
      requestId: randomUUID(),
    });
    expectFailure(refund, 'invalid', 'PENDING_CAPTURE');
  });

  it('captures once when the same request id comes twice, and reads that capture for another id', async () => {
    const { client } = world();
    const order = await approvedOrder(6000);
    const requestId = randomUUID();
    const first = await client.captureOrder(order.id, requestId);
    const again = await client.captureOrder(order.id, requestId);
    expect(first).toMatchObject({ ok: true, state: 'paid', alreadyCaptured: false });
    expect(again).toMatchObject({ ok: true, state: 'paid', alreadyCaptured: false });
    const captureId = first.ok ? first.capture.id : 'none';
    expect(again.ok && again.capture.id).toBe(captureId);

    const other = await client.captureOrder(order.id, randomUUID());
    expect(other).toMatchObject({ ok: true, alreadyCaptured: true, capture: { id: captureId } });
  });

  it('refunds in parts, once per request id, and never more than was captured', async () => {
    const { client } = world();
    const capture = await paidCapture(5000);
    const first = { amountJpy: 1200, requestId: randomUUID() };
    const r1 = await client.refundCapture(capture.id, first);
    expect(r1).toMatchObject({ ok: true, status: 'COMPLETED', amountJpy: 1200 });
    const r1again = await client.refundCapture(capture.id, first);
    expect(r1again.ok && r1again.refundId).toBe(r1.ok && r1.refundId);

    const r2 = await client.refundCapture(capture.id, { amountJpy: 1800, requestId: randomUUID() });
    expect(r2).toMatchObject({ ok: true, amountJpy: 1800 });
    expect(r2.ok && r2.refundId).not.toBe(r1.ok && r1.refundId);
    expect(await client.getCapture(capture.id)).toMatchObject({
      ok: true,
      capture: { state: 'paid', status: 'PARTIALLY_REFUNDED', amountJpy: 5000 },
    });

    // 2000 yen are left: one yen more is refused, the rest is refunded.
    const over = await client.refundCapture(capture.id, {
      amountJpy: 2001,
      requestId: randomUUID(),
    });
    expectFailure(over, 'invalid', 'REFUND_AMOUNT_EXCEEDED');
    expect(over.ok ? '' : over.captureId).toBe(capture.id);
    const rest = await client.refundCapture(capture.id, {
      amountJpy: 2000,
      requestId: randomUUID(),
    });
    expect(rest).toMatchObject({ ok: true, amountJpy: 2000 });
    expect(await client.getCapture(capture.id)).toMatchObject({
      ok: true,
      capture: { status: 'REFUNDED' },
    });
    const more = await client.refundCapture(capture.id, { amountJpy: 1, requestId: randomUUID() });
    expectFailure(more, 'invalid', 'CAPTURE_FULLY_REFUNDED');
    // A retry of the first refund still answers that refund, not a new one.
    const late = await client.refundCapture(capture.id, first);
    expect(late.ok && late.refundId).toBe(r1.ok && r1.refundId);
  });

  it('answers a repeated create request with the order it made the first time', async () => {
    const { client, returnUrl, cancelUrl } = world();
    const input = {
      amountJpy: 1500,
      reference: 'TP-261126-AAAA11',
      returnUrl,
      cancelUrl,
      requestId: randomUUID(),
    };
    const first = await client.createOrder(input);
    const again = await client.createOrder(input);
    expect(first.ok).toBe(true);
    expect(again.ok && again.id).toBe(first.ok && first.id);
  });

  it('refuses a second paid capture for one invoice id', async () => {
    const { client } = world();
    const invoiceId = `INV-${randomUUID()}`;
    const paid = await approvedOrder(1000, 'approve', { invoiceId });
    expect(await client.captureOrder(paid.id, randomUUID())).toMatchObject({ ok: true });
    const second = await approvedOrder(1000, 'approve', { invoiceId });
    expectFailure(
      await client.captureOrder(second.id, randomUUID()),
      'invalid',
      'DUPLICATE_INVOICE_ID',
    );
  });

  it('answers not_found for ids it does not know and invalid for ids that cannot be PayPal ids', async () => {
    const { client } = world();
    const unknown = 'NOSUCHID000000000';
    expectFailure(await client.getOrder(unknown), 'not_found', 'INVALID_RESOURCE_ID');
    expectFailure(await client.getCapture(unknown), 'not_found', 'INVALID_RESOURCE_ID');
    expectFailure(
      await client.captureOrder(unknown, randomUUID()),
      'not_found',
      'INVALID_RESOURCE_ID',
    );
    expectFailure(
      await client.refundCapture(unknown, { amountJpy: 100, requestId: randomUUID() }),
      'not_found',
      'INVALID_RESOURCE_ID',
    );
    expectFailure(await client.getOrder('../v1/oauth2'), 'invalid', 'INVALID_INPUT');
  });
}
