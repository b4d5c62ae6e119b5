import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { placeOrder } from '../checkout/place-order.ts';
import { randomToken } from '../lib/ids.ts';
import { markPreparing, shipOrder } from '../orders/advance-order.ts';
import { findOrderById } from '../orders/find-orders.ts';
import { guestOrderPath } from '../orders/order-access.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import {
  checkoutRequest,
  makeCart,
  makeMember,
  makeProduct,
  testClock,
} from '../testing/factories.ts';
import { visible } from '../testing/html.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';
import { captureAgedAuthorisations } from './payment-jobs.ts';
import { CAPTURE_AFTER_DAYS, FIX_PAYMENT_DAYS } from './payment-rules.ts';
import { SANDBOX_CHALLENGE_CODE, sandboxCards } from './sandbox-provider.ts';
import { sandboxPayments } from './tables.ts';

const DAY = 24 * 3600 * 1000;
const goodCard = {
  cardNumber: '4242 4242 4242 4242',
  cardHolder: 'TARO YAMADA',
  cardExpiry: '12/30',
  cardCvc: '123',
};

describeEachDatabase('paying again after a failed capture, over HTTP', (kind) => {
  const clock = testClock();
  const { database, deps, app } = useTestWorld(kind, { clock });

  /** An order whose card fails at capture, after the early-capture job has tried it. */
  async function failedOrder(memberId: string | null = null, email = 'buyer@example.com') {
    const product = await makeProduct(database.db);
    const owner = memberId ? { memberId } : { visitorId: randomToken() };
    const cartId = await makeCart(database.db, clock, [{ product, quantity: 1 }], owner);
    const placed = await placeOrder(deps, {
      cartId,
      buyer: { memberId, email, locale: 'en' },
      request: checkoutRequest({}, sandboxCards.captureFails),
      idempotencyKey: randomToken(16),
      returnUrl: (id) => `http://localhost/checkout/return/${id}`,
    });
    if (placed.kind !== 'placed') throw new Error(JSON.stringify(placed));
    clock.advance((CAPTURE_AFTER_DAYS + 1) * DAY);
    await captureAgedAuthorisations(deps);
    const detail = (await findOrderById(database.db, placed.order.id))!;
    expect(detail.order.paymentState).toBe('capture_failed');
    return detail.order;
  }

  const orderOf = async (id: string) => (await findOrderById(database.db, id))!.order;
  const ledgerOf = async (ref: string) =>
    (await database.db.select().from(sandboxPayments).where(eq(sandboxPayments.ref, ref)))[0]!;
  /** '/orders/N?key=K' → '/orders/N/payment?key=K'. */
  const paymentPath = (orderPath: string, suffix = '/payment') =>
    orderPath.replace(/(\?|$)/, `${suffix}$1`);

  it('shows the guest the problem and the date on the order page, and takes another card', async () => {
    const order = await failedOrder();
    const orderPath = guestOrderPath('test-secret', order);
    const browser = formClient(app);

    const page = await browser.get(orderPath);
    expect(page.status).toBe(200);
    const due = new Date(order.paymentFixDueAt!);
    expect(due.getTime()).toBe(clock.now().getTime() + FIX_PAYMENT_DAYS * DAY);
    expect(visible(page.html)).toContain(
      'Payment failed: enter another card by 29 Dec 2026, 12:00 (Japan time).',
    );
    expect(page.html).toContain(`href="${paymentPath(orderPath)}"`);

    const form = await browser.get(paymentPath(orderPath));
    expect(form.status).toBe(200);
    expect(visible(form.html)).toContain('Visa •••• 0341');
    expect(form.html).toContain('name="cardNumber"');

    const typo = await browser.post(paymentPath(orderPath), { ...goodCard, cardExpiry: '13/30' });
    expect(typo.status).toBe(400);
    expect(visible(typo.html)).toContain('Enter the expiry as MM/YY.');
    expect(typo.html).not.toContain('4242 4242 4242 4242');

    const declined = await browser.post(paymentPath(orderPath), {
      ...goodCard,
      cardNumber: sandboxCards.declined,
    });
    expect(declined.status).toBe(400);
    expect(visible(declined.html)).toContain('This card was not accepted: declined by the issuer');
    expect((await orderOf(order.id)).paymentState).toBe('capture_failed');

    const paid = await browser.post(paymentPath(orderPath), goodCard);
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(`${paymentPath(orderPath)}&paid=1`);
    const receipt = await browser.get(paid.location!);
    expect(visible(receipt.html)).toContain('was charged to Visa •••• 4242');

    const after = await orderOf(order.id);
    expect(after).toMatchObject({
      paymentState: 'captured',
      cardLast4: '4242',
      paymentFixDueAt: null,
    });
    expect(await ledgerOf(after.paymentRef)).toMatchObject({
      status: 'captured',
      capturedJpy: order.totalJpy,
    });
    // The failed authorisation is released.
    expect((await ledgerOf(order.paymentRef)).status).toBe('voided');
    const events = (await findOrderById(database.db, order.id))!.events.map((e) => e.state);
    expect(events.slice(-2)).toEqual(['card_changed', 'payment_captured']);

    // The banner is gone and staff can ship without another capture.
    expect(visible((await browser.get(orderPath)).html)).not.toContain(
      'Payment failed: enter another card',
    );
    await markPreparing(deps, order.id, 'staff:a');
    const shipped = await shipOrder(deps, {
      orderId: order.id,
      carrier: 'domestic',
      trackingNumber: 'T-9',
      actor: 'staff:a',
    });
    expect(shipped.ok).toBe(true);
    expect(await ledgerOf(after.paymentRef)).toMatchObject({ status: 'captured' });
  });

  it('takes a card that asks for 3-D Secure from a member on MyPage', async () => {
    const member = await makeMember(database.db);
    const order = await failedOrder(member.id, member.email);
    const browser = formClient(app);
    await browser.get('/account/sign-in');
    await browser.post('/account/sign-in', {
      login: member.email,
      password: 'correct horse battery',
    });
    const base = `/mypage/orders/${order.number}`;
    expect(visible((await browser.get(base)).html)).toContain('Payment failed');

    const started = await browser.post(`${base}/payment`, {
      ...goodCard,
      cardNumber: sandboxCards.challenge,
    });
    expect(started.status).toBe(303);
    const challenge = new URL(started.location!);
    expect(challenge.pathname).toMatch(/^\/sandbox\/3ds\//);
    expect((await orderOf(order.id)).paymentState).toBe('capture_failed');

    await browser.get(challenge.pathname + challenge.search);
    const answered = await browser.post(challenge.pathname, {
      token: challenge.searchParams.get('token')!,
      return: challenge.searchParams.get('return')!,
      code: SANDBOX_CHALLENGE_CODE,
    });
    expect(answered.status).toBe(303);
    const back = new URL(answered.location!);
    expect(back.pathname).toBe(`${base}/payment/return`);
    const done = await browser.get(back.pathname);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${base}/payment?paid=1`);
    expect(await orderOf(order.id)).toMatchObject({
      paymentState: 'captured',
      cardLast4: '3220',
      paymentFixRef: null,
    });
  });

  it('refuses a failed 3-D Secure confirmation and keeps waiting for a card', async () => {
    const order = await failedOrder();
    const orderPath = guestOrderPath('test-secret', order);
    const browser = formClient(app);
    await browser.get(paymentPath(orderPath));
    const started = await browser.post(paymentPath(orderPath), {
      ...goodCard,
      cardNumber: sandboxCards.challenge,
    });
    const challenge = new URL(started.location!);
    await browser.get(challenge.pathname + challenge.search);
    const answered = await browser.post(challenge.pathname, {
      token: challenge.searchParams.get('token')!,
      return: challenge.searchParams.get('return')!,
      code: '000000',
    });
    const back = new URL(answered.location!);
    const again = await browser.get(back.pathname + back.search);
    expect(again.status).toBe(400);
    expect(visible(again.html)).toContain('The card issuer could not confirm this payment');
    expect(await orderOf(order.id)).toMatchObject({
      paymentState: 'capture_failed',
      paymentFixRef: null,
    });
  });

  it('says so when the new card fails at capture too, without moving the date', async () => {
    const order = await failedOrder();
    const orderPath = guestOrderPath('test-secret', order);
    const browser = formClient(app);
    await browser.get(paymentPath(orderPath));
    const res = await browser.post(paymentPath(orderPath), {
      ...goodCard,
      cardNumber: sandboxCards.captureFails,
    });
    expect(res.status).toBe(400);
    expect(visible(res.html)).toContain('the charge did not go through');
    expect(await orderOf(order.id)).toMatchObject({
      paymentState: 'capture_failed',
      paymentFixDueAt: order.paymentFixDueAt,
    });
  });

  it('closes the page once the date has passed, and hides it from anyone without the link', async () => {
    const order = await failedOrder();
    const orderPath = guestOrderPath('test-secret', order);
    const stranger = formClient(app);
    expect((await stranger.get(`/orders/${order.number}/payment?key=wrong`)).status).toBe(404);
    const signedOut = await stranger.get(`/mypage/orders/${order.number}/payment`);
    expect(signedOut.status).toBe(303);
    expect(signedOut.location).toMatch(/^\/account\/sign-in/);
    const other = await makeMember(database.db);
    await stranger.get('/account/sign-in');
    await stranger.post('/account/sign-in', {
      login: other.email,
      password: 'correct horse battery',
    });
    expect((await stranger.get(`/mypage/orders/${order.number}/payment`)).status).toBe(404);

    clock.advance(FIX_PAYMENT_DAYS * DAY);
    const browser = formClient(app);
    const page = await browser.get(paymentPath(orderPath));
    expect(page.status).toBe(303);
    expect(page.location).toBe(orderPath);
    await browser.get(orderPath);
    const late = await browser.post(paymentPath(orderPath), goodCard);
    expect(late.status).toBe(303);
    expect((await orderOf(order.id)).paymentState).toBe('capture_failed');
  });
});
