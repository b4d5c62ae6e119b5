import { type Context, Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { clientAddress, hitRateLimits } from '../web/rate-limit.ts';
import { confirmMemberLookup } from './confirm-member-lookup.ts';
import { limitedMessage, typedValues } from './form-replies.ts';
import { memberLookupCodeInput, memberLookupInput } from './inputs.ts';
import { MEMBER_LOOKUP_LIMITS } from './limits.ts';
import { identityKey } from './login-identity.ts';
import { LookupCodePage, LookupPage, LookupResultPage } from './pages/lookup-pages.tsx';
import { requestMemberLookup } from './request-member-lookup.ts';

type Ctx = Context<AppEnv>;
type FormState = { errors?: Record<string, string>; message?: string; status?: 200 | 400 | 429 };

/** Limits per client and per address; counted before anything is looked up. */
function lookupLimits(c: Ctx, step: 'send' | 'check', email: string) {
  const limits = MEMBER_LOOKUP_LIMITS[step];
  return hitRateLimits(
    c.get('deps').db,
    [
      { key: `lookup:${step}:ip:${clientAddress(c)}`, ...limits.perClient },
      { key: `lookup:${step}:email:${identityKey(email)}`, ...limits.perEmail },
    ],
    c.get('deps').clock.now(),
  );
}

function page(c: Ctx, which: 'start' | 'code', values: Record<string, string>, state: FormState) {
  const t = c.get('t');
  const Page = which === 'start' ? LookupPage : LookupCodePage;
  return renderPage(
    c,
    t('acct.lookup.title'),
    <Page
      t={t}
      csrf={c.get('csrfToken')}
      values={values}
      errors={state.errors ?? {}}
      message={state.message}
    />,
    state.status ?? 200,
  );
}

/**
 * "Check the member ID registered for your email address": the page answers the same for every
 * address; only the mail differs, and only the code in it shows the member ID.
 */
export const lookupRoutes = new Hono<AppEnv>()
  .get('/account/lookup', (c) => page(c, 'start', {}, {}))
  .post('/account/lookup', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const values = typedValues(body, ['memberCode', 'email']);
    const parsed = memberLookupInput.safeParse(body);
    if (!parsed.success)
      return page(c, 'start', values, {
        errors: fieldMessages(parsed.error.issues, t),
        message: t('error.fixBelow'),
        status: 400,
      });
    const limited = await lookupLimits(c, 'send', parsed.data.email);
    if (!limited.ok)
      return page(c, 'start', values, {
        message: limitedMessage(c, limited.retryAfterSeconds),
        status: 429,
      });
    await requestMemberLookup(c.get('deps'), {
      email: parsed.data.email,
      locale: c.get('locale'),
      clientAddress: clientAddress(c),
    });
    return page(c, 'code', { memberCode: parsed.data.memberCode, email: parsed.data.email }, {});
  })
  .post('/account/lookup/code', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const values = typedValues(body, ['memberCode', 'email', 'code']);
    const parsed = memberLookupCodeInput.safeParse(body);
    if (!parsed.success) {
      const errors = fieldMessages(parsed.error.issues, t);
      // Without the hidden fields there is nothing to enter a code for: start again.
      if (errors.email || errors.memberCode)
        return page(c, 'start', values, { errors, status: 400 });
      return page(c, 'code', values, { errors, message: t('error.fixBelow'), status: 400 });
    }
    const limited = await lookupLimits(c, 'check', parsed.data.email);
    if (!limited.ok)
      return page(c, 'code', values, {
        message: limitedMessage(c, limited.retryAfterSeconds),
        status: 429,
      });
    const result = await confirmMemberLookup(c.get('deps'), parsed.data);
    if (!result.ok)
      return page(c, 'code', values, { message: t('acct.lookup.wrong'), status: 400 });
    return renderPage(
      c,
      t('acct.lookup.title'),
      <LookupResultPage
        t={t}
        email={parsed.data.email}
        typed={parsed.data.memberCode}
        memberCode={result.memberCode}
        matches={result.matches}
      />,
    );
  });
