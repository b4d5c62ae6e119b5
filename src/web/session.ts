import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findSessionMember, findSessionStaff } from '../accounts/sessions.ts';
import { hmac, randomToken, safeEqual } from '../lib/ids.ts';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';
import { isLocale, localeFromHeader, translator } from './i18n.ts';

export const cookieNames = {
  visitor: 'tp_vid',
  member: 'tp_sid',
  staff: 'tp_staff',
  locale: 'tp_lang',
} as const;

function cookieOptions(c: Context<AppEnv>, maxAgeSeconds: number) {
  const deps = c.get('deps');
  const secure = deps.env.SECURE_COOKIES ?? deps.publicUrl.startsWith('https:');
  return { httpOnly: true, sameSite: 'Lax' as const, path: '/', secure, maxAge: maxAgeSeconds };
}

export function setSessionCookie(
  c: Context<AppEnv>,
  name: string,
  value: string,
  maxAgeSeconds: number,
) {
  setCookie(c, name, value, cookieOptions(c, maxAgeSeconds));
}

export function clearCookie(c: Context<AppEnv>, name: string) {
  deleteCookie(c, name, { path: '/' });
}

/** Loads visitor id, locale, signed-in member and staff for every request. */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { db, clock, secret } = c.get('deps');
    let visitorId = getCookie(c, cookieNames.visitor);
    if (!visitorId || !/^[\w-]{43}$/.test(visitorId)) {
      visitorId = randomToken();
      setSessionCookie(c, cookieNames.visitor, visitorId, 400 * 24 * 3600);
    }
    c.set('visitorId', visitorId);
    c.set('csrfToken', hmac(secret, `csrf:${visitorId}`));

    const langCookie = getCookie(c, cookieNames.locale);
    const locale = isLocale(langCookie)
      ? langCookie
      : localeFromHeader(c.req.header('accept-language'));
    c.set('locale', locale);
    c.set('t', translator(locale));

    const memberToken = getCookie(c, cookieNames.member);
    c.set('member', memberToken ? await findSessionMember(db, memberToken, clock.now()) : null);
    const staffToken = getCookie(c, cookieNames.staff);
    c.set('staff', staffToken ? await findSessionStaff(db, staffToken, clock.now()) : null);
    await next();
  };
}

/**
 * Every state-changing form carries `_csrf`, an HMAC of the visitor cookie; the JSON API is exempt
 * because it authenticates with headers, never cookies.
 */
export function csrfMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.startsWith('/api/')) {
      return next();
    }
    const type = c.req.header('content-type') ?? '';
    let token: unknown;
    if (
      type.startsWith('application/x-www-form-urlencoded') ||
      type.startsWith('multipart/form-data')
    ) {
      token = (await c.req.parseBody())._csrf;
    }
    if (typeof token !== 'string' || !safeEqual(token, c.get('csrfToken'))) {
      throw new AppError('csrf_failed', 403, c.get('t')('error.csrf'));
    }
    return next();
  };
}
