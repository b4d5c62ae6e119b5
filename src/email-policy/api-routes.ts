import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponse } from '../api/api-app.ts';
import type { AppEnv } from '../web/context.ts';
import { apiError, fieldMessages } from '../web/errors.ts';
import { clientAddress, hitRateLimits, type RateLimitRule } from '../web/rate-limit.ts';
import { checkEmailAddress } from './check-email-address.ts';
import { problemList } from './messages.ts';
import { policyCodes } from './rules.ts';

const checkRequest = z
  .object({
    email: z
      .string('Required: the address as the customer typed it.')
      .max(1000, 'At most 1000 characters.')
      .openapi({ example: 'taro+shop@gmial.com' }),
  })
  .openapi('EmailAddressCheckRequest');

const checkResult = z
  .object({
    verdict: z.enum(['ok', 'warn', 'reject']).openapi({
      description: 'reject: refuse the address; warn: show the problems, the customer may go on.',
    }),
    normalized: z.string().openapi({
      example: 'Taro.Yamada@example.co.jp',
      description: 'Trimmed, domain lower-case in A-labels (xn--), local part as typed.',
    }),
    problems: z.array(
      z.object({
        code: z.enum(policyCodes),
        message: z.string().openapi({ description: 'What to change, in the Accept-Language.' }),
      }),
    ),
    suggestion: z.string().nullable().openapi({
      example: 'taro@gmail.com',
      description: 'A likely meant address, never blocking.',
    }),
    unverified: z.boolean().openapi({
      description: 'DNS did not answer in time or failed; accepted, checked again before sending.',
    }),
  })
  .openapi('EmailAddressCheck');

const checkRoute = createRoute({
  method: 'post',
  path: '/email-addresses/check',
  tags: ['Email addresses'],
  summary: "Check an address against the shop's email address policy",
  description:
    'The same check the forms run: syntax, symbols, dots, length, domain, DNS (MX, A/AAAA, null ' +
    'MX) and a typo suggestion. Rate-limited per client address.',
  request: {
    body: { required: true, content: { 'application/json': { schema: checkRequest } } },
  },
  responses: {
    200: { description: 'The verdict', content: { 'application/json': { schema: checkResult } } },
    400: errorResponse('invalid_request: the body is not JSON with an email string'),
    429: errorResponse('rate_limited: too many checks from this client address'),
  },
});

/** Checks per client address: enough for live checking while typing, not for bulk probing. */
export const EMAIL_CHECK_LIMITS = {
  perMinute: { max: 30, windowSeconds: 60 },
  perHour: { max: 300, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimitRule>;

const limits = (address: string) => [
  { key: `email-check:ip:${address}`, ...EMAIL_CHECK_LIMITS.perMinute },
  { key: `email-check:ip-hour:${address}`, ...EMAIL_CHECK_LIMITS.perHour },
];

/** `POST /store/email-addresses/check`, mounted by the store API (so it is in its OpenAPI document). */
export const emailAddressesApi = new OpenAPIHono<AppEnv>();

// Documented from the zod schemas but parsed here, so every malformed body gets invalid_request.
emailAddressesApi.openAPIRegistry.registerPath(checkRoute);
emailAddressesApi.post(checkRoute.path, async (c) => {
  const invalid = (message: string, fields: Record<string, string>) =>
    c.json(apiError('invalid_request', message, fields), 400);
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? ''))
    return invalid('Send the request body as application/json.', {
      body: 'Expected application/json.',
    });
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return invalid('The request body is not valid JSON.', { body: 'Not valid JSON.' });
  }
  const parsed = checkRequest.safeParse(body);
  if (!parsed.success)
    return invalid('The request body is not valid.', fieldMessages(parsed.error.issues));

  const deps = c.get('deps');
  const limited = await hitRateLimits(deps.db, limits(clientAddress(c)), deps.clock.now());
  if (!limited.ok) {
    c.header('retry-after', String(limited.retryAfterSeconds));
    return c.json(
      apiError(
        'rate_limited',
        `Too many checks from this address. Try again in ${limited.retryAfterSeconds} seconds.`,
      ),
      429,
    );
  }
  const check = await checkEmailAddress(parsed.data.email, deps);
  return c.json(
    {
      verdict: check.verdict,
      normalized: check.normalized,
      problems: problemList(c.get('t'), check),
      suggestion: check.suggestion,
      unverified: check.unverified,
    },
    200,
  );
});
