import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { accountAdminRoutes } from '../accounts/admin-routes.tsx';
import { endSession, STAFF_SESSION_HOURS } from '../accounts/sessions.ts';
import { productAdminRoutes } from '../catalog/admin-routes.tsx';
import { guideAdminRoutes } from '../guide/admin-routes.tsx';
import { mailAdminRoutes } from '../mail/admin-mail-routes.tsx';
import { mailboxAdminRoutes } from '../mail/admin-mailbox-routes.tsx';
import { noticeAdminRoutes } from '../mail/admin-notice-routes.tsx';
import { suppressionAdminRoutes } from '../mail/admin-suppression-routes.tsx';
import { newsletterAdminRoutes } from '../newsletter/admin-routes.tsx';
import { orderAdminRoutes } from '../orders/admin-routes.tsx';
import { requireStaff } from '../staff/access.ts';
import { staffSignInInput } from '../staff/inputs.ts';
import { homePath } from '../staff/permissions.ts';
import { signInStaff } from '../staff/sign-in-staff.ts';
import { inquiryAdminRoutes } from '../support/admin-routes.tsx';
import { renderAdminPage } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { clientAddress } from '../web/rate-limit.ts';
import { clearCookie, cookieNames, setSessionCookie } from '../web/session.ts';
import { adminNav } from './pages/admin-nav.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';

const SIGN_IN_FAILED = 'That email and password do not match a staff account.';

/** The staff console, mounted at /admin: sign-in is open, everything else needs staff. */
export const adminRoutes = new Hono<AppEnv>()
  .use('*', async (c, next) => {
    c.set('adminNav', adminNav);
    await next();
  })
  .get('/sign-in', (c) => {
    if (c.get('staff')) return c.redirect('/admin', 303);
    return renderAdminPage(c, 'Staff sign-in', <SignInPage csrf={c.get('csrfToken')} email="" />);
  })
  .post('/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const parsed = staffSignInInput.safeParse(body);
    const deps = c.get('deps');
    const result = parsed.success
      ? await signInStaff(deps, { ...parsed.data, clientAddress: clientAddress(c) })
      : ({ ok: false, reason: 'invalid' } as const);
    const email = typeof body.email === 'string' ? body.email : '';
    if (!result.ok && result.reason === 'throttled') {
      c.header('retry-after', String(result.retryAfterSeconds));
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      return renderAdminPage(
        c,
        'Staff sign-in',
        <SignInPage
          csrf={c.get('csrfToken')}
          email={email}
          message={c.get('t')('error.tooMany', { minutes })}
        />,
        429,
      );
    }
    if (!result.ok) {
      // A locked account gets this answer too: its owner learns of the lock by mail.
      return renderAdminPage(
        c,
        'Staff sign-in',
        <SignInPage csrf={c.get('csrfToken')} email={email} message={SIGN_IN_FAILED} />,
        400,
      );
    }
    const token = result.sessionToken;
    // Rotate: a session cookie that came in is ended before the new one replaces it.
    const previous = getCookie(c, cookieNames.staff);
    if (previous) await endSession(deps.db, previous);
    setSessionCookie(c, cookieNames.staff, token, STAFF_SESSION_HOURS * 3600);
    return c.redirect('/admin', 303);
  })
  .post('/sign-out', async (c) => {
    const token = getCookie(c, cookieNames.staff);
    if (token) await endSession(c.get('deps').db, token);
    clearCookie(c, cookieNames.staff);
    return c.redirect('/admin/sign-in', 303);
  })
  .use('*', requireStaff)
  .get('/', (c) => c.redirect(homePath(c.get('staff')!.role), 303))
  .route('/orders', orderAdminRoutes)
  .route('/inquiries', inquiryAdminRoutes)
  .route('/guide', guideAdminRoutes)
  .route('/products', productAdminRoutes)
  .route('/mail', mailAdminRoutes)
  .route('/mailbox', mailboxAdminRoutes)
  .route('/suppressions', suppressionAdminRoutes)
  .route('/notices', noticeAdminRoutes)
  .route('/newsletters', newsletterAdminRoutes)
  .route('/', accountAdminRoutes);
