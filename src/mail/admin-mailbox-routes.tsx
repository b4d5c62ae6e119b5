import { type Context, Hono } from 'hono';
import { simpleParser } from 'mailparser';
import { loadPage } from '../lib/paging.ts';
import { allow } from '../staff/access.ts';
import { renderAdminMessage, renderAdminPage } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { mailboxSearchInput } from './admin-inputs.ts';
import { findCaughtMail, listCaughtMail, outboxIdOf } from './find-mail.ts';
import {
  MailboxListPage,
  type MailboxMessage,
  MailboxMessagePage,
} from './pages/admin-mailbox-pages.tsx';
import type { CaughtMail } from './tables.ts';

/**
 * The HTML part is the sender's markup, so it gets a document of its own: no scripts, no network,
 * no forms, a unique origin (sandbox), only inline styles and data: images. The iframe on the
 * message page is sandboxed too.
 */
export const mailHtmlPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";

type Ctx = Context<AppEnv>;

const mailNotFound = (c: Ctx) =>
  renderAdminMessage(c, 404, 'Mail not found', 'The mailbox has no mail with that id.');

async function readMail(mail: CaughtMail): Promise<MailboxMessage> {
  const parsed = await simpleParser(mail.raw);
  const addresses = (value: typeof parsed.to) =>
    Array.isArray(value) ? value.map((a) => a.text).join(', ') : (value?.text ?? '');
  return {
    mail,
    subject: parsed.subject ?? '',
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    date: parsed.date ?? null,
    text: parsed.text ?? null,
    hasHtml: typeof parsed.html === 'string' && parsed.html.length > 0,
    // The folds stay as spaces, so long values (DKIM-Signature) can wrap on the page.
    headers: parsed.headerLines.map(({ line }) => {
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon) : line;
      const value = colon > 0 ? line.slice(colon + 1).replace(/\r?\n/g, '') : '';
      return [name, value.trim()];
    }),
    outboxId: outboxIdOf(mail),
  };
}

export const mailboxAdminRoutes = new Hono<AppEnv>()
  .use('*', allow('read_mailbox'))
  .get('/', async (c) => {
    const parsed = mailboxSearchInput.safeParse(c.req.query());
    const q = c.req.query('q') ?? '';
    if (!parsed.success) {
      const error = Object.values(fieldMessages(parsed.error.issues)).join(' ');
      return renderAdminPage(
        c,
        'Mailbox',
        <MailboxListPage mails={[]} q={q} page={1} hasNext={false} error={error} />,
        400,
      );
    }
    const { page } = parsed.data;
    const { rows, hasNext } = await loadPage(page, (limit, offset) =>
      listCaughtMail(c.get('deps').db, { q: parsed.data.q || undefined, limit, offset }),
    );
    return renderAdminPage(
      c,
      'Mailbox',
      <MailboxListPage mails={rows} q={parsed.data.q} page={page} hasNext={hasNext} />,
    );
  })
  .get('/:id', async (c) => {
    const mail = await findCaughtMail(c.get('deps').db, c.req.param('id'));
    if (!mail) return mailNotFound(c);
    const message = await readMail(mail);
    return renderAdminPage(c, message.subject || 'Mail', <MailboxMessagePage message={message} />);
  })
  .get('/:id/html', async (c) => {
    const mail = await findCaughtMail(c.get('deps').db, c.req.param('id'));
    if (!mail) return mailNotFound(c);
    const parsed = await simpleParser(mail.raw);
    if (typeof parsed.html !== 'string') return mailNotFound(c);
    return c.body(parsed.html, 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': mailHtmlPolicy,
      'cache-control': 'no-store',
    });
  })
  .get('/:id/raw', async (c) => {
    const mail = await findCaughtMail(c.get('deps').db, c.req.param('id'));
    if (!mail) return mailNotFound(c);
    return c.body(mail.raw, 200, {
      'content-type': 'message/rfc822',
      'content-disposition': `attachment; filename="${mail.id}.eml"`,
      'cache-control': 'no-store',
    });
  });
