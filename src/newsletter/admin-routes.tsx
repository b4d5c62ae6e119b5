import { type Context, Hono } from 'hono';
import { senderAddress } from '../mail/identity.ts';
import { renderText } from '../mail/templates/layout.ts';
import { newsletterMail } from '../mail/templates/newsletter-mails.ts';
import { allow, staffActor, typedValues } from '../staff/access.ts';
import { type AdminStatus, renderAdminMessage, renderAdminPage } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { findNewsletter, listNewsletters, type NewsletterSummary } from './find-newsletters.ts';
import { findNewsletterRecipients } from './find-recipients.ts';
import { newsletterId, newsletterInput } from './inputs.ts';
import {
  type MailPreview,
  NewsletterFormPage,
  NewsletterListPage,
  NewsletterPage,
} from './pages/admin-pages.tsx';
import { saveNewsletter } from './save-newsletter.ts';
import { sendNewsletter } from './send-newsletter.ts';
import { unsubscribeUrl } from './unsubscribe-token.ts';

type Ctx = Context<AppEnv>;

const notices: Record<string, (n: NewsletterSummary) => string> = {
  sent: (s) =>
    `Queued ${s.newsletter.recipientCount} ${s.newsletter.recipientCount === 1 ? 'mail' : 'mails'}. They leave at ${s.newsletter.perMinute} per minute; the counts below follow them.`,
  already: () => 'This newsletter had already been sent, so nothing was queued again.',
};

/** The newsletter as members will get it, in both languages, with the mail's extra headers. */
function previews(c: Ctx, n: NewsletterSummary['newsletter']): MailPreview[] {
  const { env, publicUrl } = c.get('deps');
  return (['en', 'ja'] as const).map((locale) => {
    const mail = newsletterMail(
      {
        locale,
        shopName: env.SHOP_NAME,
        fromAddress: senderAddress(env),
        recipient: 'member@example.com',
        orderUrl: null,
      },
      {
        subject: locale === 'ja' ? n.subjectJa : n.subjectEn,
        body: locale === 'ja' ? n.bodyJa : n.bodyEn,
        unsubscribeUrl: unsubscribeUrl(publicUrl, '(member-token)'),
      },
    );
    return {
      locale,
      subject: mail.subject,
      text: renderText(mail.body, env.MAIL_LINKS === 'one'),
      headers: mail.headers ?? {},
    };
  });
}

async function showNewsletter(
  c: Ctx,
  id: string,
  extra: { notice?: string; error?: string } = {},
  status: AdminStatus = 200,
) {
  const { db, env } = c.get('deps');
  const summary = await findNewsletter(db, id);
  if (!summary) return missing(c);
  const audience = { en: 0, ja: 0 };
  if (summary.newsletter.state === 'draft')
    for (const r of await findNewsletterRecipients(db)) audience[r.locale] += 1;
  const notice = extra.notice ?? notices[c.req.query('done') ?? '']?.(summary);
  return renderAdminPage(
    c,
    summary.newsletter.subjectEn,
    <NewsletterPage
      csrf={c.get('csrfToken')}
      summary={summary}
      previews={previews(c, summary.newsletter)}
      audience={audience}
      perMinute={env.NEWSLETTER_PER_MINUTE}
      notice={notice}
      error={extra.error}
    />,
    status,
  );
}

function showForm(
  c: Ctx,
  action: string,
  values: Record<string, string>,
  errors: Record<string, string> = {},
  error?: string,
) {
  return renderAdminPage(
    c,
    'Newsletter',
    <NewsletterFormPage
      csrf={c.get('csrfToken')}
      action={action}
      values={values}
      errors={errors}
      error={error}
    />,
    error ? 400 : 200,
  );
}

/** The id in the URL, or null for anything that is not one (a 404, not a database error). */
function idParam(c: Ctx): string | null {
  const parsed = newsletterId.safeParse(c.req.param('id'));
  return parsed.success ? parsed.data : null;
}

const missing = (c: Ctx) => renderAdminMessage(c, 404, 'Not found', 'There is no such newsletter.');

/** Newsletters at /admin/newsletters: write a draft, preview it in both languages, send it once. */
export const newsletterAdminRoutes = new Hono<AppEnv>()
  .use('*', allow('manage_mail'))
  .get('/', async (c) =>
    renderAdminPage(
      c,
      'Newsletters',
      <NewsletterListPage rows={await listNewsletters(c.get('deps').db)} />,
    ),
  )
  .get('/new', (c) => showForm(c, '/admin/newsletters', {}))
  .post('/', async (c) => {
    const body = await c.req.parseBody();
    const parsed = newsletterInput.safeParse(body);
    if (!parsed.success)
      return showForm(
        c,
        '/admin/newsletters',
        typedValues(body),
        fieldMessages(parsed.error.issues),
        'Fix the fields marked below.',
      );
    const { db, clock } = c.get('deps');
    const saved = await saveNewsletter(db, parsed.data, {
      actor: staffActor(c.get('staff')!.email),
      now: clock.now(),
    });
    if (!saved.ok) return missing(c);
    return c.redirect(`/admin/newsletters/${saved.id}`, 303);
  })
  .get('/:id', (c) => {
    const id = idParam(c);
    return id ? showNewsletter(c, id) : missing(c);
  })
  .get('/:id/edit', async (c) => {
    const id = idParam(c);
    const summary = id ? await findNewsletter(c.get('deps').db, id) : null;
    if (!id || !summary) return missing(c);
    if (summary.newsletter.state !== 'draft')
      return showNewsletter(c, id, { error: 'A sent newsletter cannot be changed.' }, 409);
    const { subjectEn, subjectJa, bodyEn, bodyJa } = summary.newsletter;
    return showForm(c, `/admin/newsletters/${id}`, { subjectEn, subjectJa, bodyEn, bodyJa });
  })
  .post('/:id', async (c) => {
    const id = idParam(c);
    if (!id) return missing(c);
    const body = await c.req.parseBody();
    const parsed = newsletterInput.safeParse(body);
    if (!parsed.success)
      return showForm(
        c,
        `/admin/newsletters/${id}`,
        typedValues(body),
        fieldMessages(parsed.error.issues),
        'Fix the fields marked below.',
      );
    const { db, clock } = c.get('deps');
    const saved = await saveNewsletter(
      db,
      parsed.data,
      { actor: staffActor(c.get('staff')!.email), now: clock.now() },
      id,
    );
    if (!saved.ok && saved.reason === 'not_found') return missing(c);
    if (!saved.ok)
      return showNewsletter(c, id, { error: 'A sent newsletter cannot be changed.' }, 409);
    return c.redirect(`/admin/newsletters/${id}`, 303);
  })
  .post('/:id/send', async (c) => {
    const id = idParam(c);
    if (!id) return missing(c);
    const deps = c.get('deps');
    const result = await sendNewsletter(
      {
        db: deps.db,
        clock: deps.clock,
        secret: deps.secret,
        perMinute: deps.env.NEWSLETTER_PER_MINUTE,
      },
      { newsletterId: id, actor: staffActor(c.get('staff')!.email) },
    );
    if (result.ok) return c.redirect(`/admin/newsletters/${id}?done=sent`, 303);
    if (result.reason === 'not_found') return missing(c);
    // A double submit lands here: the first one sent it, this one changed nothing.
    if (result.reason === 'already_sent')
      return c.redirect(`/admin/newsletters/${id}?done=already`, 303);
    return showNewsletter(
      c,
      id,
      { error: 'Nobody is subscribed right now, so nothing was sent. It stays a draft.' },
      409,
    );
  });
