import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cancelOrder } from '../orders/cancel-order.ts';
import {
  findMemberOrder,
  findOrderByNumber,
  listMemberOrders,
  type OrderDetail,
} from '../orders/find-orders.ts';
import { checkOrderAccess, GUEST_LINK_DAYS } from '../orders/order-access.ts';
import { customerMayCancel } from '../orders/order-rules.ts';
import { trackingLink } from '../orders/pages/order-page.tsx';
import { orderStates, paymentStates } from '../orders/tables.ts';
import type { AppEnv } from '../web/context.ts';
import { AppError, apiError, notFound } from '../web/errors.ts';
import { apiApp, errorResponse, optionalBearer, plainText, requiredBearer } from './api-app.ts';
import { requireMember } from './auth.ts';
import { localizedText } from './products.ts';

const orderStateSchema = z.enum(orderStates).openapi('OrderState');

export const orderSchema = z
  .object({
    number: z.string().openapi({ example: 'TP-261126-7KQ4M9' }),
    state: orderStateSchema,
    createdAt: z.iso.datetime(),
    contactEmail: z.string(),
    locale: z.enum(['en', 'ja']),
    totals: z.object({
      subtotalJpy: z.number().int(),
      shippingFeeJpy: z.number().int(),
      giftWrapJpy: z.number().int(),
      totalJpy: z.number().int(),
    }),
    gift: z.object({
      wrap: z.boolean(),
      messageCard: z.string().nullable().openapi({ description: 'Printed on a card; no fee.' }),
    }),
    lines: z.array(
      z.object({
        sku: z.string(),
        title: localizedText,
        kind: z.string(),
        unitPriceJpy: z.number().int(),
        quantity: z.number().int(),
        lineTotalJpy: z.number().int(),
        isPreorder: z.boolean(),
        releaseMonth: z.string().nullable(),
      }),
    ),
    shippingAddress: z.object({
      name: z.string(),
      line1: z.string(),
      line2: z.string(),
      city: z.string(),
      region: z.string(),
      postalCode: z.string(),
      country: z.string(),
      phone: z.string(),
    }),
    shippingMethod: z.string(),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    trackingUrl: z.string().nullable(),
    payment: z.object({
      method: z.enum(['card', 'paypal']),
      brand: z.string().nullable().openapi({ description: 'Card payments only.' }),
      last4: z.string().nullable().openapi({ description: 'Card payments only.' }),
      paypalCaptureId: z
        .string()
        .nullable()
        .openapi({ description: "PayPal payments only: PayPal's capture (transaction) id." }),
      state: z.enum(paymentStates).openapi({
        description:
          'authorised (card, charged at shipping), captured, waiting (PayPal still reviews the capture), refunded, …',
      }),
    }),
    canCancel: z.boolean().openapi({ description: 'Whether the customer may cancel it now.' }),
    events: z.array(z.object({ state: z.string(), at: z.iso.datetime() })),
  })
  .openapi('Order');

/** An order as its customer sees it: snapshot prices and address, tracking and timeline. */
export function orderJson(
  { order, lines, events }: OrderDetail,
  now: Date,
): z.infer<typeof orderSchema> {
  return {
    number: order.number,
    state: order.state,
    createdAt: order.createdAt.toISOString(),
    contactEmail: order.contactEmail,
    locale: order.locale,
    totals: {
      subtotalJpy: order.subtotalJpy,
      shippingFeeJpy: order.shippingFeeJpy,
      giftWrapJpy: order.giftWrapJpy,
      totalJpy: order.totalJpy,
    },
    gift: { wrap: order.giftWrap, messageCard: order.messageCard },
    lines: lines.map((l) => ({
      sku: l.sku,
      title: { en: l.titleEn, ja: l.titleJa },
      kind: l.kind,
      unitPriceJpy: l.unitPriceJpy,
      quantity: l.quantity,
      lineTotalJpy: l.unitPriceJpy * l.quantity,
      isPreorder: l.isPreorder,
      releaseMonth: l.releaseMonth,
    })),
    shippingAddress: {
      name: order.shipName,
      line1: order.shipLine1,
      line2: order.shipLine2,
      city: order.shipCity,
      region: order.shipRegion,
      postalCode: order.shipPostalCode,
      country: order.shipCountry,
      phone: order.shipPhone,
    },
    shippingMethod: order.shippingMethod,
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    trackingUrl: trackingLink(order.carrier, order.trackingNumber)?.url ?? null,
    payment: {
      method: order.paymentProvider === 'paypal' ? 'paypal' : 'card',
      brand: order.cardBrand,
      last4: order.cardLast4,
      paypalCaptureId: order.paymentProvider === 'paypal' ? order.paymentRef : null,
      state: order.paymentState,
    },
    canCancel: customerMayCancel(order, lines, now),
    // Notes and actors are for staff; the customer sees which step happened when.
    events: events.map((e) => ({ state: e.state, at: e.at.toISOString() })),
  };
}

const orderNumber = z.object({ number: plainText(40).openapi({ example: 'TP-261126-7KQ4M9' }) });
const accessKey = z.object({
  key: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "A guest's order access key (from checkout or the order mail link)." }),
});
const orderResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.object({ order: orderSchema }) } },
});

/** The member's own order, or any order whose access key is given; everything else is a 404. */
async function accessibleOrder(c: Context<AppEnv>, number: string, key: string | undefined) {
  const { db, secret, clock } = c.get('deps');
  const member = c.get('member');
  const own = member ? await findMemberOrder(db, member.id, number) : null;
  if (own) return own;
  if (key) {
    const detail = await findOrderByNumber(db, number);
    const check = detail ? checkOrderAccess(secret, detail.order, key, clock.now()) : 'invalid';
    if (detail && check === 'ok') return detail;
    if (check === 'replaced' || check === 'expired')
      throw new AppError(
        'access_key_gone',
        410,
        check === 'replaced'
          ? "This access key was replaced when the order's mail moved to another address; the new address got a new link."
          : `This access key expired ${GUEST_LINK_DAYS} days after the order last changed. Find the order by its number and email address.`,
      );
  }
  throw notFound('The order');
}

const listRoute = createRoute({
  method: 'get',
  path: '/orders',
  tags: ['Orders'],
  summary: "The signed-in member's orders, newest first",
  security: requiredBearer,
  responses: {
    200: {
      description: 'Order summaries',
      content: {
        'application/json': {
          schema: z.object({
            orders: z.array(
              z.object({
                number: z.string(),
                state: orderStateSchema,
                createdAt: z.iso.datetime(),
                totalJpy: z.number().int(),
              }),
            ),
          }),
        },
      },
    },
    401: errorResponse('Not signed in'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/orders/{number}',
  tags: ['Orders'],
  summary: "One order: the member's own, or a guest's with its access key",
  security: optionalBearer,
  request: { params: orderNumber, query: accessKey },
  responses: {
    200: orderResponse('The order'),
    400: errorResponse('Invalid input'),
    401: errorResponse('The bearer token is not valid'),
    404: errorResponse('No such order for this member or key'),
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/orders/{number}/cancel',
  tags: ['Orders'],
  summary: 'Cancel the whole order while the shop rules allow it',
  security: optionalBearer,
  request: { params: orderNumber, query: accessKey },
  responses: {
    200: orderResponse('The cancelled order'),
    400: errorResponse('Invalid input'),
    401: errorResponse('The bearer token is not valid'),
    404: errorResponse('No such order for this member or key'),
    409: errorResponse('not_cancellable: preparation has started or the pre-order window closed'),
  },
});

export const customerApi = apiApp()
  .openapi(listRoute, async (c) => {
    const member = requireMember(c);
    const orders = await listMemberOrders(c.get('deps').db, member.id);
    return c.json(
      {
        orders: orders.map((o) => ({
          number: o.number,
          state: o.state,
          createdAt: o.createdAt.toISOString(),
          totalJpy: o.totalJpy,
        })),
      },
      200,
    );
  })
  .openapi(detailRoute, async (c) => {
    const detail = await accessibleOrder(c, c.req.valid('param').number, c.req.valid('query').key);
    return c.json({ order: orderJson(detail, c.get('deps').clock.now()) }, 200);
  })
  .openapi(cancelRoute, async (c) => {
    const { number } = c.req.valid('param');
    const detail = await accessibleOrder(c, number, c.req.valid('query').key);
    const deps = c.get('deps');
    const result = await cancelOrder(deps, { orderId: detail.order.id, actor: 'customer' });
    if (!result.ok) {
      return c.json(apiError('not_cancellable', c.get('t')('order.cannotCancel')), 409);
    }
    const cancelled = await findOrderByNumber(deps.db, detail.order.number);
    return c.json({ order: orderJson(cancelled!, deps.clock.now()) }, 200);
  });
