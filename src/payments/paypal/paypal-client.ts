import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Env } from '../../env.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';

/*
 * A small client for PayPal's REST API: OAuth client credentials, Orders v2 (create, get,
 * capture), Payments v2 (get capture, refund) and webhook signature verification. PayPal's JSON is
 * an edge, so every answer is parsed with zod, and every failure comes back as a typed result:
 * nothing here throws for PayPal being down, slow or saying no.
 */

export const PAYPAL_BASE_URLS = {
  sandbox: 'https://api-m.sandbox.paypal.com',
  live: 'https://api-m.paypal.com',
} as const;

export type PaypalErrorKind =
  /** PayPal answered but refused the payment (capture DECLINED/FAILED, refund FAILED). */
  | 'declined'
  /** The buyer's funding source failed: send them back to `approveUrl` to choose another. */
  | 'instrument_declined'
  /** Timeout, network error, 5xx, 429 or an answer we could not read: retry with the same request id. */
  | 'unavailable'
  /** PayPal refused the request itself (4xx, e.g. ORDER_NOT_APPROVED, REFUND_AMOUNT_EXCEEDED). */
  | 'invalid'
  | 'not_found'
  /** The client id or secret is wrong, or the token was refused twice. */
  | 'unauthorized';

export interface PaypalFailure {
  ok: false;
  kind: PaypalErrorKind;
  /** PayPal's issue code (details[0].issue, else name), or TIMEOUT / NETWORK_ERROR / a capture status. */
  issue: string;
  message: string;
  /** PayPal's correlation id, for support tickets and logs. */
  debugId?: string;
  httpStatus?: number;
  /** For instrument_declined: where the buyer picks another funding source. */
  approveUrl?: string;
  orderId?: string;
  captureId?: string;
}

/** What the shop makes of a capture: only its status, never the order's, says whether money moved. */
export type CaptureState = 'paid' | 'pending' | 'declined';

export interface PaypalCapture {
  id: string;
  state: CaptureState;
  /** PayPal's own status: COMPLETED, PENDING, DECLINED, FAILED, PARTIALLY_REFUNDED, REFUNDED. */
  status: string;
  amountJpy: number;
  /** Why a capture is PENDING (status_details.reason), e.g. PENDING_REVIEW. */
  pendingReason?: string;
}

export interface PaypalOrder {
  id: string;
  status: string;
  amountJpy?: number;
  customId?: string;
  invoiceId?: string;
  payerId?: string;
  /** The payer-action or approve link, while the order waits for the buyer. */
  approveUrl?: string;
  capture?: PaypalCapture;
}

export type CaptureResult =
  | {
      ok: true;
      state: 'paid' | 'pending';
      orderId: string;
      capture: PaypalCapture;
      /** True when PayPal said ORDER_ALREADY_CAPTURED and the capture was read from the order. */
      alreadyCaptured: boolean;
    }
  | PaypalFailure;

export interface PaypalClientOptions {
  clientId: string;
  clientSecret: string;
  environment?: 'sandbox' | 'live';
  /** Overrides the environment's base URL, e.g. a local PayPal double in tests. */
  baseUrl?: string;
  fetch?: typeof fetch;
  clock?: Clock;
  /** Per request, token requests included. */
  timeoutMs?: number;
}

// PayPal's documented pattern for order and capture ids; also keeps ids from changing the path.
export const paypalIdSchema = z.string().regex(/^[A-Z0-9]{1,36}$/, 'not a PayPal id');
export const requestIdSchema = z.string().min(1).max(108);
const yenSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** What createOrder takes; the sandbox PayPal checks the same. */
export const createOrderInput = z.object({
  amountJpy: yenSchema,
  /** The shop's order number, sent as custom_id and shown back on the capture. */
  reference: z.string().min(1).max(127),
  /** Sent as invoice_id only when given: PayPal accounts refuse a second payment for one invoice id. */
  invoiceId: z.string().min(1).max(127).optional(),
  returnUrl: z.url(),
  cancelUrl: z.url(),
  requestId: requestIdSchema,
});

/** What refundCapture takes; the sandbox PayPal checks the same. */
export const refundInput = z.object({
  amountJpy: yenSchema,
  requestId: requestIdSchema,
  noteToPayer: z.string().min(1).max(255).optional(),
});

const link = z.object({ href: z.string(), rel: z.string(), method: z.string().optional() });

const jpy = z
  .object({ currency_code: z.literal('JPY'), value: z.string().regex(/^\d+$/) })
  .transform((amount) => Number(amount.value));

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});

const captureResponse = z.object({
  id: z.string(),
  status: z.enum(['COMPLETED', 'PENDING', 'DECLINED', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED']),
  status_details: z.object({ reason: z.string().optional() }).optional(),
  amount: jpy,
});

const orderResponse = z.object({
  id: z.string(),
  status: z.string(),
  payer: z.object({ payer_id: z.string().optional() }).optional(),
  purchase_units: z
    .array(
      z.object({
        amount: jpy.optional(),
        custom_id: z.string().optional(),
        invoice_id: z.string().optional(),
        payments: z.object({ captures: z.array(captureResponse).optional() }).optional(),
      }),
    )
    .optional(),
  links: z.array(link).optional(),
});

const refundResponse = z.object({
  id: z.string(),
  status: z.enum(['COMPLETED', 'PENDING', 'FAILED', 'CANCELLED']),
  amount: jpy.optional(),
});

const verifyResponse = z.object({ verification_status: z.enum(['SUCCESS', 'FAILURE']) });

// Orders/Payments errors (name, message, debug_id, details, links) and OAuth errors (error, error_description).
const errorBody = z.object({
  name: z.string().optional(),
  message: z.string().optional(),
  debug_id: z.string().optional(),
  details: z.array(z.object({ issue: z.string(), description: z.string().optional() })).optional(),
  links: z.array(link).optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

interface Answer {
  status: number;
  json: unknown;
  debugId?: string;
}

function isFailure(value: object): value is PaypalFailure {
  return 'ok' in value && value.ok === false;
}

function approveLink(links: z.infer<typeof link>[] | undefined): string | undefined {
  return links?.find((l) => l.rel === 'payer-action' || l.rel === 'approve')?.href;
}

function toCapture(capture: z.infer<typeof captureResponse>): PaypalCapture {
  // A partly or fully refunded capture was paid first: refunds are told apart elsewhere.
  const state: CaptureState =
    capture.status === 'PENDING'
      ? 'pending'
      : capture.status === 'DECLINED' || capture.status === 'FAILED'
        ? 'declined'
        : 'paid';
  return {
    id: capture.id,
    state,
    status: capture.status,
    amountJpy: capture.amount,
    pendingReason: capture.status_details?.reason,
  };
}

function toOrder(order: z.infer<typeof orderResponse>): PaypalOrder {
  const unit = order.purchase_units?.[0];
  const capture = unit?.payments?.captures?.[0];
  return {
    id: order.id,
    status: order.status,
    amountJpy: unit?.amount,
    customId: unit?.custom_id,
    invoiceId: unit?.invoice_id,
    payerId: order.payer?.payer_id,
    approveUrl: approveLink(order.links),
    capture: capture ? toCapture(capture) : undefined,
  };
}

/** A non-2xx answer as a typed failure, keeping PayPal's issue and debug id. */
function failureOf(answer: Answer): PaypalFailure {
  const body = errorBody.safeParse(answer.json);
  const error = body.success ? body.data : {};
  const detail = error.details?.[0];
  const issue = detail?.issue ?? error.name ?? error.error ?? `HTTP_${answer.status}`;
  const message =
    detail?.description ??
    error.message ??
    error.error_description ??
    `PayPal answered HTTP ${answer.status}`;
  const base = { ok: false as const, issue, message, httpStatus: answer.status };
  const debugId = error.debug_id ?? answer.debugId;
  const withDebug = debugId ? { ...base, debugId } : base;
  const status = answer.status;
  if (status >= 500 || status === 429 || status === 408)
    return { ...withDebug, kind: 'unavailable' };
  if (status === 404) return { ...withDebug, kind: 'not_found' };
  if (status === 401 || status === 403) return { ...withDebug, kind: 'unauthorized' };
  if (issue === 'INSTRUMENT_DECLINED') {
    const approveUrl =
      error.links?.find((l) => l.rel === 'redirect')?.href ?? approveLink(error.links);
    return { ...withDebug, kind: 'instrument_declined', approveUrl };
  }
  return { ...withDebug, kind: 'invalid' };
}

/** A 2xx we cannot read: whether anything happened is unknown, so the caller should retry or look. */
function unreadable(answer: Answer, what: string): PaypalFailure {
  return {
    ok: false,
    kind: 'unavailable',
    issue: 'UNEXPECTED_RESPONSE',
    message: `PayPal's ${what} answer did not have the documented shape`,
    httpStatus: answer.status,
    ...(answer.debugId ? { debugId: answer.debugId } : {}),
  };
}

function invalidInput(error: z.ZodError): PaypalFailure {
  const first = error.issues[0];
  return {
    ok: false,
    kind: 'invalid',
    issue: 'INVALID_INPUT',
    message: `${first?.path.join('.') || 'input'}: ${first?.message ?? 'invalid'}`,
  };
}

/** Typed access to one PayPal REST app. */
export interface PaypalClient {
  /** A bearer token, from cache until shortly before it expires. */
  accessToken(): Promise<{ ok: true; token: string } | PaypalFailure>;
  /** Creates an intent-CAPTURE order for a whole number of yen; the buyer approves at `approveUrl`. */
  createOrder(
    input: z.input<typeof createOrderInput>,
  ): Promise<{ ok: true; id: string; status: string; approveUrl: string } | PaypalFailure>;
  /** The order as PayPal has it now, with its capture if any. */
  getOrder(id: string): Promise<{ ok: true; order: PaypalOrder } | PaypalFailure>;
  /** Captures an approved order; paid/pending/declined is decided from the capture's status. */
  captureOrder(id: string, requestId: string): Promise<CaptureResult>;
  /** One capture as PayPal has it now, e.g. to see a PENDING capture clear. */
  getCapture(id: string): Promise<{ ok: true; capture: PaypalCapture } | PaypalFailure>;
  /** Refunds part (or the rest) of a capture; each refund needs its own request id. */
  refundCapture(
    captureId: string,
    input: z.input<typeof refundInput>,
  ): Promise<
    | { ok: true; refundId: string; status: 'COMPLETED' | 'PENDING'; amountJpy: number }
    | PaypalFailure
  >;
  /** Asks PayPal whether a webhook delivery is genuine; `rawBody` is the request body exactly as received. */
  verifyWebhookSignature(
    headers: Headers | Record<string, string | string[] | undefined>,
    rawBody: string,
    webhookId: string,
  ): Promise<{ ok: true; verified: boolean } | PaypalFailure>;
}

/** A client for the REST app with these credentials, on sandbox, live or `baseUrl`. */
export function createPaypalClient(options: PaypalClientOptions): PaypalClient {
  const baseUrl = (options.baseUrl ?? PAYPAL_BASE_URLS[options.environment ?? 'sandbox']).replace(
    /\/+$/,
    '',
  );
  const fetchFn = options.fetch ?? fetch;
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');

  let cached: { token: string; refreshAt: number } | undefined;
  let fetching: Promise<{ ok: true; token: string } | PaypalFailure> | undefined;

  async function send(
    method: 'GET' | 'POST',
    path: string,
    init: { authorization: string; body?: string; contentType?: string; requestId?: string },
  ): Promise<Answer | PaypalFailure> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: init.authorization,
    };
    if (init.contentType) headers['Content-Type'] = init.contentType;
    if (init.requestId) headers['PayPal-Request-Id'] = init.requestId;
    // The full resource, so a capture answer carries purchase_units[].payments.captures[].
    if (method === 'POST' && !path.startsWith('/v1/oauth2')) {
      headers.Prefer = 'return=representation';
    }
    try {
      // One signal for headers and body: a PayPal that stalls mid-answer times out as well.
      const response = await fetchFn(`${baseUrl}${path}`, {
        method,
        headers,
        body: init.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        json = undefined;
      }
      const debugId = response.headers.get('paypal-debug-id') ?? undefined;
      return { status: response.status, json, ...(debugId ? { debugId } : {}) };
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return {
        ok: false,
        kind: 'unavailable',
        issue: timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
        message: timedOut
          ? `PayPal did not answer within ${timeoutMs} ms`
          : `PayPal could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  async function fetchToken(): Promise<{ ok: true; token: string } | PaypalFailure> {
    const answer = await send('POST', '/v1/oauth2/token', {
      authorization: `Basic ${basic}`,
      contentType: 'application/x-www-form-urlencoded',
      body: 'grant_type=client_credentials',
    });
    if (isFailure(answer)) return answer;
    if (answer.status !== 200) return failureOf(answer);
    const parsed = tokenResponse.safeParse(answer.json);
    if (!parsed.success) return unreadable(answer, 'token');
    const { access_token, expires_in } = parsed.data;
    // Renew a little early so a token never expires between our check and PayPal's.
    const margin = Math.min(60, expires_in / 10);
    cached = {
      token: access_token,
      refreshAt: clock.now().getTime() + (expires_in - margin) * 1000,
    };
    return { ok: true, token: access_token };
  }

  async function accessToken(): Promise<{ ok: true; token: string } | PaypalFailure> {
    if (cached && clock.now().getTime() < cached.refreshAt)
      return { ok: true, token: cached.token };
    // Concurrent callers share one token request.
    fetching ??= fetchToken().finally(() => {
      fetching = undefined;
    });
    return fetching;
  }

  /** An authorised call; on a 401 the token is dropped and fetched again, once. */
  async function call(
    method: 'GET' | 'POST',
    path: string,
    init: { body?: string; requestId?: string } = {},
  ): Promise<Answer | PaypalFailure> {
    for (let attempt = 1; ; attempt++) {
      const token = await accessToken();
      if (!token.ok) return token;
      const answer = await send(method, path, {
        ...init,
        authorization: `Bearer ${token.token}`,
        contentType: method === 'POST' ? 'application/json' : undefined,
      });
      if (isFailure(answer) || answer.status !== 401 || attempt === 2) return answer;
      if (cached?.token === token.token) cached = undefined;
    }
  }

  async function getOrder(id: string): Promise<{ ok: true; order: PaypalOrder } | PaypalFailure> {
    const orderId = paypalIdSchema.safeParse(id);
    if (!orderId.success) return invalidInput(orderId.error);
    const answer = await call('GET', `/v2/checkout/orders/${orderId.data}`);
    if (isFailure(answer)) return answer;
    if (answer.status !== 200) return failureOf(answer);
    const parsed = orderResponse.safeParse(answer.json);
    if (!parsed.success) return unreadable(answer, 'order');
    return { ok: true, order: toOrder(parsed.data) };
  }

  function captureOutcome(
    order: PaypalOrder,
    alreadyCaptured: boolean,
    debugId: string | undefined,
  ): CaptureResult {
    const capture = order.capture;
    if (!capture) {
      return {
        ok: false,
        kind: 'unavailable',
        issue: 'UNEXPECTED_RESPONSE',
        message: `PayPal order ${order.id} (${order.status}) has no capture`,
        orderId: order.id,
        ...(debugId ? { debugId } : {}),
      };
    }
    if (capture.state === 'declined') {
      return {
        ok: false,
        kind: 'declined',
        issue: capture.status,
        message: `PayPal ${capture.status.toLowerCase()} the capture`,
        orderId: order.id,
        captureId: capture.id,
        ...(debugId ? { debugId } : {}),
      };
    }
    return { ok: true, state: capture.state, orderId: order.id, capture, alreadyCaptured };
  }

  return {
    accessToken,
    getOrder,

    async createOrder(input) {
      const parsed = createOrderInput.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { amountJpy, reference, invoiceId, returnUrl, cancelUrl, requestId } = parsed.data;
      const body = {
        intent: 'CAPTURE',
        purchase_units: [
          {
            reference_id: 'default',
            // JPY has no minor unit: PayPal refuses "1200.00" with DECIMALS_NOT_SUPPORTED.
            amount: { currency_code: 'JPY', value: String(amountJpy) },
            custom_id: reference,
            ...(invoiceId ? { invoice_id: invoiceId } : {}),
          },
        ],
        payment_source: {
          paypal: {
            experience_context: {
              return_url: returnUrl,
              cancel_url: cancelUrl,
              // The capture follows the approval at once, and the shop has the address already.
              user_action: 'PAY_NOW',
              shipping_preference: 'NO_SHIPPING',
            },
          },
        },
      };
      const answer = await call('POST', '/v2/checkout/orders', {
        body: JSON.stringify(body),
        requestId,
      });
      if (isFailure(answer)) return answer;
      if (answer.status !== 201 && answer.status !== 200) return failureOf(answer);
      const parsedOrder = orderResponse.safeParse(answer.json);
      const approveUrl = parsedOrder.success ? approveLink(parsedOrder.data.links) : undefined;
      if (!parsedOrder.success || !approveUrl) return unreadable(answer, 'create order');
      return { ok: true, id: parsedOrder.data.id, status: parsedOrder.data.status, approveUrl };
    },

    async captureOrder(id, requestId) {
      const orderId = paypalIdSchema.safeParse(id);
      if (!orderId.success) return invalidInput(orderId.error);
      const request = requestIdSchema.safeParse(requestId);
      if (!request.success) return invalidInput(request.error);
      const answer = await call('POST', `/v2/checkout/orders/${orderId.data}/capture`, {
        requestId: request.data,
      });
      if (isFailure(answer)) return answer;
      if (answer.status === 201 || answer.status === 200) {
        const parsed = orderResponse.safeParse(answer.json);
        if (!parsed.success) return unreadable(answer, 'capture');
        const order = toOrder(parsed.data);
        if (order.capture) return captureOutcome(order, false, answer.debugId);
        // A minimal answer without the capture: read the order rather than guess.
        const read = await getOrder(orderId.data);
        return read.ok ? captureOutcome(read.order, false, answer.debugId) : read;
      }
      const failure = failureOf(answer);
      if (failure.issue === 'ORDER_ALREADY_CAPTURED') {
        // Captured by an earlier attempt with another request id: its capture is the answer.
        const read = await getOrder(orderId.data);
        return read.ok ? captureOutcome(read.order, true, failure.debugId) : read;
      }
      return { ...failure, orderId: orderId.data };
    },

    async getCapture(id) {
      const captureId = paypalIdSchema.safeParse(id);
      if (!captureId.success) return invalidInput(captureId.error);
      const answer = await call('GET', `/v2/payments/captures/${captureId.data}`);
      if (isFailure(answer)) return answer;
      if (answer.status !== 200) return failureOf(answer);
      const parsed = captureResponse.safeParse(answer.json);
      if (!parsed.success) return unreadable(answer, 'capture');
      return { ok: true, capture: toCapture(parsed.data) };
    },

    async refundCapture(id, input) {
      const captureId = paypalIdSchema.safeParse(id);
      if (!captureId.success) return invalidInput(captureId.error);
      const parsed = refundInput.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      const { amountJpy, requestId, noteToPayer } = parsed.data;
      // Always an explicit amount: without one PayPal refunds everything that is left.
      const body = {
        amount: { currency_code: 'JPY', value: String(amountJpy) },
        ...(noteToPayer ? { note_to_payer: noteToPayer } : {}),
      };
      const answer = await call('POST', `/v2/payments/captures/${captureId.data}/refund`, {
        body: JSON.stringify(body),
        requestId,
      });
      if (isFailure(answer)) return answer;
      if (answer.status !== 201 && answer.status !== 200) {
        return { ...failureOf(answer), captureId: captureId.data };
      }
      const refund = refundResponse.safeParse(answer.json);
      if (!refund.success) return unreadable(answer, 'refund');
      const { status } = refund.data;
      if (status === 'FAILED' || status === 'CANCELLED') {
        return {
          ok: false,
          kind: 'declined',
          issue: status,
          message: `PayPal refund ${refund.data.id} ${status.toLowerCase()}`,
          captureId: captureId.data,
          ...(answer.debugId ? { debugId: answer.debugId } : {}),
        };
      }
      return {
        ok: true,
        refundId: refund.data.id,
        status,
        amountJpy: refund.data.amount ?? amountJpy,
      };
    },

    async verifyWebhookSignature(headers, rawBody, webhookId) {
      const header = (name: string): string | undefined => {
        if (headers instanceof Headers) return headers.get(name) ?? undefined;
        const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
        return Array.isArray(value) ? value[0] : value;
      };
      const fields = {
        auth_algo: header('paypal-auth-algo'),
        cert_url: header('paypal-cert-url'),
        transmission_id: header('paypal-transmission-id'),
        transmission_sig: header('paypal-transmission-sig'),
        transmission_time: header('paypal-transmission-time'),
        webhook_id: webhookId,
      };
      // Without PayPal's headers, or with a body that is not a JSON object, it is not from PayPal.
      if (Object.values(fields).some((v) => !v)) return { ok: true, verified: false };
      let event: unknown;
      try {
        event = JSON.parse(rawBody);
      } catch {
        return { ok: true, verified: false };
      }
      if (typeof event !== 'object' || event === null || Array.isArray(event)) {
        return { ok: true, verified: false };
      }
      // The event goes in byte for byte: PayPal checks the signature over what it sent, and
      // re-serialising (key order, number forms, escapes) can make a genuine event fail.
      const head = JSON.stringify(fields);
      const body = `${head.slice(0, -1)},"webhook_event":${rawBody}}`;
      const answer = await call('POST', '/v1/notifications/verify-webhook-signature', {
        body,
        requestId: randomUUID(),
      });
      if (isFailure(answer)) return answer;
      if (answer.status !== 200) return failureOf(answer);
      const parsed = verifyResponse.safeParse(answer.json);
      if (!parsed.success) return unreadable(answer, 'verify webhook signature');
      return { ok: true, verified: parsed.data.verification_status === 'SUCCESS' };
    },
  };
}

/** The shop's PayPal client from its settings, or undefined when PayPal is not configured. */
export function paypalClientFromEnv(
  env: Pick<Env, 'PAYPAL_CLIENT_ID' | 'PAYPAL_CLIENT_SECRET' | 'PAYPAL_ENV'>,
  overrides: Partial<PaypalClientOptions> = {},
): PaypalClient | undefined {
  if (!env.PAYPAL_CLIENT_ID || !env.PAYPAL_CLIENT_SECRET) return undefined;
  return createPaypalClient({
    clientId: env.PAYPAL_CLIENT_ID,
    clientSecret: env.PAYPAL_CLIENT_SECRET,
    environment: env.PAYPAL_ENV,
    ...overrides,
  });
}
