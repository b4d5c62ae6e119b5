import { Hono, type MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { checkEmailAddress } from '../email-policy/check-email-address.ts';
import { checkEmailField } from '../email-policy/email-field.ts';
import { problemMessage } from '../email-policy/messages.ts';
import { findAddressProblem, findRecentMail } from '../mail/find-order-mail.ts';
import { listMemberOrders } from '../orders/find-orders.ts';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { clientAddress, hitRateLimits } from '../web/rate-limit.ts';
import { safeLocalPath } from '../web/redirect.ts';
import { clearCookie, cookieNames } from '../web/session.ts';
import { recordAccountEvent } from './account-events.ts';
import { emailChangeRoutes } from './email-change-routes.tsx';
import { registerInput, signInInput } from './inputs.ts';
import { REGISTER_LIMIT } from './limits.ts';
import { lookupRoutes } from './lookup-routes.tsx';
import { setPendingVerification, startMemberSession } from './member-cookies.ts';
import { MyPage, RegisterPage, SignInPage } from './pages/account-pages.tsx';
import { passwordRoutes } from './password-routes.tsx';
import { registerMember } from './register-member.ts';
import { endSession } from './sessions.ts';
import { signIn } from './sign-in.ts';
import { verifyRoutes } from './verify-routes.tsx';

/** MyPage needs a member; everyone else goes to sign-in and comes back. */
const requireMember: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('member'))
    return c.redirect(`/account/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
  return next();
};

function stringFields(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body).filter(
      ([k, v]) => typeof v === 'string' && k !== 'password' && k !== '_csrf',
    ),
  ) as Record<string, string>;
}

export const accountRoutes = new Hono<AppEnv>()
  .get('/account/sign-in', (c) => {
    const t = c.get('t');
    const next = safeLocalPath(c.req.query('next'), '/mypage');
    return renderPage(
      c,
      t('account.signInTitle'),
      <SignInPage t={t} csrf={c.get('csrfToken')} values={{}} errors={{}} next={next} />,
    );
  })
  .post('/account/sign-in', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const next = safeLocalPath(typeof body.next === 'string' ? body.next : undefined, '/mypage');
    const parsed = signInInput.safeParse(body);
    const result = parsed.success
      ? await signIn(c.get('deps'), {
          ...parsed.data,
          visitorId: c.get('visitorId'),
          clientAddress: clientAddress(c),
        })
      : ({ ok: false, reason: 'invalid' } as const);
    if (!result.ok && result.reason === 'throttled') {
      // Unknown login, wrong password or not: past the limits every attempt gets this answer.
      c.header('retry-after', String(result.retryAfterSeconds));
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      return renderPage(
        c,
        t('account.signInTitle'),
        <SignInPage
          t={t}
          csrf={c.get('csrfToken')}
          values={stringFields(body)}
          errors={{}}
          message={t('error.tooMany', { minutes })}
          next={next}
        />,
        429,
      );
    }
    if (!result.ok && result.reason === 'unverified') {
      // Only someone who gave the right password learns the address still needs its code.
      setPendingVerification(c, result.pendingId);
      return c.redirect('/account/verify?notice=needed', 303);
    }
    if (!result.ok) {
      return renderPage(
        c,
        t('account.signInTitle'),
        <SignInPage
          t={t}
          csrf={c.get('csrfToken')}
          values={stringFields(body)}
          errors={parsed.success ? {} : fieldMessages(parsed.error.issues, t)}
          message={t('account.signInFailed')}
          next={next}
        />,
        400,
      );
    }
    await startMemberSession(c, result.sessionToken);
    return c.redirect(next, 303);
  })
  .get('/account/register', (c) => {
    const t = c.get('t');
    return renderPage(
      c,
      t('account.registerTitle'),
      <RegisterPage
        t={t}
        csrf={c.get('csrfToken')}
        values={{}}
        errors={{}}
        locale={c.get('locale')}
      />,
    );
  })
  .post('/account/register', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    // The email address policy on every submit; its message replaces the generic one.
    const policy = await checkEmailField(c, typeof body.email === 'string' ? body.email : '');
    const parsed = registerInput.safeParse({
      ...body,
      ...(policy.ok ? { email: policy.email } : {}),
    });
    const again = (errors: Record<string, string>, message: string, status: 400 | 429 = 400) =>
      renderPage(
        c,
        t('account.registerTitle'),
        <RegisterPage
          t={t}
          csrf={c.get('csrfToken')}
          values={stringFields(body)}
          errors={errors}
          message={message}
          locale={c.get('locale')}
        />,
        status,
      );
    if (!parsed.success || !policy.ok) {
      const errors = parsed.success ? {} : fieldMessages(parsed.error.issues, t);
      return again(policy.ok ? errors : { ...errors, email: policy.message }, t('error.fixBelow'));
    }
    const deps = c.get('deps');
    const limited = await hitRateLimits(
      deps.db,
      [{ key: `register:ip:${clientAddress(c)}`, ...REGISTER_LIMIT }],
      deps.clock.now(),
    );
    if (!limited.ok) {
      c.header('retry-after', String(limited.retryAfterSeconds));
      return again(
        {},
        t('error.tooMany', { minutes: Math.ceil(limited.retryAfterSeconds / 60) }),
        429,
      );
    }
    const registered = await registerMember(deps, parsed.data, { clientAddress: clientAddress(c) });
    if (!registered.ok) return again({ memberCode: t('account.taken') }, t('error.fixBelow'));
    // The account works once the code mailed to the address comes back. An address that already
    // has a member ID gets the same answer (a decoy), so nobody learns that it is registered.
    setPendingVerification(c, registered.pendingId);
    return c.redirect('/account/verify', 303);
  })
  .post('/account/sign-out', async (c) => {
    const token = getCookie(c, cookieNames.member);
    if (token) await endSession(c.get('deps').db, token);
    const member = c.get('member');
    if (member)
      await recordAccountEvent(c.get('deps').db, {
        memberId: member.id,
        type: 'signed_out',
        clientAddress: clientAddress(c),
        now: c.get('deps').clock.now(),
      });
    clearCookie(c, cookieNames.member);
    return c.redirect('/', 303);
  })
  .route('/', verifyRoutes)
  .route('/', passwordRoutes)
  .route('/', lookupRoutes)
  .route('/', emailChangeRoutes)
  .use('/mypage/*', requireMember)
  .use('/mypage', requireMember)
  .get('/mypage', async (c) => {
    const member = c.get('member')!;
    const { db } = c.get('deps');
    const orders = await listMemberOrders(db, member.id);
    const recentMail = await findRecentMail(db, member);
    const mailProblem = await findAddressProblem(db, member.email);
    // Addresses stored before the policy (imported, or the rules changed since) get a nudge.
    const policy = await checkEmailAddress(member.email, c.get('deps'));
    const policyProblems = policy.problems.map((p) => problemMessage(c.get('t'), p));
    return renderPage(
      c,
      c.get('t')('mypage.title'),
      <MyPage
        member={member}
        orders={orders}
        recentMail={recentMail}
        mailProblem={mailProblem}
        policyProblems={policyProblems}
        t={c.get('t')}
        locale={c.get('locale')}
      />,
    );
  });
