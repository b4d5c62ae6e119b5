import { Hono } from 'hono';
import { allow, staffActor, typedValues } from '../staff/access.ts';
import { renderAdminPage } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { noticeInput } from './admin-inputs.ts';
import { sendImportantNotice } from './compose-notice.ts';
import { NoticeFormPage } from './pages/admin-notice-pages.tsx';

const failures = {
  order_not_found: 'There is no order with that number.',
  product_not_found: 'There is no product with that SKU.',
  no_orders: 'No live (non-cancelled) order contains that product, so nobody would get it.',
} as const;

/** Important notices at /admin/notices: staff write once, each customer reads their language. */
export const noticeAdminRoutes = new Hono<AppEnv>()
  .use('*', allow('manage_mail'))
  .get('/', (c) => c.redirect('/admin/notices/new', 303))
  .get('/new', (c) => {
    const queued = Number(c.req.query('queued'));
    const notice =
      Number.isInteger(queued) && queued > 0
        ? `Queued ${queued} ${queued === 1 ? 'mail' : 'mails'}. The delivery log shows each one.`
        : undefined;
    return renderAdminPage(
      c,
      'Important notice',
      <NoticeFormPage csrf={c.get('csrfToken')} values={{}} errors={{}} notice={notice} />,
    );
  })
  .post('/', async (c) => {
    const body = await c.req.parseBody();
    const values = typedValues(body);
    const parsed = noticeInput.safeParse(body);
    const page = (errors: Record<string, string>, error: string) =>
      renderAdminPage(
        c,
        'Important notice',
        <NoticeFormPage csrf={c.get('csrfToken')} values={values} errors={errors} error={error} />,
        400,
      );
    if (!parsed.success)
      return page(fieldMessages(parsed.error.issues), 'Fix the fields marked below.');
    const result = await sendImportantNotice(c.get('deps'), {
      ...parsed.data,
      actor: staffActor(c.get('staff')!.email),
    });
    if (!result.ok) {
      const message = failures[result.reason];
      return page({ target: message }, `Nothing was queued. ${message}`);
    }
    return c.redirect(`/admin/notices/new?queued=${result.queued}`, 303);
  });
