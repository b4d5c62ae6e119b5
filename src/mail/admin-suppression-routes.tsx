import { type Context, Hono } from 'hono';
import { allow, staffActor, typedValues } from '../staff/access.ts';
import { type AdminStatus, renderAdminPage } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import {
  addSuppressionInput,
  removeSuppressionInput,
  suppressionSearchInput,
} from './admin-inputs.ts';
import { SuppressionsPage } from './pages/admin-suppression-pages.tsx';
import {
  findSuppression,
  listSuppressions,
  removeSuppression,
  suppressAddress,
} from './suppressions.ts';

type Ctx = Context<AppEnv>;

const doneNotices: Record<string, (email: string) => string> = {
  added: (email) => `${email} is suppressed: mail to it is recorded, not sent.`,
  removed: (email) => `${email} is no longer suppressed: new mail to it is sent again.`,
};

async function showList(
  c: Ctx,
  q: string,
  extra: {
    notice?: string | undefined;
    error?: string;
    values?: Record<string, string>;
    errors?: Record<string, string>;
  } = {},
  status: AdminStatus = 200,
) {
  const rows = await listSuppressions(c.get('deps').db, q || undefined);
  return renderAdminPage(
    c,
    'Suppression list',
    <SuppressionsPage rows={rows} q={q} csrf={c.get('csrfToken')} {...extra} />,
    status,
  );
}

/** The suppression list at /admin/suppressions: search, add by hand, remove. */
export const suppressionAdminRoutes = new Hono<AppEnv>()
  .use('*', allow('manage_mail'))
  .get('/', (c) => {
    const parsed = suppressionSearchInput.safeParse(c.req.query());
    if (!parsed.success) {
      const error = Object.values(fieldMessages(parsed.error.issues)).join(' ');
      return showList(c, '', { error }, 400);
    }
    const done = doneNotices[c.req.query('done') ?? ''];
    const email = c.req.query('email') ?? '';
    return showList(c, parsed.data.q, { notice: done && email ? done(email) : undefined });
  })
  .post('/', async (c) => {
    const body = await c.req.parseBody();
    const parsed = addSuppressionInput.safeParse(body);
    const values = typedValues(body);
    if (!parsed.success) {
      const errors = fieldMessages(parsed.error.issues);
      return showList(c, '', { error: 'Check the address.', values, errors }, 400);
    }
    const { db } = c.get('deps');
    const existing = await findSuppression(db, parsed.data.email);
    if (existing) {
      const error = `${existing.email} is already suppressed.`;
      return showList(c, existing.email, { error, values }, 409);
    }
    await suppressAddress(db, {
      email: parsed.data.email,
      reason: 'manual',
      source: staffActor(c.get('staff')!.email),
      detail: parsed.data.note,
    });
    const email = encodeURIComponent(parsed.data.email.toLowerCase());
    return c.redirect(`/admin/suppressions?done=added&email=${email}`, 303);
  })
  .post('/remove', async (c) => {
    const parsed = removeSuppressionInput.safeParse(await c.req.parseBody());
    if (!parsed.success) return showList(c, '', { error: 'Say which address to remove.' }, 400);
    const removed = await removeSuppression(c.get('deps').db, parsed.data.email);
    if (!removed) {
      const error = `${parsed.data.email} is not on the suppression list (any more).`;
      return showList(c, '', { error }, 404);
    }
    const email = encodeURIComponent(parsed.data.email.toLowerCase());
    return c.redirect(`/admin/suppressions?done=removed&email=${email}`, 303);
  });
