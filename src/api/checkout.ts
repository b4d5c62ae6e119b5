import { createRoute, z } from '@hono/zod-openapi';
import { findCartId } from '../cart/find-cart.ts';
import { problemMessage } from '../cart/problem-message.ts';
import { checkoutBuyer } from '../checkout/buyer.ts';
import {
  GIFT_WRAP_FEE_JPY,
  MESSAGE_CARD_MAX_CHARS,
  messageCardField,
} from '../checkout/gift-options.ts';
import { checkoutInput } from '../checkout/inputs.ts';
import { type PaypalCheckoutResult, placePaypalOrder } from '../checkout/paypal-checkout.ts';
import { placeOrder } from '../checkout/place-order.ts';
import { policyEmail } from '../email-policy/email-field.ts';
import { findOrderById } from '../orders/find-orders.ts';
import { orderAccessToken } from '../orders/order-access.ts';
import { apiError } from '../web/errors.ts';
import { apiApp, errorResponse, optionalBearer } from './api-app.ts';
import { cartTokenHeader, currentCartOwner } from './carts.ts';
import { orderJson, orderSchema } from './customer.ts';

const headers = z.object({
  'Idempotency-Key': z
    .string({ error: 'Send an Idempotency-Key header: 16-64 letters, digits, "-" or "_".' })
    .regex(/^[A-Za-z0-9_-]{16,64}$/, 'Use 16-64 letters, digits, "-" or "_".')
    .openapi({
      description:
        'A new random key per checkout; repeating it returns the same order (for PayPal: after the customer approved, the repeat captures and places it).',
      example: 'b7e1c2a4-5f3d-4e8a-9c1b-2d6f0a3e4b5c',
    }),
  'X-Cart-Token': cartTokenHeader.optional(),
});

const body = checkoutInput
  .safeExtend({
    email: checkoutInput.shape.email.openapi({
      description: "Required for guests; members' orders use their account email.",
    }),
    paymentMethod: checkoutInput.shape.paymentMethod.openapi({
      description:
        'card (the default; send card) or paypal (no card): the answer is 202 with an approvalUrl to send the customer to.',
    }),
    giftWrap: z
      .boolean()
      .optional()
      .openapi({
        description: `Gift-wrap the whole order (+${GIFT_WRAP_FEE_JPY} JPY, tax included, added to the total). Only for orders with physical goods: a digital-only cart answers 400.`,
      }),
    messageCard: messageCardField(`Use at most ${MESSAGE_CARD_MAX_CHARS} characters.`)
      .nullable()
      .optional()
      .openapi({
        description: `A printed message card put in the package, no fee: at most ${MESSAGE_CARD_MAX_CHARS} characters (a CRLF line break counts as one). Blank means none. Only for orders with physical goods.`,
        example: 'Happy birthday!',
      }),
  })
  .openapi('CheckoutRequest');

const placedSchema = z
  .object({
    order: orderSchema,
    accessKey: z
      .string()
      .optional()
      .openapi({ description: 'Guests only: pass as ?key= to read or cancel the order later.' }),
  })
  .openapi('PlacedOrder');

const placedResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: placedSchema } },
});

const checkoutRoute = createRoute({
  method: 'post',
  path: '/checkout',
  tags: ['Checkout'],
  summary: 'Place an order from the current cart',
  description:
    'Guests send X-Cart-Token and an email; members (bearer token) use their cart and account email. ' +
    'After a 3-D Secure challenge, repeat the same request with the same Idempotency-Key to get the order. ' +
    'PayPal (paymentMethod paypal) answers 202 with an approvalUrl; once the customer approved there, repeat ' +
    'the same request with the same Idempotency-Key: the payment is captured and the order returned (201, or 200 ' +
    'when it was already placed, e.g. through the return page). Before the approval the repeat answers 202 again.',
  security: optionalBearer,
  request: {
    headers,
    body: { required: true, content: { 'application/json': { schema: body } } },
  },
  responses: {
    201: placedResponse('The order was placed'),
    200: {
      ...placedResponse('A repeat of an earlier request with this Idempotency-Key: the same order'),
      headers: z.object({ 'Idempotent-Replayed': z.literal('true') }),
    },
    202: {
      description:
        'The card issuer wants a 3-D Secure check (send the customer to challengeUrl), or PayPal waits for the customer to approve (send them to approvalUrl)',
      content: {
        'application/json': {
          schema: z.union([
            z.object({ challengeUrl: z.url(), checkoutId: z.uuid() }).openapi('Challenge'),
            z
              .object({
                approvalUrl: z.url().openapi({ description: "PayPal's approval page" }),
                checkoutId: z.uuid(),
              })
              .openapi('PaypalApproval'),
          ]),
        },
      },
    },
    400: errorResponse(
      'Invalid input, missing Idempotency-Key or email, gift options on a digital-only cart, empty_cart, or paypal_not_offered',
    ),
    401: errorResponse('The bearer token is not valid'),
    402: errorResponse(
      'payment_declined, with the reason (a card decline reason, or paypal_declined)',
    ),
    404: errorResponse('cart_not_found'),
    409: errorResponse(
      'checkout_problems (with problems), cart_changed, idempotency_key_reused, checkout_ended (the PayPal checkout ended without an order) or checkout_in_progress',
    ),
    503: errorResponse(
      'paypal_unavailable: PayPal did not answer; repeat the request (same Idempotency-Key), it never charges twice',
    ),
  },
});

export const checkoutApi = apiApp().openapi(checkoutRoute, async (c) => {
  const deps = c.get('deps');
  const t = c.get('t');
  const member = c.get('member');
  const header = c.req.valid('header');
  const request = c.req.valid('json');
  if (!member && !request.email) {
    return c.json(
      apiError('invalid_request', 'The request body is not valid.', {
        email: 'Enter an email address such as taro@example.com.',
      }),
      400,
    );
  }
  let guestEmail: string | null = null;
  if (!member) {
    // A guest's address passes the same policy as the checkout form's.
    const checked = await policyEmail(deps, t).safeParseAsync(request.email);
    if (!checked.success) {
      return c.json(
        apiError('invalid_request', 'The email address cannot be used.', {
          email: checked.error.issues[0]?.message ?? '',
        }),
        400,
      );
    }
    guestEmail = checked.data;
  }
  // The API asks for a language only through Accept-Language; without it the member's counts.
  const requestedLocale = c.req.header('accept-language') ? c.get('locale') : null;
  const owner = await currentCartOwner(c, header['X-Cart-Token']);
  const cartId = await findCartId(deps.db, owner);
  if (!cartId) return c.json(apiError('empty_cart', t('error.emptyCart')), 400);

  const start = {
    cartId,
    buyer: checkoutBuyer(member, guestEmail, requestedLocale),
    request,
    idempotencyKey: header['Idempotency-Key'],
  };
  let result: PaypalCheckoutResult;
  if (request.paymentMethod === 'paypal') {
    if (!deps.paypal) {
      return c.json(apiError('paypal_not_offered', t('checkout.paypalNotOffered')), 400);
    }
    // The customer comes back to the storefront's return page, which places the order too.
    result = await placePaypalOrder(
      { ...deps, paypal: deps.paypal },
      {
        ...start,
        returnUrl: (id) => `${deps.publicUrl}/checkout/paypal/return/${id}`,
        cancelUrl: (id) => `${deps.publicUrl}/checkout/paypal/cancel/${id}`,
      },
    );
  } else {
    result = await placeOrder(deps, {
      ...start,
      returnUrl: (id) => `${deps.publicUrl}/checkout/return/${id}`,
    });
  }

  switch (result.kind) {
    case 'placed': {
      const detail = await findOrderById(deps.db, result.order.id);
      const body = {
        order: orderJson(detail!, deps.clock.now()),
        ...(member ? {} : { accessKey: orderAccessToken(deps.secret, result.order) }),
      };
      if (result.replayed) return c.json(body, 200, { 'Idempotent-Replayed': 'true' });
      return c.json(body, 201);
    }
    case 'challenge':
      return c.json({ challengeUrl: result.url, checkoutId: result.checkoutId }, 202);
    case 'declined': {
      const message =
        result.reason === 'challenge_failed'
          ? t('checkout.challengeFailed')
          : t('checkout.declined', { reason: t(`decline.${result.reason}`) });
      return c.json(
        { error: { ...apiError('payment_declined', message).error, reason: result.reason } },
        402,
      );
    }
    case 'problems': {
      const problems = result.problems.map((p) => ({
        code: p.code,
        message: problemMessage(t, p),
      }));
      if (result.problems.every((p) => p.code === 'empty_cart')) {
        return c.json(apiError('empty_cart', t('error.emptyCart')), 400);
      }
      return c.json(
        {
          error: {
            ...apiError('checkout_problems', problems.map((p) => p.message).join(' ')).error,
            problems,
          },
        },
        409,
      );
    }
    case 'gift_unavailable':
      return c.json(
        apiError('invalid_request', 'The request body is not valid.', {
          [result.field]: t(
            result.field === 'giftWrap' ? 'gift.v.wrapDigital' : 'gift.v.cardDigital',
          ),
        }),
        400,
      );
    case 'cart_changed':
      return c.json(apiError('cart_changed', t('error.cartChanged')), 409);
    case 'paypal_approval':
      return c.json({ approvalUrl: result.url, checkoutId: result.checkoutId }, 202);
    case 'paypal_unavailable':
      return c.json(apiError('paypal_unavailable', t('checkout.paypalUnavailable')), 503);
    case 'paypal_declined':
      return c.json(
        {
          error: {
            ...apiError('payment_declined', t('checkout.paypalDeclined')).error,
            reason: 'paypal_declined',
          },
        },
        402,
      );
    case 'paypal_ended':
    case 'tampered':
      return c.json(apiError('checkout_ended', t('checkout.paypalEnded')), 409);
    case 'paypal_in_progress':
      return c.json(apiError('checkout_in_progress', t('checkout.paypalInProgress')), 409);
    case 'key_reused':
      // placeOrder decides: a key replays its order only to the cart and buyer that first used it.
      return c.json(
        apiError(
          'idempotency_key_reused',
          'This Idempotency-Key was already used for another checkout. Use a new key.',
        ),
        409,
      );
  }
});
