import { type Context, Hono } from 'hono';
import { loadPage } from '../lib/paging.ts';
import { allow, staffActor, typedValues } from '../staff/access.ts';
import { may } from '../staff/permissions.ts';
import { type AdminStatus, renderAdminMessage, renderAdminPage } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { mailFilterInput, resendInput } from './admin-inputs.ts';
import { loadMailDetail, type MailDetail, searchMail } from './find-mail.ts';
import { staffBody, staffSource, staffSubject } from './mail-secrets.ts';
import { type MailContentView, MailDetailPage, MailLogPage } from './pages/admin-mail-pages.tsx';
import { topicLabels } from './pages/mail-log-parts.tsx';
import { resendMail } from './resend-mail.ts';
import { findSuppression } from './suppressions.ts';

type Ctx = Context<AppEnv>;

const doneNotices: Record<string, string> = {
  resent: 'Resend queued: this is the new message, linked to the original.',
};

export const messageNotFound = (c: Ctx) =>
  renderAdminMessage(c, 404, 'Message not found', 'The delivery log has no message with that id.');

async function showMessage(
  c: Ctx,
  detail: MailDetail,
  extra: {
    notice?: string | undefined;
    error?: string;
    values?: Record<string, string>;
    errors?: Record<string, string>;
  } = {},
  status: AdminStatus = 200,
) {
  const { db, secret } = c.get('deps');
  const role = c.get('staff')!.role;
  const { message } = detail;
  const suppression = await findSuppression(db, message.recipient);
  // Each part is loaded only for a role that may read it (docs/decisions/0014).
  const content: MailContentView = {
    subject: may(role, 'read_mail_body') ? staffSubject(message, secret) : null,
    body: may(role, 'read_mail_body') ? await staffBody(message, secret) : null,
    source: may(role, 'read_mail_source') ? await staffSource(message, secret) : null,
  };
  return renderAdminPage(
    c,
    content.subject ?? topicLabels[message.topic] ?? 'Message',
    <MailDetailPage
      detail={detail}
      content={content}
      csrf={c.get('csrfToken')}
      canManage={may(role, 'manage_mail')}
      canReadMailbox={may(role, 'read_mailbox')}
      suppression={suppression}
      {...extra}
    />,
    status,
  );
}

const sourceWithheld = (c: Ctx) =>
  renderAdminMessage(
    c,
    403,
    'Source withheld',
    'This mail carries a one-time code or a sign-in link, so no member of staff may read its source.',
  );

/** The delivery log at /admin/mail: search, one message's timeline, its source, resend. */
export const mailAdminRoutes = new Hono<AppEnv>()
  .use('*', allow('view_mail_log'))
  .get('/', async (c) => {
    const values = c.req.query();
    const parsed = mailFilterInput.safeParse(values);
    if (!parsed.success) {
      return renderAdminPage(
        c,
        'Delivery log',
        <MailLogPage
          rows={[]}
          values={values}
          errors={fieldMessages(parsed.error.issues)}
          page={1}
          hasNext={false}
        />,
        400,
      );
    }
    const { page, ...search } = parsed.data;
    const { rows, hasNext } = await loadPage(page, (limit, offset) =>
      searchMail(c.get('deps').db, { ...search, limit, offset }),
    );
    return renderAdminPage(
      c,
      'Delivery log',
      <MailLogPage rows={rows} values={values} errors={{}} page={page} hasNext={hasNext} />,
    );
  })
  .get('/:id', async (c) => {
    const detail = await loadMailDetail(c.get('deps').db, c.req.param('id'));
    if (!detail) return messageNotFound(c);
    return showMessage(c, detail, { notice: doneNotices[c.req.query('done') ?? ''] });
  })
  .get('/:id/raw', allow('read_mail_source'), async (c) => {
    const detail = await loadMailDetail(c.get('deps').db, c.req.param('id'));
    if (!detail?.message.rawSource) return messageNotFound(c);
    const source = await staffSource(detail.message, c.get('deps').secret);
    if (source.kind !== 'shown') return sourceWithheld(c);
    return c.body(source.text, 200, {
      'content-type': 'message/rfc822',
      'content-disposition': `attachment; filename="${detail.message.id}.eml"`,
      'cache-control': 'no-store',
    });
  })
  .post('/:id/resend', allow('manage_mail'), async (c) => {
    const deps = c.get('deps');
    const detail = await loadMailDetail(deps.db, c.req.param('id'));
    if (!detail) return messageNotFound(c);
    const body = await c.req.parseBody();
    const parsed = resendInput.safeParse(body);
    if (!parsed.success) {
      const errors = fieldMessages(parsed.error.issues);
      const values = typedValues(body);
      return showMessage(c, detail, { error: 'Check the address.', values, errors }, 400);
    }
    const result = await resendMail(deps, {
      messageId: detail.message.id,
      actor: staffActor(c.get('staff')!.email),
      ...(parsed.data.recipient ? { recipient: parsed.data.recipient } : {}),
    });
    if (!result.ok && result.reason === 'secret_elsewhere') {
      const values = typedValues(body);
      const errors = {
        recipient:
          'A mail with a one-time code or link can only go to the address it was made for.',
      };
      return showMessage(c, detail, { error: 'Nothing was sent.', values, errors }, 400);
    }
    if (!result.ok) return messageNotFound(c);
    return c.redirect(`/admin/mail/${result.messageId}?done=resent`, 303);
  });
