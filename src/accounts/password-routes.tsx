import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { clientAddress, hitRateLimits } from '../web/rate-limit.ts';
import { limitedMessage, typedValues } from './form-replies.ts';
import { forgotPasswordInput, resetWithCodeInput, resetWithLinkInput } from './inputs.ts';
import { PASSWORD_RESET_LIMITS } from './limits.ts';
import { identityKey } from './login-identity.ts';
import { clearPendingVerification, startMemberSession } from './member-cookies.ts';
import {
  ForgotPasswordPage,
  ResetCodePage,
  ResetDonePage,
  ResetLinkPage,
} from './pages/password-pages.tsx';
import { requestPasswordReset } from './request-password-reset.ts';
import { type ResetProof, resetPassword } from './reset-password.ts';
import { openMemberSession } from './sign-in.ts';
import { members } from './tables.ts';
import { checkLink } from './verification-codes.ts';

type Ctx = Context<AppEnv>;

/** Limits on asking for reset mail and on entering what it carried, per client and per login. */
function resetLimits(c: Ctx, step: 'send' | 'check', login: string) {
  const limits = PASSWORD_RESET_LIMITS[step];
  const key = identityKey(login);
  return hitRateLimits(
    c.get('deps').db,
    [
      { key: `reset:${step}:ip:${clientAddress(c)}`, ...limits.perClient },
      { key: `reset:${step}:login:${key}`, ...limits.perLogin },
    ],
    c.get('deps').clock.now(),
  );
}

function forgotPage(
  c: Ctx,
  values: Record<string, string>,
  state: { errors?: Record<string, string>; message?: string; status?: 200 | 400 | 429 } = {},
) {
  const t = c.get('t');
  return renderPage(
    c,
    t('acct.forgot.title'),
    <ForgotPasswordPage
      t={t}
      csrf={c.get('csrfToken')}
      values={values}
      errors={state.errors ?? {}}
      message={state.message}
    />,
    state.status ?? 200,
  );
}

function codePage(
  c: Ctx,
  values: Record<string, string>,
  state: { errors?: Record<string, string>; message?: string; status?: 200 | 400 | 429 } = {},
) {
  const t = c.get('t');
  return renderPage(
    c,
    t('acct.reset.title'),
    <ResetCodePage
      t={t}
      csrf={c.get('csrfToken')}
      values={values}
      errors={state.errors ?? {}}
      message={state.message}
    />,
    state.status ?? 200,
  );
}

async function linkPage(
  c: Ctx,
  token: string | null,
  state: { error?: string; message?: string; status?: 200 | 400 | 429 } = {},
) {
  const t = c.get('t');
  const { db, clock } = c.get('deps');
  const link = token
    ? await checkLink(db, { purpose: 'password_reset', token, now: clock.now() })
    : null;
  const [member] = link?.ok
    ? await db
        .select({ memberCode: members.memberCode })
        .from(members)
        .where(eq(members.id, link.subjectId))
    : [];
  const works = Boolean(link?.ok && member);
  return renderPage(
    c,
    t('acct.reset.title'),
    <ResetLinkPage
      t={t}
      csrf={c.get('csrfToken')}
      token={works ? token : null}
      memberCode={member?.memberCode ?? ''}
      error={state.error}
      message={works ? state.message : (state.message ?? t('acct.reset.linkInvalid'))}
    />,
    works ? (state.status ?? 200) : (state.status ?? 400),
  );
}

/** The new password is set: this browser is signed in afresh, every other session has ended. */
async function finishReset(c: Ctx, proof: ResetProof, password: string) {
  const deps = c.get('deps');
  const result = await resetPassword(deps, { proof, password, clientAddress: clientAddress(c) });
  if (!result.ok) return result;
  const token = await openMemberSession(deps, result.member, c.get('visitorId'));
  await startMemberSession(c, token);
  clearPendingVerification(c);
  return result;
}

/** Forgotten password: a code and a link by mail (30 minutes, single use), then a new password. */
export const passwordRoutes = new Hono<AppEnv>()
  .get('/account/password/forgot', (c) => forgotPage(c, {}))
  .post('/account/password/forgot', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const values = typedValues(body, ['login']);
    const parsed = forgotPasswordInput.safeParse(body);
    if (!parsed.success)
      return forgotPage(c, values, {
        errors: fieldMessages(parsed.error.issues, t),
        message: t('error.fixBelow'),
        status: 400,
      });
    // Counted before anyone is looked up, so a match and a miss are limited alike.
    const limited = await resetLimits(c, 'send', parsed.data.login);
    if (!limited.ok)
      return forgotPage(c, values, {
        message: limitedMessage(c, limited.retryAfterSeconds),
        status: 429,
      });
    await requestPasswordReset(c.get('deps'), {
      login: parsed.data.login,
      locale: c.get('locale'),
      clientAddress: clientAddress(c),
    });
    return codePage(c, { login: parsed.data.login });
  })
  .get('/account/password/reset', async (c) => {
    const token = c.req.query('token');
    if (!token) return c.redirect('/account/password/forgot', 303);
    return linkPage(c, token);
  })
  .post('/account/password/reset', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    if (typeof body.token === 'string') {
      const token = body.token.slice(0, 200);
      const parsed = resetWithLinkInput.safeParse(body);
      if (!parsed.success) {
        const errors = fieldMessages(parsed.error.issues, t);
        return linkPage(c, token, { error: errors.password, status: 400 });
      }
      const limited = await hitRateLimits(
        c.get('deps').db,
        [{ key: `reset:check:ip:${clientAddress(c)}`, ...PASSWORD_RESET_LIMITS.check.perClient }],
        c.get('deps').clock.now(),
      );
      if (!limited.ok)
        return linkPage(c, token, {
          message: limitedMessage(c, limited.retryAfterSeconds),
          status: 429,
        });
      const result = await finishReset(c, { token: parsed.data.token }, parsed.data.password);
      if (!result.ok) return linkPage(c, null);
      return c.redirect('/account/password/done', 303);
    }
    const values = typedValues(body, ['login', 'code']);
    const parsed = resetWithCodeInput.safeParse(body);
    if (!parsed.success)
      return codePage(c, values, {
        errors: fieldMessages(parsed.error.issues, t),
        message: t('error.fixBelow'),
        status: 400,
      });
    const limited = await resetLimits(c, 'check', parsed.data.login);
    if (!limited.ok)
      return codePage(c, values, {
        message: limitedMessage(c, limited.retryAfterSeconds),
        status: 429,
      });
    const result = await finishReset(
      c,
      { login: parsed.data.login, code: parsed.data.code },
      parsed.data.password,
    );
    // One answer for every failure: it must not tell whether the login belongs to anyone.
    if (!result.ok) return codePage(c, values, { message: t('acct.reset.wrong'), status: 400 });
    return c.redirect('/account/password/done', 303);
  })
  .get('/account/password/done', (c) => {
    if (!c.get('member')) return c.redirect('/account/sign-in', 303);
    const t = c.get('t');
    return renderPage(c, t('acct.reset.doneTitle'), <ResetDonePage t={t} />);
  });
