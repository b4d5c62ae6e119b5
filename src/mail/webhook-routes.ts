import { Hono } from 'hono';
import { safeEqual } from '../lib/ids.ts';
import type { AppEnv } from '../web/context.ts';
import { apiError } from '../web/errors.ts';
import { checkTokenDoor, clientAddress } from '../web/rate-limit.ts';
import { applyReport } from './apply-report.ts';
import { parseProviderPayload } from './bounces/parse-provider-event.ts';

/** The token from `Authorization: Bearer …` or HTTP Basic (SNS puts it in the endpoint URL). */
function presentedToken(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return null;
}

/**
 * Delivery events from mail providers: Tenpo's normalised JSON, Amazon SES through SNS (with its
 * subscription confirmation) and Postmark. Disabled unless MAIL_WEBHOOK_TOKEN is set.
 */
export const mailWebhookRoutes = new Hono<AppEnv>().post('/mail-events', async (c) => {
  const deps = c.get('deps');
  const expected = deps.env.MAIL_WEBHOOK_TOKEN;
  if (!expected) return c.json(apiError('not_found', 'Webhooks are not enabled.'), 404);
  const token = presentedToken(c.req.header('authorization'));
  const door = await checkTokenDoor(deps.db, {
    door: 'mail-webhook',
    client: clientAddress(c),
    tokenOk: token !== null && safeEqual(token, expected),
    now: deps.clock.now(),
  });
  if (typeof door === 'object') {
    c.header('retry-after', String(door.retryAfterSeconds));
    return c.json(apiError('too_many_attempts', 'Too many wrong tokens; try again later.'), 429);
  }
  if (door === 'wrong') {
    c.header('www-authenticate', 'Bearer, Basic realm="tenpo-webhooks"');
    return c.json(apiError('unauthorized', 'A valid webhook token is required.'), 401);
  }
  const payload = parseProviderPayload(await c.req.text(), {
    'x-amz-sns-message-type': c.req.header('x-amz-sns-message-type'),
  });
  if (payload.kind === 'invalid') return c.json(apiError('invalid_request', payload.reason), 400);
  if (payload.kind === 'ses_subscription') {
    // Confirming means fetching the URL SNS gave us; the parser accepts only SNS's own hosts.
    const res = await (deps.fetch ?? fetch)(payload.subscribeUrl);
    if (!res.ok) return c.json(apiError('subscription_failed', `SNS answered ${res.status}.`), 502);
    return c.json({ confirmed: payload.topicArn });
  }
  const counts = { recorded: 0, unknown_message: 0, ignored: 0 };
  for (const event of payload.events) {
    const outcome = await applyReport(
      { db: deps.db, softBounceLimit: deps.env.SOFT_BOUNCE_LIMIT, now: deps.clock.now() },
      event,
      `webhook:${event.provider}`,
    );
    counts[outcome] += 1;
  }
  return c.json(counts);
});
