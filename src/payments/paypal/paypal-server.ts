import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { safeEqual } from '../../lib/ids.ts';

/*
 * A stand-in for PayPal's REST API (OAuth, Orders v2, Payments v2 refunds, webhook signature
 * verification) that answers with PayPal's documented shapes and error bodies and keeps its state
 * in memory, like a provider's sandbox. The shop's PayPal client is tested against it, and the
 * in-shop sandbox PayPal can serve it later. Amounts are JPY only, as the shop sells in yen.
 */

type CaptureStatus = 'COMPLETED' | 'PENDING' | 'DECLINED' | 'PARTIALLY_REFUNDED' | 'REFUNDED';
type OrderStatus = 'CREATED' | 'PAYER_ACTION_REQUIRED' | 'APPROVED' | 'COMPLETED';

interface SimRefund {
  id: string;
  amountJpy: number;
  invoiceId?: string;
  noteToPayer?: string;
  at: string;
}

interface SimCapture {
  id: string;
  orderId: string;
  status: CaptureStatus;
  pendingReason?: string;
  amountJpy: number;
  refunds: SimRefund[];
  at: string;
  updatedAt: string;
}

interface SimOrder {
  id: string;
  status: OrderStatus;
  amountJpy: number;
  customId?: string;
  invoiceId?: string;
  returnUrl?: string;
  cancelUrl?: string;
  /** Orders made with payment_source.paypal answer `payer-action`, older ones `approve`. */
  approveRel: 'payer-action' | 'approve';
  payer?: { payerId: string; email: string; givenName: string; surname: string };
  captureId?: string;
  at: string;
  updatedAt: string;
}

/** What the next capture call does instead of a plain COMPLETED capture. */
export interface NextCapture {
  outcome?: 'COMPLETED' | 'PENDING' | 'DECLINED' | 'INSTRUMENT_DECLINED' | 'INTERNAL_SERVER_ERROR';
  /** Answer only after this long; the capture itself is made at once, as a slow PayPal would. */
  delayMs?: number;
}

export interface PaypalSimulatorOptions {
  clientId?: string;
  clientSecret?: string;
  /** The one webhook registered with this account; verification answers FAILURE for others. */
  webhookId?: string;
  clock?: Clock;
  tokenLifetimeSeconds?: number;
}

interface Reply {
  status: 200 | 201 | 400 | 401 | 404 | 422 | 500;
  body: object;
}

const ORDER_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A 17-character id in PayPal's style, e.g. `5O190127TN364715T`. */
function paypalId(): string {
  let id = '';
  for (let i = 0; i < 17; i++) id += ORDER_ID_ALPHABET[randomInt(ORDER_ID_ALPHABET.length)];
  return id;
}

function debugId(): string {
  return randomBytes(7).toString('hex').slice(0, 13);
}

const ERROR_NAMES = {
  400: [
    'INVALID_REQUEST',
    'Request is not well-formed, syntactically incorrect, or violates schema.',
  ],
  404: ['RESOURCE_NOT_FOUND', 'The specified resource does not exist.'],
  422: [
    'UNPROCESSABLE_ENTITY',
    'The requested action could not be performed, semantically incorrect, or failed business validation.',
  ],
  500: ['INTERNAL_SERVER_ERROR', 'An internal server error has occurred.'],
} as const;

/** PayPal's error body: name, message, debug_id, details[{issue, description}], links. */
function paypalError(
  status: 400 | 404 | 422 | 500,
  issue: string,
  description: string,
  extra: { field?: string; location?: string; links?: object[] } = {},
): Reply {
  const [name, message] = ERROR_NAMES[status];
  const details =
    status === 500
      ? undefined
      : [{ field: extra.field, location: extra.location, issue, description }];
  return {
    status,
    body: {
      name,
      message,
      debug_id: debugId(),
      details,
      links: [
        {
          href: `https://developer.paypal.com/docs/api/orders/v2/#error-${status === 500 ? name : issue}`,
          rel: 'information_link',
          method: 'GET',
        },
        ...(extra.links ?? []),
      ],
    },
  };
}

function notFound(field: string, location = 'path'): Reply {
  return paypalError(
    404,
    'INVALID_RESOURCE_ID',
    'Specified resource ID does not exist. Please check the resource ID and try again.',
    { field, location },
  );
}

const money = z.object({ currency_code: z.string().length(3), value: z.string().max(32) });

const createOrderBody = z.object({
  intent: z.literal('CAPTURE'),
  purchase_units: z
    .array(
      z.object({
        reference_id: z.string().max(256).optional(),
        amount: money,
        custom_id: z.string().max(255).optional(),
        invoice_id: z.string().max(127).optional(),
        description: z.string().max(127).optional(),
      }),
    )
    .length(1),
  payment_source: z
    .object({
      paypal: z.object({
        experience_context: z
          .object({ return_url: z.url().optional(), cancel_url: z.url().optional() })
          .optional(),
      }),
    })
    .optional(),
  application_context: z
    .object({ return_url: z.url().optional(), cancel_url: z.url().optional() })
    .optional(),
});

const refundBody = z.object({
  amount: money.optional(),
  invoice_id: z.string().max(127).optional(),
  note_to_payer: z.string().max(255).optional(),
});

const verifyBody = z.object({
  auth_algo: z.string().regex(/^[a-zA-Z0-9]+$/),
  cert_url: z.url(),
  transmission_id: z.string().min(1),
  transmission_sig: z.string().min(1),
  transmission_time: z.string().min(1),
  webhook_id: z.string().regex(/^[a-zA-Z0-9]+$/),
  webhook_event: z.record(z.string(), z.unknown()),
});

/** A 400 naming the first field zod refused, the way PayPal names it. */
function schemaError(error: z.ZodError): Reply {
  const first = error.issues[0];
  const field = `/${(first?.path ?? []).join('/')}`;
  const missing = first?.code === 'invalid_type' && first.message.includes('undefined');
  return paypalError(
    400,
    missing ? 'MISSING_REQUIRED_PARAMETER' : 'INVALID_PARAMETER_VALUE',
    missing ? 'A required field / parameter is missing.' : 'The value of a field is invalid.',
    { field, location: 'body' },
  );
}

/** A JPY value PayPal accepts: a whole number of yen, written without decimals. */
function parseYen(amount: z.infer<typeof money>, field: string): number | Reply {
  if (amount.currency_code !== 'JPY') {
    return paypalError(422, 'CURRENCY_NOT_SUPPORTED', 'Currency code is not currently supported.', {
      field: `${field}/currency_code`,
      location: 'body',
    });
  }
  if (!/^\d+$/.test(amount.value)) {
    return paypalError(422, 'DECIMALS_NOT_SUPPORTED', 'Currency code does not support decimals.', {
      field: `${field}/value`,
      location: 'body',
    });
  }
  const yen = Number(amount.value);
  if (yen <= 0 || !Number.isSafeInteger(yen)) {
    return paypalError(400, 'INVALID_PARAMETER_VALUE', 'The value of a field is invalid.', {
      field: `${field}/value`,
      location: 'body',
    });
  }
  return yen;
}

/** The simulated PayPal: its HTTP app plus the buttons a test (or a sandbox page) presses. */
export interface PaypalSimulator {
  readonly app: Hono;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly webhookId: string;
  /** The buyer logs in and approves the order, as on PayPal's approval page. */
  approve(orderId: string): void;
  /** Makes the next capture call (whatever its order) answer as described. */
  nextCapture(behaviour: NextCapture): void;
  /** A PENDING capture clears, as PayPal does after its review. */
  completeCapture(captureId: string): void;
  /** Forgets every access token, as when they expire on PayPal's side before the client expects. */
  expireTokens(): void;
  /** The PAYPAL-* headers PayPal would send with this webhook body, valid for `webhookId`. */
  signWebhook(rawBody: string): Record<string, string>;
  /** What has happened, for tests: tokens issued and money moved. */
  readonly counts: { tokens: number; captures: number; refunds: number };
  /** The order's capture (status and refunded yen), if it has one. */
  captureOf(
    orderId: string,
  ): { id: string; status: CaptureStatus; refundedJpy: number } | undefined;
}

/** Builds the simulated PayPal API (no port); see startPaypalServer to listen on one. */
export function createPaypalSimulator(options: PaypalSimulatorOptions = {}): PaypalSimulator {
  const clientId = options.clientId ?? `sim-client-${randomBytes(6).toString('hex')}`;
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const webhookId = options.webhookId ?? `WH${paypalId()}`;
  const clock = options.clock ?? systemClock;
  const tokenLifetime = options.tokenLifetimeSeconds ?? 32_400;
  const signingKey = randomBytes(32);

  const tokens = new Map<string, number>();
  const orders = new Map<string, SimOrder>();
  const captures = new Map<string, SimCapture>();
  // Answers already given, per endpoint and PayPal-Request-Id, so a retried write is not done twice.
  const answered = new Map<string, Reply>();
  let pendingBehaviour: NextCapture | undefined;
  const counts = { tokens: 0, captures: 0, refunds: 0 };

  const now = () =>
    clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  const origin = (c: Context) => new URL(c.req.url).origin;

  function signature(transmissionId: string, time: string, hookId: string, body: string): string {
    const message = `${transmissionId}|${time}|${hookId}|${crc32(body)}`;
    return createHmac('sha256', signingKey).update(message).digest('base64');
  }

  function captureJson(capture: SimCapture, base: string) {
    const order = orders.get(capture.orderId)!;
    return {
      id: capture.id,
      status: capture.status,
      ...(capture.pendingReason ? { status_details: { reason: capture.pendingReason } } : {}),
      amount: { currency_code: 'JPY', value: String(capture.amountJpy) },
      final_capture: true,
      seller_protection: { status: 'ELIGIBLE' },
      ...(order.customId ? { custom_id: order.customId } : {}),
      ...(order.invoiceId ? { invoice_id: order.invoiceId } : {}),
      create_time: capture.at,
      update_time: capture.updatedAt,
      links: [
        { href: `${base}/v2/payments/captures/${capture.id}`, rel: 'self', method: 'GET' },
        {
          href: `${base}/v2/payments/captures/${capture.id}/refund`,
          rel: 'refund',
          method: 'POST',
        },
        { href: `${base}/v2/checkout/orders/${order.id}`, rel: 'up', method: 'GET' },
      ],
    };
  }

  function refundJson(refund: SimRefund, captureId: string, base: string) {
    return {
      id: refund.id,
      status: 'COMPLETED',
      amount: { currency_code: 'JPY', value: String(refund.amountJpy) },
      ...(refund.invoiceId ? { invoice_id: refund.invoiceId } : {}),
      ...(refund.noteToPayer ? { note_to_payer: refund.noteToPayer } : {}),
      create_time: refund.at,
      update_time: refund.at,
      links: [
        { href: `${base}/v2/payments/refunds/${refund.id}`, rel: 'self', method: 'GET' },
        { href: `${base}/v2/payments/captures/${captureId}`, rel: 'up', method: 'GET' },
      ],
    };
  }

  function approveUrl(order: SimOrder, base: string): string {
    return `${base}/checkoutnow?token=${order.id}`;
  }

  function orderJson(order: SimOrder, base: string, minimal = false) {
    const links: object[] = [
      { href: `${base}/v2/checkout/orders/${order.id}`, rel: 'self', method: 'GET' },
    ];
    if (order.status === 'CREATED' || order.status === 'PAYER_ACTION_REQUIRED') {
      links.push({ href: approveUrl(order, base), rel: order.approveRel, method: 'GET' });
    }
    if (order.status === 'APPROVED') {
      links.push({
        href: `${base}/v2/checkout/orders/${order.id}/capture`,
        rel: 'capture',
        method: 'POST',
      });
    }
    if (minimal) return { id: order.id, status: order.status, links };
    const capture = order.captureId ? captures.get(order.captureId) : undefined;
    const payer = order.payer;
    return {
      id: order.id,
      intent: 'CAPTURE',
      status: order.status,
      ...(payer
        ? {
            payment_source: {
              paypal: {
                email_address: payer.email,
                account_id: payer.payerId,
                account_status: 'VERIFIED',
                name: { given_name: payer.givenName, surname: payer.surname },
              },
            },
            payer: {
              email_address: payer.email,
              payer_id: payer.payerId,
              name: { given_name: payer.givenName, surname: payer.surname },
            },
          }
        : {}),
      purchase_units: [
        {
          reference_id: 'default',
          amount: { currency_code: 'JPY', value: String(order.amountJpy) },
          payee: { merchant_id: 'SIMMERCHANT01', email_address: 'merchant@tenpo.example' },
          ...(order.customId ? { custom_id: order.customId } : {}),
          ...(order.invoiceId ? { invoice_id: order.invoiceId } : {}),
          ...(capture ? { payments: { captures: [captureJson(capture, base)] } } : {}),
        },
      ],
      create_time: order.at,
      update_time: order.updatedAt,
      links,
    };
  }

  /** Runs a write once per PayPal-Request-Id; only successes are kept, as a failure moved nothing. */
  function once(c: Context, scope: string, run: () => Reply): Reply {
    const requestId = c.req.header('PayPal-Request-Id');
    const key = requestId ? `${scope} ${requestId}` : undefined;
    const earlier = key ? answered.get(key) : undefined;
    if (earlier) return earlier;
    const reply = run();
    if (key && reply.status < 300) answered.set(key, reply);
    return reply;
  }

  async function readJson(c: Context): Promise<unknown> {
    const text = await c.req.text();
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  const malformed = () =>
    paypalError(400, 'MALFORMED_REQUEST_JSON', 'The request JSON is not well formed.', {
      location: 'body',
    });

  const app = new Hono();
  const send = (c: Context, reply: Reply) => c.json(reply.body, reply.status);

  app.post('/v1/oauth2/token', async (c) => {
    const [scheme, encoded] = (c.req.header('Authorization') ?? '').split(' ');
    const [id, secret] = Buffer.from(encoded ?? '', 'base64')
      .toString()
      .split(':');
    if (
      scheme !== 'Basic' ||
      !safeEqual(id ?? '', clientId) ||
      !safeEqual(secret ?? '', clientSecret)
    ) {
      return c.json(
        { error: 'invalid_client', error_description: 'Client Authentication failed' },
        401,
      );
    }
    const form = new URLSearchParams(await c.req.text());
    if (form.get('grant_type') !== 'client_credentials') {
      return c.json(
        { error: 'unsupported_grant_type', error_description: 'Grant Type is NULL' },
        400,
      );
    }
    const token = `A21AA${randomBytes(32).toString('base64url')}`;
    tokens.set(token, clock.now().getTime() + tokenLifetime * 1000);
    counts.tokens++;
    return c.json({
      scope:
        'https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/refund',
      access_token: token,
      token_type: 'Bearer',
      app_id: 'APP-80W284485P519543T',
      expires_in: tokenLifetime,
      nonce: `${now()}${randomBytes(8).toString('hex')}`,
    });
  });

  // Every other API call needs a live bearer token, as PayPal's do.
  app.use('/v1/notifications/*', bearer);
  app.use('/v2/*', bearer);
  async function bearer(c: Context, next: () => Promise<void>) {
    const header = c.req.header('Authorization') ?? '';
    if (!header.startsWith('Bearer ')) {
      return c.json(
        {
          name: 'AUTHENTICATION_FAILURE',
          message:
            'Authentication failed due to invalid authentication credentials or a missing Authorization header.',
          links: [
            {
              href: 'https://developer.paypal.com/docs/api/overview/#error',
              rel: 'information_link',
            },
          ],
        },
        401,
      );
    }
    const expires = tokens.get(header.slice('Bearer '.length));
    if (expires === undefined || expires <= clock.now().getTime()) {
      return c.json(
        { error: 'invalid_token', error_description: 'Access Token not found in cache' },
        401,
      );
    }
    await next();
  }

  app.post('/v2/checkout/orders', async (c) => {
    const json = await readJson(c);
    const base = origin(c);
    const minimal = !(c.req.header('Prefer') ?? '').includes('return=representation');
    const reply = once(c, 'create-order', () => {
      if (json === undefined) return malformed();
      const parsed = createOrderBody.safeParse(json);
      if (!parsed.success) return schemaError(parsed.error);
      const body = parsed.data;
      const unit = body.purchase_units[0]!;
      const yen = parseYen(unit.amount, "/purchase_units/@reference_id=='default'/amount");
      if (typeof yen !== 'number') return yen;
      const context = body.payment_source?.paypal.experience_context ?? body.application_context;
      const order: SimOrder = {
        id: paypalId(),
        status: body.payment_source ? 'PAYER_ACTION_REQUIRED' : 'CREATED',
        amountJpy: yen,
        customId: unit.custom_id,
        invoiceId: unit.invoice_id,
        returnUrl: context?.return_url,
        cancelUrl: context?.cancel_url,
        approveRel: body.payment_source ? 'payer-action' : 'approve',
        at: now(),
        updatedAt: now(),
      };
      orders.set(order.id, order);
      return { status: 201, body: orderJson(order, base) };
    });
    // The stored answer is the full order; a minimal caller gets id, status and links of it.
    if (reply.status === 201 && minimal) {
      const { id, status, links } = reply.body as { id: string; status: string; links: object[] };
      return send(c, { status: 201, body: { id, status, links } });
    }
    return send(c, reply);
  });

  app.get('/v2/checkout/orders/:id', (c) => {
    const order = orders.get(c.req.param('id'));
    return send(
      c,
      order ? { status: 200, body: orderJson(order, origin(c)) } : notFound('order_id'),
    );
  });

  app.post('/v2/checkout/orders/:id/capture', async (c) => {
    const base = origin(c);
    const behaviour = pendingBehaviour ?? {};
    pendingBehaviour = undefined;
    const reply = once(c, `capture ${c.req.param('id')}`, () => {
      if (behaviour.outcome === 'INTERNAL_SERVER_ERROR') {
        return paypalError(500, 'INTERNAL_SERVER_ERROR', 'An internal server error has occurred.');
      }
      const order = orders.get(c.req.param('id'));
      if (!order) return notFound('order_id');
      if (order.captureId) {
        return paypalError(
          422,
          'ORDER_ALREADY_CAPTURED',
          "Order already captured.If 'intent=CAPTURE' only one capture per order is allowed.",
        );
      }
      if (order.status !== 'APPROVED') {
        return paypalError(
          422,
          'ORDER_NOT_APPROVED',
          "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.",
        );
      }
      if (behaviour.outcome === 'INSTRUMENT_DECLINED') {
        // The buyer has to go back to PayPal and choose another funding source.
        order.status = order.approveRel === 'payer-action' ? 'PAYER_ACTION_REQUIRED' : 'CREATED';
        order.updatedAt = now();
        return paypalError(
          422,
          'INSTRUMENT_DECLINED',
          "The instrument presented  was either declined by the processor or bank, or it can't be used for this payment.",
          { links: [{ href: approveUrl(order, base), rel: 'redirect', method: 'GET' }] },
        );
      }
      const duplicate =
        order.invoiceId &&
        [...captures.values()].some(
          (other) =>
            other.status !== 'DECLINED' && orders.get(other.orderId)?.invoiceId === order.invoiceId,
        );
      if (duplicate) {
        return paypalError(
          422,
          'DUPLICATE_INVOICE_ID',
          'Duplicate Invoice ID detected. To avoid a potential duplicate transaction your account setting requires that Invoice Id be unique for each transaction.',
        );
      }
      const status = behaviour.outcome ?? 'COMPLETED';
      const capture: SimCapture = {
        id: paypalId(),
        orderId: order.id,
        status,
        pendingReason: status === 'PENDING' ? 'PENDING_REVIEW' : undefined,
        amountJpy: order.amountJpy,
        refunds: [],
        at: now(),
        updatedAt: now(),
      };
      captures.set(capture.id, capture);
      if (status !== 'DECLINED') counts.captures++;
      // A declined capture still completes the order: only the capture says whether money moved.
      order.status = 'COMPLETED';
      order.captureId = capture.id;
      order.updatedAt = now();
      return { status: 201, body: orderJson(order, base) };
    });
    if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
    return send(c, reply);
  });

  app.get('/v2/payments/captures/:id', (c) => {
    const capture = captures.get(c.req.param('id'));
    return send(
      c,
      capture ? { status: 200, body: captureJson(capture, origin(c)) } : notFound('capture_id'),
    );
  });

  app.post('/v2/payments/captures/:id/refund', async (c) => {
    const json = await readJson(c);
    const base = origin(c);
    const reply = once(c, `refund ${c.req.param('id')}`, () => {
      const capture = captures.get(c.req.param('id'));
      if (!capture) return notFound('capture_id');
      if (json === undefined) return malformed();
      const parsed = refundBody.safeParse(json);
      if (!parsed.success) return schemaError(parsed.error);
      if (capture.status === 'PENDING') {
        return paypalError(
          422,
          'PENDING_CAPTURE',
          'Cannot initiate a refund as the capture is pending.',
        );
      }
      if (capture.status === 'DECLINED') {
        return paypalError(422, 'TRANSACTION_REFUSED', 'The request was refused.');
      }
      const remaining =
        capture.amountJpy - capture.refunds.reduce((sum, r) => sum + r.amountJpy, 0);
      if (remaining <= 0) {
        return paypalError(
          422,
          'CAPTURE_FULLY_REFUNDED',
          'The capture has already been fully refunded.',
        );
      }
      let yen = remaining;
      if (parsed.data.amount) {
        const asked = parseYen(parsed.data.amount, '/amount');
        if (typeof asked !== 'number') return asked;
        yen = asked;
      }
      if (yen > remaining) {
        return paypalError(
          422,
          'REFUND_AMOUNT_EXCEEDED',
          'The refund amount must be less than or equal to the capture amount that has not yet been refunded.',
        );
      }
      const refund: SimRefund = {
        id: paypalId(),
        amountJpy: yen,
        invoiceId: parsed.data.invoice_id,
        noteToPayer: parsed.data.note_to_payer,
        at: now(),
      };
      capture.refunds.push(refund);
      capture.status = yen === remaining ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
      capture.updatedAt = now();
      counts.refunds++;
      return { status: 201, body: refundJson(refund, capture.id, base) };
    });
    return send(c, reply);
  });

  app.post('/v1/notifications/verify-webhook-signature', async (c) => {
    const json = await readJson(c);
    if (json === undefined) return send(c, malformed());
    const parsed = verifyBody.safeParse(json);
    if (!parsed.success) {
      const reply = schemaError(parsed.error);
      return send(c, {
        ...reply,
        body: { ...reply.body, name: 'VALIDATION_ERROR', message: 'Invalid request - see details' },
      });
    }
    const body = parsed.data;
    // PayPal checks the event exactly as given; the simulator re-serialises it the same way it signed.
    const expected = signature(
      body.transmission_id,
      body.transmission_time,
      body.webhook_id,
      JSON.stringify(body.webhook_event),
    );
    const ok =
      body.webhook_id === webhookId &&
      body.auth_algo === 'SHA256withRSA' &&
      safeEqual(body.transmission_sig, expected);
    return c.json({ verification_status: ok ? 'SUCCESS' : 'FAILURE' });
  });

  // The buyer's side: the approve link logs a sandbox buyer in, approves and returns to the shop.
  app.get('/checkoutnow', (c) => {
    const order = orders.get(c.req.query('token') ?? '');
    if (!order?.returnUrl) return c.text('This checkout session is not available.', 404);
    if (order.status === 'CREATED' || order.status === 'PAYER_ACTION_REQUIRED') approveOrder(order);
    const back = new URL(order.returnUrl);
    back.searchParams.set('token', order.id);
    back.searchParams.set('PayerID', order.payer?.payerId ?? '');
    return c.redirect(back.toString(), 302);
  });

  function approveOrder(order: SimOrder) {
    order.status = 'APPROVED';
    order.payer = order.payer ?? {
      payerId: paypalId().slice(0, 13),
      email: 'buyer@personal.example.com',
      givenName: 'Hanako',
      surname: 'Yamada',
    };
    order.updatedAt = now();
  }

  return {
    app,
    clientId,
    clientSecret,
    webhookId,
    counts,
    approve(orderId) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`no PayPal order ${orderId}`);
      if (order.status !== 'CREATED' && order.status !== 'PAYER_ACTION_REQUIRED') {
        throw new Error(`PayPal order ${orderId} is ${order.status}, not waiting for the buyer`);
      }
      approveOrder(order);
    },
    nextCapture(behaviour) {
      pendingBehaviour = behaviour;
    },
    completeCapture(captureId) {
      const capture = captures.get(captureId);
      if (capture?.status !== 'PENDING') throw new Error(`capture ${captureId} is not pending`);
      capture.status = 'COMPLETED';
      capture.pendingReason = undefined;
      capture.updatedAt = now();
    },
    expireTokens() {
      tokens.clear();
    },
    signWebhook(rawBody) {
      const transmissionId = randomUUID();
      const time = now();
      return {
        'paypal-auth-algo': 'SHA256withRSA',
        'paypal-cert-url': 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-simulator',
        'paypal-transmission-id': transmissionId,
        'paypal-transmission-time': time,
        'paypal-transmission-sig': signature(
          transmissionId,
          time,
          webhookId,
          JSON.stringify(JSON.parse(rawBody)),
        ),
      };
    },
    captureOf(orderId) {
      const id = orders.get(orderId)?.captureId;
      const capture = id ? captures.get(id) : undefined;
      if (!capture) return undefined;
      const refundedJpy = capture.refunds.reduce((sum, r) => sum + r.amountJpy, 0);
      return { id: capture.id, status: capture.status, refundedJpy };
    },
  };
}

export interface PaypalServer extends PaypalSimulator {
  /** Origin to use as the client's base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  close(): Promise<void>;
}

/** Serves a fresh simulated PayPal on a random loopback port. */
export async function startPaypalServer(
  options: PaypalSimulatorOptions = {},
): Promise<PaypalServer> {
  const simulator = createPaypalSimulator(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: simulator.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(s),
    );
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(simulator, {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      // A test may leave a slow capture waiting; drop its socket so close() returns promptly.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
