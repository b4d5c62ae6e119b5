import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../web/context.ts';
import { notFound } from '../web/errors.ts';
import { Csrf, renderPage } from '../web/layout.tsx';
import { answerSandboxChallenge, SANDBOX_CHALLENGE_CODE } from './sandbox-provider.ts';

const challengeQuery = z.object({ token: z.string().min(1).max(100), return: z.url() });

/** Stands in for the card issuer's 3-D Secure page; only the sandbox provider links here. */
export const sandboxRoutes = new Hono<AppEnv>()
  .get('/sandbox/3ds/:ref', (c) => {
    const query = challengeQuery.safeParse(c.req.query());
    if (!query.success) throw notFound();
    return renderPage(
      c,
      '3-D Secure',
      <div class="challenge">
        <h1>Sandbox Bank · 3-D Secure</h1>
        <p>
          This page stands in for your card issuer. Enter the one-time code{' '}
          <strong>{SANDBOX_CHALLENGE_CODE}</strong> to approve the payment, anything else to refuse
          it.
        </p>
        <form method="post" class="stack">
          <Csrf token={c.get('csrfToken')} />
          <input type="hidden" name="token" value={query.data.token} />
          <input type="hidden" name="return" value={query.data.return} />
          <label>
            One-time code / ワンタイムパスワード
            <input name="code" inputmode="numeric" autocomplete="one-time-code" required />
          </label>
          <button type="submit">Confirm</button>
        </form>
      </div>,
    );
  })
  .post('/sandbox/3ds/:ref', async (c) => {
    const body = challengeQuery
      .extend({ code: z.string().max(20) })
      .safeParse(await c.req.parseBody());
    if (!body.success) throw notFound();
    const { deps } = { deps: c.get('deps') };
    await answerSandboxChallenge(deps.db, c.req.param('ref'), body.data.token, body.data.code);
    // The issuer only ever returns to our own checkout.
    const back = new URL(body.data.return);
    if (back.origin !== new URL(deps.publicUrl).origin) throw notFound();
    return c.redirect(back.toString(), 303);
  });
