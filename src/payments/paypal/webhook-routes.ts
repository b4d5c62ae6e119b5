import { Hono } from 'hono';
import type { AppEnv } from '../../web/context.ts';
import { apiError } from '../../web/errors.ts';
import { checkTokenDoor, clientAddress } from '../../web/rate-limit.ts';
import { handlePaypalEvent, parsePaypalEvent } from './paypal-events.ts';

/**
 * PayPal's webhook (issue 11, decision 0015), at /api/webhooks/paypal. Disabled unless
 * PAYPAL_WEBHOOK_ID is set and a PayPal client is configured. Each delivery is checked with
 * PayPal's verify-webhook-signature call over the body exactly as received; a refused one is
 * answered 400 and stored nowhere, and counts against its sender like a wrong token. A verified
 * event is stored by its id and handled once; PayPal retries anything but a 2xx, so unknown
 * types and captures are answered 200 too.
 */
export const paypalWebhookRoutes = new Hono<AppEnv>().post('/paypal', async (c) => {
  const deps = c.get('deps');
  const webhookId = deps.env.PAYPAL_WEBHOOK_ID;
  const paypal = deps.paypal;
  if (!webhookId || !paypal) return c.json(apiError('not_found', 'Webhooks are not enabled.'), 404);
  const door = { door: 'paypal-webhook', client: clientAddress(c) };
  const tooMany = (retryAfterSeconds: number) => {
    c.header('retry-after', String(retryAfterSeconds));
    return c.json(
      apiError('too_many_attempts', 'Too many unverified events; try again later.'),
      429,
    );
  };
  // A sender refused too often is stopped before it costs a call to PayPal.
  const before = await checkTokenDoor(deps.db, { ...door, tokenOk: true, now: deps.clock.now() });
  if (typeof before === 'object') return tooMany(before.retryAfterSeconds);

  const rawBody = await c.req.text();
  const verified = await paypal.verifyWebhookSignature(c.req.raw.headers, rawBody, webhookId);
  if (!verified.ok) {
    deps.log?.warn(
      { issue: verified.issue, debugId: verified.debugId },
      'PayPal webhook not verified',
    );
    // PayPal could not say: it sends the event again later.
    return c.json(apiError('unavailable', 'The event could not be verified now.'), 503);
  }
  const event = verified.verified ? parsePaypalEvent(rawBody) : null;
  if (!event) {
    const counted = await checkTokenDoor(deps.db, {
      ...door,
      tokenOk: false,
      now: deps.clock.now(),
    });
    if (typeof counted === 'object') return tooMany(counted.retryAfterSeconds);
    return c.json(apiError('invalid_signature', 'The event is not a verified PayPal event.'), 400);
  }
  const handled = await handlePaypalEvent(deps, event);
  if (handled.kind === 'deferred') {
    return c.json(apiError('try_later', 'The event is about a refund still being recorded.'), 503);
  }
  return c.json(
    handled.kind === 'replayed'
      ? { id: event.id, replayed: true }
      : { id: event.id, outcome: handled.outcome },
  );
});
