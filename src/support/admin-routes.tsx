import { type Context, Hono } from 'hono';
import { randomToken } from '../lib/ids.ts';
import { loadPage } from '../lib/paging.ts';
import { findSuppression } from '../mail/suppressions.ts';
import { allow, staffActor, typedValues } from '../staff/access.ts';
import { type AdminStatus, renderAdminMessage, renderAdminPage } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import {
  applyInput,
  assignInput,
  inquiryFilterInput,
  replyInput,
  stateInput,
} from './admin-inputs.ts';
import { answerAddress } from './answer-address.ts';
import { type ApplyContactEmailResult, applyContactEmail } from './apply-contact-email.ts';
import { assignInquiry } from './assign-inquiry.ts';
import {
  customerMailLog,
  findInquiryPhoto,
  type InquiryDetail,
  listInquiryStaff,
  loadInquiry,
  searchInquiries,
} from './find-inquiries.ts';
import { ownershipProof } from './ownership-proof.ts';
import { InquiryDetailPage } from './pages/admin-inquiry-detail-page.tsx';
import { InquiryListPage } from './pages/admin-inquiry-list-page.tsx';
import { replyToInquiry } from './reply-to-inquiry.ts';
import { setInquiryState } from './set-inquiry-state.ts';

type Ctx = Context<AppEnv>;

/** What the notice says after each action; the key travels in `?done=`. */
const doneNotices: Record<string, string> = {
  assigned: 'The assignment is saved.',
  state: 'The state is saved.',
  replied: 'The reply is queued to the customer; its delivery state shows in the thread.',
  applied:
    'The new contact email is on the order, the order confirmation is queued to it, and the customer is told at the new address.',
};

const applyRefusals: Record<Exclude<ApplyContactEmailResult, { ok: true }>['reason'], string> = {
  not_found: 'There is no such inquiry.',
  not_applicable:
    'This inquiry does not ask for a new contact email on an order, so there is nothing to apply.',
  already_applied: 'The new contact email was already applied; nothing changed.',
  order_gone:
    'This inquiry names no order (or its order no longer exists), so the address cannot be applied.',
  same_address:
    'The order already mails that address; nothing changed. Answer the customer with a reply instead.',
};

const inquiryNotFound = (c: Ctx) =>
  renderAdminMessage(c, 404, 'Inquiry not found', 'There is no inquiry with that number.');

function loadFromUrl(c: Ctx): Promise<InquiryDetail | null> {
  const number = (c.req.param('number') ?? '').trim().toUpperCase();
  return loadInquiry(c.get('deps').db, number);
}

/** The detail page, after a GET or a failed action. */
async function showInquiry(
  c: Ctx,
  detail: InquiryDetail,
  extra: {
    notice?: string | undefined;
    error?: string;
    values?: Record<string, string>;
    errors?: Record<string, string>;
  } = {},
  status: AdminStatus = 200,
) {
  const db = c.get('deps').db;
  const addresses = [detail.inquiry.email];
  if (detail.order) addresses.push(detail.order.order.contactEmail);
  if (detail.inquiry.newEmail) addresses.push(detail.inquiry.newEmail);
  if (detail.member) addresses.push(detail.member.email);
  const unique = [...new Map(addresses.map((a) => [a.toLowerCase(), a])).values()];
  const [mails, staff, suppressions, replyTo] = await Promise.all([
    customerMailLog(db, unique),
    listInquiryStaff(db),
    Promise.all(
      unique.map(async (email) => ({ email, suppression: await findSuppression(db, email) })),
    ),
    answerAddress(db, detail.inquiry),
  ]);
  return renderAdminPage(
    c,
    `Inquiry ${detail.inquiry.number}`,
    <InquiryDetailPage
      detail={detail}
      staff={staff}
      me={c.get('staff')!.email}
      mails={mails}
      suppressions={suppressions}
      replyTo={replyTo}
      proof={ownershipProof(detail)}
      csrf={c.get('csrfToken')}
      // A form shown again after an error keeps its token: nothing was sent with it yet.
      replyNonce={extra.values?.nonce || randomToken(18)}
      {...extra}
    />,
    status,
  );
}

const done = (c: Ctx, number: string, key: string) =>
  c.redirect(`/admin/inquiries/${number}?done=${key}`, 303);

/** The inquiry desk at /admin/inquiries: inbox, one inquiry, and staff actions on it. */
export const inquiryAdminRoutes = new Hono<AppEnv>()
  .use('*', allow('answer_inquiries'))
  .get('/', async (c) => {
    const db = c.get('deps').db;
    const values = c.req.query();
    const parsed = inquiryFilterInput.safeParse(values);
    const staff = await listInquiryStaff(db);
    if (!parsed.success) {
      return renderAdminPage(
        c,
        'Inquiries',
        <InquiryListPage
          rows={[]}
          staff={staff}
          values={values}
          errors={fieldMessages(parsed.error.issues)}
          page={1}
          hasNext={false}
        />,
        400,
      );
    }
    const { page, category, state, assignee } = parsed.data;
    const { rows, hasNext } = await loadPage(page, (limit, offset) =>
      searchInquiries(db, {
        category: category || undefined,
        state: state || undefined,
        assignee: assignee === 'mine' ? c.get('staff')!.id : assignee || undefined,
        limit,
        offset,
      }),
    );
    return renderAdminPage(
      c,
      'Inquiries',
      <InquiryListPage
        rows={rows}
        staff={staff}
        values={values}
        errors={{}}
        page={page}
        hasNext={hasNext}
      />,
    );
  })
  .get('/:number', async (c) => {
    const detail = await loadFromUrl(c);
    if (!detail) return inquiryNotFound(c);
    return showInquiry(c, detail, { notice: doneNotices[c.req.query('done') ?? ''] });
  })
  .get('/:number/photos/:id', async (c) => {
    const detail = await loadFromUrl(c);
    const photo = detail
      ? await findInquiryPhoto(c.get('deps').db, detail.inquiry.id, c.req.param('id'))
      : null;
    if (!photo)
      return renderAdminMessage(c, 404, 'Photo not found', 'This inquiry has no such photo.');
    // The type was checked by content on upload; nosniff keeps browsers to it.
    return c.body(new Uint8Array(photo.data), 200, {
      'content-type': photo.contentType,
      'content-disposition': 'inline',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  })
  .post('/:number/assign', async (c) => {
    const detail = await loadFromUrl(c);
    if (!detail) return inquiryNotFound(c);
    const me = c.get('staff')!;
    const parsed = assignInput.safeParse(await c.req.parseBody());
    if (!parsed.success)
      return showInquiry(c, detail, { error: 'Choose someone from the list.' }, 400);
    const { assignee } = parsed.data;
    const result = await assignInquiry(c.get('deps'), {
      inquiryId: detail.inquiry.id,
      assigneeId: assignee === 'me' ? me.id : assignee || null,
      actor: staffActor(me.email),
    });
    if (result.ok) return done(c, detail.inquiry.number, 'assigned');
    if (result.reason === 'not_found') return inquiryNotFound(c);
    return showInquiry(
      c,
      detail,
      { error: 'That staff member cannot answer inquiries; choose someone from the list.' },
      400,
    );
  })
  .post('/:number/state', async (c) => {
    const detail = await loadFromUrl(c);
    if (!detail) return inquiryNotFound(c);
    const parsed = stateInput.safeParse(await c.req.parseBody());
    if (!parsed.success)
      return showInquiry(c, detail, { error: 'Choose open, waiting or closed.' }, 400);
    const result = await setInquiryState(c.get('deps'), {
      inquiryId: detail.inquiry.id,
      state: parsed.data.state,
      actor: staffActor(c.get('staff')!.email),
    });
    if (!result.ok) return inquiryNotFound(c);
    return done(c, detail.inquiry.number, 'state');
  })
  .post('/:number/reply', async (c) => {
    const detail = await loadFromUrl(c);
    if (!detail) return inquiryNotFound(c);
    const body = await c.req.parseBody();
    const parsed = replyInput.safeParse(body);
    if (!parsed.success) {
      const errors = fieldMessages(parsed.error.issues);
      const values = typedValues(body);
      return showInquiry(c, detail, { error: 'Check the reply.', values, errors }, 400);
    }
    const result = await replyToInquiry(c.get('deps'), {
      inquiryId: detail.inquiry.id,
      body: parsed.data.body,
      close: parsed.data.close,
      actor: staffActor(c.get('staff')!.email),
      formNonce: parsed.data.nonce,
    });
    // The same form twice (double click, reload): back to the thread, where the first one shows.
    if (result.ok || result.reason === 'already_sent')
      return done(c, detail.inquiry.number, 'replied');
    return inquiryNotFound(c);
  })
  .post('/:number/apply-contact-email', async (c) => {
    const detail = await loadFromUrl(c);
    if (!detail) return inquiryNotFound(c);
    const parsed = applyInput.safeParse(await c.req.parseBody());
    const result = await applyContactEmail(c.get('deps'), {
      inquiryId: detail.inquiry.id,
      actor: staffActor(c.get('staff')!.email),
      close: parsed.success && parsed.data.close,
    });
    if (result.ok) return done(c, detail.inquiry.number, 'applied');
    if (result.reason === 'not_found') return inquiryNotFound(c);
    const now = (await loadFromUrl(c)) ?? detail;
    return showInquiry(c, now, { error: applyRefusals[result.reason] }, 409);
  });
