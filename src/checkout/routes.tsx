import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { addressFormValues, listAddresses } from '../accounts/address-book.ts';
import { findCartId, viewCart } from '../cart/find-cart.ts';
import { problemMessage } from '../cart/problem-message.ts';
import { cartOwner } from '../cart/routes.tsx';
import { checkEmailField } from '../email-policy/email-field.ts';
import { findOrderByNumber } from '../orders/find-orders.ts';
import { checkOrderAccess, guestOrderPath, memberOrderPath } from '../orders/order-access.ts';
import type { Order } from '../orders/tables.ts';
import { findCountry } from '../shipping/countries.ts';
import { availableMethods, type ShippingMethodCode } from '../shipping/rates.ts';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages, notFound } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { checkoutBuyer } from './buyer.ts';
import {
  cardCharCount,
  MESSAGE_CARD_MAX_CHARS,
  messageCardInput,
  normalizeCardLines,
} from './gift-options.ts';
import { addressInput, checkoutForm, checkoutInput, formFieldName } from './inputs.ts';
import { CheckoutPage, type CheckoutValues } from './pages/checkout-page.tsx';
import { DonePage } from './pages/done-page.tsx';
import { PaypalMessagePage } from './pages/paypal-pages.tsx';
import {
  cancelPaypalCheckout,
  findPausedPaypal,
  type PausedPaypal,
  type PaypalCheckoutResult,
  placePaypalOrder,
  resumePaypalCheckout,
} from './paypal-checkout.ts';
import { type PlaceOrderResult, placeOrder, resumeCheckout } from './place-order.ts';
import { quoteOrder } from './quote-order.ts';

const idempotencyKey = z.string().regex(/^[\w-]{16,64}$/);

/**
 * The radio buttons are drawn before the customer picks a country and the page has no script,
 * so when the chosen method does not serve the destination and exactly one does, use that one.
 */
function methodFor(countryCode: string, chosen: string): string {
  const country = findCountry(countryCode);
  if (!country) return chosen;
  const methods = availableMethods(country);
  return methods.includes(chosen as ShippingMethodCode) || methods.length !== 1
    ? chosen
    : methods[0]!;
}

async function showCheckout(
  c: Context<AppEnv>,
  state: {
    values?: CheckoutValues;
    errors?: Record<string, string>;
    message?: string;
    withQuote?: boolean;
    /** Fill the address from the member's book: one of their address ids, or their default. */
    useAddress?: string | undefined;
  },
  status: 200 | 400 | 409 | 503 = 200,
) {
  const { db, clock } = c.get('deps');
  const t = c.get('t');
  const member = c.get('member');
  const addresses = member ? await listAddresses(db, member.id) : [];
  const chosen =
    state.useAddress === 'default'
      ? addresses.find((a) => a.isDefault)
      : addresses.find((a) => a.id === state.useAddress);
  // Someone else's address id (or any id for a guest) is not there to be found.
  if (state.useAddress && state.useAddress !== 'default' && !chosen) throw notFound();
  const { lines } = await viewCart(db, cartOwner(c));
  if (lines.length === 0) return c.redirect('/cart', 303);
  const values = chosen ? addressFormValues(chosen) : (state.values ?? {});
  // A filled-in address can be quoted at once.
  const withQuote = state.withQuote || !!chosen;
  let quote = null;
  const errors = { ...state.errors };
  let message = state.message;
  if (withQuote && values.country) {
    const method =
      methodFor(values.country, values.shippingMethod ?? '') === 'domestic'
        ? 'domestic'
        : 'dhl_express';
    const result = quoteOrder(
      lines,
      { country: values.country, method },
      { isMember: !!member },
      clock.now(),
      { wrap: !!values.giftWrap },
    );
    if (result.ok) quote = result.quote;
    else message ??= result.problems.map((p) => problemMessage(t, p)).join(' ');
  }
  return renderPage(
    c,
    t('checkout.title'),
    <CheckoutPage
      lines={lines}
      t={t}
      locale={c.get('locale')}
      csrf={c.get('csrfToken')}
      memberEmail={member?.email ?? null}
      addressBook={member ? { addresses, chosenId: chosen?.id ?? null } : null}
      values={values}
      errors={errors}
      idempotencyKey={crypto.randomUUID()}
      quote={quote}
      message={message}
      paypalOffered={!!c.get('deps').paypal}
    />,
    status,
  );
}

function answer(c: Context<AppEnv>, result: PlaceOrderResult, values: CheckoutValues) {
  const t = c.get('t');
  switch (result.kind) {
    case 'placed':
      return c.redirect(donePath(c, result.order), 303);
    case 'challenge':
      return c.redirect(result.url, 303);
    case 'declined':
      return showCheckout(
        c,
        {
          values,
          message:
            result.reason === 'challenge_failed'
              ? t('checkout.challengeFailed')
              : t('checkout.declined', { reason: t(`decline.${result.reason}`) }),
          withQuote: true,
        },
        400,
      );
    case 'problems':
      return showCheckout(
        c,
        { values, message: result.problems.map((p) => problemMessage(t, p)).join(' ') },
        409,
      );
    case 'gift_unavailable': {
      // The page draws no gift options for this cart, so the reason goes at the top.
      const reason = t(result.field === 'giftWrap' ? 'gift.v.wrapDigital' : 'gift.v.cardDigital');
      const { giftWrap: _wrap, messageCard: _card, ...kept } = values;
      return showCheckout(c, { values: kept, message: reason, withQuote: true }, 400);
    }
    case 'cart_changed':
      return showCheckout(c, { values, message: t('error.cartChanged'), withQuote: true }, 409);
    case 'key_reused':
      // The page is drawn again with a fresh key, so the next submit is a checkout of its own.
      return showCheckout(c, { values, message: t('error.keyReused'), withQuote: true }, 409);
  }
}

/**
 * Answers a PayPal checkout: to PayPal's approval page, to the order, or back to checkout with
 * what the customer entered and a plain message. `retry` is the return to try again, if any.
 */
function answerPaypal(
  c: Context<AppEnv>,
  result: PaypalCheckoutResult,
  values: CheckoutValues,
  retry?: string,
) {
  const t = c.get('t');
  const page = (message: string, status: 400 | 409 | 503, retryHref?: string) =>
    renderPage(
      c,
      t('checkout.title'),
      <PaypalMessagePage t={t} message={message} retryHref={retryHref} />,
      status,
    );
  switch (result.kind) {
    case 'paypal_approval':
      return c.redirect(result.url, 303);
    case 'paypal_unavailable':
      // From a return: the same return again (same capture request id); at the start: the form.
      if (retry) return page(t('checkout.paypalUnavailable'), 503, retry);
      return showCheckout(
        c,
        { values, message: t('checkout.paypalUnavailable'), withQuote: true },
        503,
      );
    case 'paypal_in_progress':
      return page(t('checkout.paypalInProgress'), 409, retry);
    case 'tampered':
      return page(t('checkout.paypalTampered'), 400);
    case 'paypal_declined':
      return showCheckout(
        c,
        { values, message: t('checkout.paypalDeclined'), withQuote: true },
        400,
      );
    case 'paypal_ended':
      return showCheckout(c, { values, message: t('checkout.paypalEnded'), withQuote: true }, 409);
    case 'cart_changed':
      if (!retry) return answer(c, result, values);
      return showCheckout(
        c,
        { values, message: t('checkout.paypalCartChanged'), withQuote: true },
        409,
      );
    default:
      return answer(c, result, values);
  }
}

/** The checkout form as the customer filled it before going to PayPal. */
function pausedValues(paused: PausedPaypal, member: boolean): CheckoutValues {
  return {
    ...(member ? {} : { email: paused.buyer.email }),
    ...paused.address,
    shippingMethod: paused.shippingMethod,
    ...(paused.giftWrap ? { giftWrap: '1' } : {}),
    ...(paused.messageCard ? { messageCard: paused.messageCard } : {}),
    paymentMethod: 'paypal',
  };
}

const paypalReturn = z.object({ id: z.uuid(), token: z.string().min(1).max(64) });

/** The message card's error with the counts in it, or nothing when the card is fine. */
function messageCardError(c: Context<AppEnv>, typed: string): string | undefined {
  if (messageCardInput.safeParse(typed).success) return undefined;
  return c.get('t')('gift.v.cardLong', {
    max: MESSAGE_CARD_MAX_CHARS,
    count: cardCharCount(normalizeCardLines(typed).trim()),
  });
}

/** What the customer entered before going to PayPal, to show the form again after a return. */
async function pausedPaypalValues(c: Context<AppEnv>, checkoutId: string): Promise<CheckoutValues> {
  const paused = await findPausedPaypal(c.get('deps').db, checkoutId);
  return paused ? pausedValues(paused, !!c.get('member')) : {};
}

function donePath(c: Context<AppEnv>, order: Order) {
  const path = guestOrderPath(c.get('deps').secret, order);
  return path.replace(/^\/orders\//, '/checkout/done/');
}

export const checkoutRoutes = new Hono<AppEnv>()
  .get('/checkout', (c) => {
    // A member starts from their default address; `?address=` picks another saved one.
    const requested = c.req.query('address');
    return showCheckout(c, { useAddress: requested ?? (c.get('member') ? 'default' : undefined) });
  })
  .post('/checkout', async (c) => {
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      Object.entries(body).filter(
        ([k, v]) => typeof v === 'string' && !['cardNumber', 'cardCvc', '_csrf'].includes(k),
      ),
    ) as CheckoutValues;
    const form = checkoutForm.parse(body);
    if (body.action === 'quote') {
      const address = addressInput.safeParse(form.address);
      const errors: Record<string, string> = address.success
        ? {}
        : fieldMessages(address.error.issues, c.get('t'));
      const cardError = messageCardError(c, form.messageCard);
      if (cardError) errors.messageCard = cardError;
      const ok = Object.keys(errors).length === 0;
      return showCheckout(c, { values, errors, withQuote: true }, ok ? 200 : 400);
    }
    const member = c.get('member');
    const parsed = checkoutInput.safeParse({
      ...form,
      email: member ? undefined : form.email,
      shippingMethod: methodFor(form.address.country, form.shippingMethod),
    });
    const key = idempotencyKey.safeParse(body.idempotencyKey);
    const errors: Record<string, string> = {};
    if (!parsed.success) {
      for (const [path, message] of Object.entries(
        fieldMessages(parsed.error.issues, c.get('t')),
      )) {
        errors[formFieldName(path)] = message;
      }
    }
    const cardError = messageCardError(c, form.messageCard);
    if (cardError) errors.messageCard = cardError;
    if (!member && !form.email) errors.email = c.get('t')('v.email');
    // The whole address policy, on every submit, with or without the live check in the page.
    const policy = !member && form.email ? await checkEmailField(c, form.email) : null;
    if (policy && !policy.ok) errors.email = policy.message;
    if (!parsed.success || !key.success || Object.keys(errors).length > 0) {
      return showCheckout(
        c,
        { values, errors, message: c.get('t')('error.fixBelow'), withQuote: true },
        400,
      );
    }
    const deps = c.get('deps');
    const cartId = await findCartId(deps.db, cartOwner(c));
    if (!cartId) return c.redirect('/cart', 303);
    const start = {
      cartId,
      // The storefront always knows its language: the language cookie, else the browser's.
      buyer: checkoutBuyer(member, policy?.ok ? policy.email : null, c.get('locale')),
      request: parsed.data,
      idempotencyKey: key.data,
    };
    if (parsed.data.paymentMethod === 'paypal') {
      if (!deps.paypal) {
        const message = c.get('t')('checkout.paypalNotOffered');
        return showCheckout(c, { values, message, withQuote: true }, 400);
      }
      const result = await placePaypalOrder(
        { ...deps, paypal: deps.paypal },
        {
          ...start,
          returnUrl: (id) => `${deps.publicUrl}/checkout/paypal/return/${id}`,
          cancelUrl: (id) => `${deps.publicUrl}/checkout/paypal/cancel/${id}`,
        },
      );
      return answerPaypal(c, result, values);
    }
    const result = await placeOrder(deps, {
      ...start,
      returnUrl: (id) => `${deps.publicUrl}/checkout/return/${id}`,
    });
    return answer(c, result, values);
  })
  // PayPal sends the customer back here after the approval, with its order id as `token`.
  .get('/checkout/paypal/return/:id', async (c) => {
    const deps = c.get('deps');
    const input = paypalReturn.safeParse({ id: c.req.param('id'), token: c.req.query('token') });
    if (!input.success) {
      const t = c.get('t');
      return renderPage(
        c,
        t('checkout.title'),
        <PaypalMessagePage t={t} message={t('checkout.paypalTampered')} />,
        400,
      );
    }
    if (!deps.paypal) throw notFound();
    const { id, token } = input.data;
    const result = await resumePaypalCheckout({ ...deps, paypal: deps.paypal }, id, token);
    if (!result) throw notFound();
    const values = await pausedPaypalValues(c, id);
    const retry = `/checkout/paypal/return/${id}?token=${encodeURIComponent(token)}`;
    return answerPaypal(c, result, values, retry);
  })
  // The customer cancelled on PayPal's page: back to checkout, the cart as it was.
  .get('/checkout/paypal/cancel/:id', async (c) => {
    const t = c.get('t');
    const input = paypalReturn.safeParse({ id: c.req.param('id'), token: c.req.query('token') });
    if (!input.success) {
      return renderPage(
        c,
        t('checkout.title'),
        <PaypalMessagePage t={t} message={t('checkout.paypalTampered')} />,
        400,
      );
    }
    const result = await cancelPaypalCheckout(c.get('deps'), input.data.id, input.data.token);
    if (!result) throw notFound();
    if (result.kind !== 'cancelled') return answerPaypal(c, result, {});
    const values = pausedValues(result.paused, !!c.get('member'));
    return showCheckout(c, { values, message: t('checkout.paypalCancelled'), withQuote: true });
  })
  .get('/checkout/return/:id', async (c) => {
    const id = z.uuid().safeParse(c.req.param('id'));
    if (!id.success) throw notFound();
    const result = await resumeCheckout(c.get('deps'), id.data);
    if (!result) throw notFound();
    return answer(c, result, {});
  })
  .get('/checkout/done/:number', async (c) => {
    const { db, secret, publicUrl, clock } = c.get('deps');
    const detail = await findOrderByNumber(db, c.req.param('number'));
    const key = c.req.query('key') ?? '';
    if (!detail || checkOrderAccess(secret, detail.order, key, clock.now()) !== 'ok')
      throw notFound();
    const member = c.get('member');
    const isOwner = member && detail.order.memberId === member.id;
    const orderPath = isOwner
      ? memberOrderPath(detail.order.number)
      : guestOrderPath(secret, detail.order);
    return renderPage(
      c,
      c.get('t')('checkout.thanks'),
      <DonePage
        order={detail.order}
        t={c.get('t')}
        orderPath={orderPath}
        isGuest={!isOwner}
        origin={publicUrl}
      />,
    );
  });
