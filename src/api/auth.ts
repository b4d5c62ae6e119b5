import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { signInInput } from '../accounts/inputs.ts';
import { endSession, findSessionMember } from '../accounts/sessions.ts';
import { signIn } from '../accounts/sign-in.ts';
import type { Member } from '../accounts/tables.ts';
import type { AppEnv } from '../web/context.ts';
import { AppError, apiError } from '../web/errors.ts';
import { clientAddress } from '../web/rate-limit.ts';
import { apiApp, errorResponse, requiredBearer } from './api-app.ts';
import { cartTokenHeader } from './carts.ts';

const BEARER = /^Bearer\s+([\w-]{20,100})$/i;

/** The token in `Authorization: Bearer …`, if the header has that form. */
export function bearerToken(c: Context<AppEnv>): string | null {
  return BEARER.exec(c.req.header('authorization')?.trim() ?? '')?.[1] ?? null;
}

/**
 * Sets `member` from the bearer token. A token that is sent but not valid is refused outright, so
 * a client with an expired session never silently acts as a guest.
 */
export function bearerMember(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let member: Member | null = null;
    if (c.req.header('authorization') !== undefined) {
      const token = bearerToken(c);
      const { db, clock } = c.get('deps');
      member = token ? await findSessionMember(db, token, clock.now()) : null;
      if (!member) {
        return c.json(
          apiError('invalid_token', 'The bearer token is not valid or has expired. Sign in again.'),
          401,
          { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
        );
      }
    }
    c.set('member', member);
    await next();
  };
}

/** The signed-in member, or a 401 for guests. */
export function requireMember(c: Context<AppEnv>): Member {
  const member = c.get('member');
  if (!member) {
    throw new AppError(
      'unauthorized',
      401,
      'Sign in first: send Authorization: Bearer <token> from POST /api/store/sessions.',
    );
  }
  return member;
}

const sessionSchema = z
  .object({
    token: z.string().openapi({ description: 'Send as Authorization: Bearer <token>.' }),
    member: z.object({ memberCode: z.string(), email: z.string(), name: z.string() }),
  })
  .openapi('Session');

const signInRoute = createRoute({
  method: 'post',
  path: '/sessions',
  tags: ['Sessions'],
  summary: 'Sign in a member',
  description:
    'Member ID or email with password. When X-Cart-Token is sent, that guest cart moves into the member cart.',
  request: {
    headers: z.object({ 'X-Cart-Token': cartTokenHeader.optional() }),
    body: { required: true, content: { 'application/json': { schema: signInInput } } },
  },
  responses: {
    201: { description: 'Signed in', content: { 'application/json': { schema: sessionSchema } } },
    400: errorResponse('The body is not valid'),
    401: errorResponse('invalid_credentials: the same answer for every wrong login or password'),
    429: errorResponse(
      'too_many_attempts: too many failed sign-ins for this login or from this address, whether the login exists or not; wait for Retry-After seconds',
    ),
  },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: '/sessions/current',
  tags: ['Sessions'],
  summary: 'Sign out (ends the bearer token)',
  security: requiredBearer,
  responses: {
    204: { description: 'Signed out' },
    401: errorResponse('Not signed in'),
  },
});

export const authApi = apiApp()
  .openapi(signInRoute, async (c) => {
    const { db, clock } = c.get('deps');
    const { login, password } = c.req.valid('json');
    const cartToken = c.req.valid('header')['X-Cart-Token'];
    const result = await signIn(
      { db, clock },
      {
        login,
        password,
        clientAddress: clientAddress(c),
        ...(cartToken ? { visitorId: cartToken } : {}),
      },
    );
    if (!result.ok && result.reason === 'throttled') {
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      return c.json(
        apiError(
          'too_many_attempts',
          `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        ),
        429,
        { 'Retry-After': String(result.retryAfterSeconds) },
      );
    }
    if (!result.ok) {
      return c.json(
        apiError('invalid_credentials', 'The member ID, email or password is not correct.'),
        401,
      );
    }
    const { memberCode, email, name } = result.member;
    return c.json({ token: result.sessionToken, member: { memberCode, email, name } }, 201);
  })
  .openapi(signOutRoute, async (c) => {
    requireMember(c);
    await endSession(c.get('deps').db, bearerToken(c)!);
    return c.body(null, 204);
  });
