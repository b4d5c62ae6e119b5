import { formatJapanTime } from '../../admin/japan-time.ts';
import {
  MailStateBadge,
  suppressionReasonLabels,
  topicLabels,
} from '../../admin/pages/mail-pages.tsx';
import { stateLabels as orderStateLabels, Pager } from '../../admin/pages/order-pages.tsx';
import { formatJpy } from '../../lib/money.ts';
import type { MailTopic } from '../../mail/enqueue-mail.ts';
import type { MailLogRow } from '../../mail/find-mail.ts';
import type { suppressions } from '../../mail/tables.ts';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';
import { REPLY_MAX_CHARS } from '../admin-inputs.ts';
import { canApplyContactEmail } from '../apply-contact-email.ts';
import type { InquiryDetail, InquiryRow, ThreadEntry } from '../find-inquiries.ts';
import { inquiryStateLabels } from '../set-inquiry-state.ts';
import {
  type InquiryCategory,
  type InquiryState,
  inquiryCategories,
  inquiryStates,
} from '../tables.ts';

type Suppression = typeof suppressions.$inferSelect;
type StaffChoice = { id: string; email: string; name: string };

export const categoryLabels: Record<InquiryCategory, string> = {
  order: 'An order',
  missing_email: 'Did not receive an email',
  contact_email: 'Change the contact email of an order',
  shipping: 'Shipping',
  payment: 'Payment',
  returns: 'Returns and defects',
  member_id: 'Member ID',
  other: 'Other',
};

const stateBadge: Record<InquiryState, string> = {
  open: 'state-preparing',
  waiting: '',
  closed: 'state-delivered',
};

function StateBadge({ state }: { state: InquiryState }) {
  return (
    <span class={`badge ${stateBadge[state]}`} data-inquiry-state={state}>
      {inquiryStateLabels[state]}
    </span>
  );
}

/** Customer text with its line breaks; JSX escapes every character of it. */
function Lines({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

const filterLabels: Record<string, string> = {
  category: 'Category',
  state: 'State',
  assignee: 'Assignee',
  page: 'Page',
};

function listHref(values: Record<string, string>, page: number) {
  const params = new URLSearchParams();
  for (const key of ['category', 'state', 'assignee'])
    if (values[key]) params.set(key, values[key]);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/inquiries?${query}` : '/admin/inquiries';
}

/** The inbox: filters, one row per inquiry (newest first), previous/next pages. */
export function InquiryListPage(props: {
  rows: InquiryRow[];
  staff: StaffChoice[];
  values: Record<string, string>;
  errors: Record<string, string>;
  page: number;
  hasNext: boolean;
}) {
  const { values, errors } = props;
  const failed = Object.keys(errors).length > 0;
  const invalid = (field: string) => (errors[field] ? 'true' : undefined);
  return (
    <section>
      <h1>Inquiries</h1>
      {failed && (
        <Notice kind="error">
          These filters cannot be used:{' '}
          {Object.entries(errors)
            .map(([field, message]) => `${filterLabels[field] ?? field}: ${message}`)
            .join(' ')}
        </Notice>
      )}
      <form method="get" action="/admin/inquiries" class="filters">
        <label>
          Category
          <br />
          <select name="category" aria-invalid={invalid('category')}>
            <option value="">Any category</option>
            {inquiryCategories.map((c) => (
              <option value={c} selected={values.category === c}>
                {categoryLabels[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          State
          <br />
          <select name="state" aria-invalid={invalid('state')}>
            <option value="">Any state</option>
            {inquiryStates.map((s) => (
              <option value={s} selected={values.state === s}>
                {inquiryStateLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Assignee
          <br />
          <select name="assignee" aria-invalid={invalid('assignee')}>
            <option value="">Anyone</option>
            <option value="mine" selected={values.assignee === 'mine'}>
              Mine
            </option>
            <option value="unassigned" selected={values.assignee === 'unassigned'}>
              Unassigned
            </option>
            {props.staff.map((s) => (
              <option value={s.id} selected={values.assignee === s.id}>
                {s.name} ({s.email})
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
        <a href="/admin/inquiries">Clear</a>
      </form>
      {!failed && props.rows.length === 0 && <p class="muted">No inquiries match.</p>}
      {props.rows.length > 0 && (
        <table class="admin-table">
          <thead>
            <tr>
              <th>Number</th>
              <th>Received (JST)</th>
              <th>Category</th>
              <th>State</th>
              <th>Customer</th>
              <th>Order</th>
              <th>Assignee</th>
              <th>Last activity (JST)</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr data-inquiry={r.number}>
                <td>
                  <a href={`/admin/inquiries/${r.number}`}>{r.number}</a>
                </td>
                <td>{formatJapanTime(r.createdAt)}</td>
                <td>{categoryLabels[r.category]}</td>
                <td>
                  <StateBadge state={r.state} />
                </td>
                <td>
                  {r.name}
                  <div class="muted">{r.email}</div>
                </td>
                <td>{r.orderNumber ?? '—'}</td>
                <td>{r.assigneeName ?? <span class="muted">Unassigned</span>}</td>
                <td>{formatJapanTime(r.lastActivityAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={props.page} hasNext={props.hasNext} href={(p) => listHref(values, p)} />
    </section>
  );
}

const kindLabels: Record<ThreadEntry['kind'], string> = {
  customer: 'Customer',
  staff: 'Staff reply',
  event: 'Event',
};

const sourceLabels: Record<ThreadEntry['source'], string> = {
  form: 'inquiry form',
  mail: 'by mail',
  admin: 'admin',
};

function ThreadItem({ entry }: { entry: ThreadEntry }) {
  if (entry.kind === 'event')
    return (
      <li data-thread={entry.kind} data-source={entry.source}>
        <span class="muted">
          {formatJapanTime(entry.createdAt)} · {entry.author}:
        </span>{' '}
        {entry.body}
      </li>
    );
  return (
    <li data-thread={entry.kind} data-source={entry.source}>
      <p>
        <strong>{kindLabels[entry.kind]}</strong>{' '}
        <span class="muted">
          {entry.author} · {sourceLabels[entry.source]} · {formatJapanTime(entry.createdAt)} JST
        </span>
        {entry.mail && (
          <>
            {' '}
            · <a href={`/admin/mail/${entry.mail.id}`}>mail to {entry.mail.recipient}</a>{' '}
            <MailStateBadge state={entry.mail.state} />
          </>
        )}
      </p>
      <blockquote>
        <Lines text={entry.body} />
      </blockquote>
    </li>
  );
}

function SuppressionNote(props: { email: string; suppression: Suppression | null }) {
  return (
    <p data-suppression={props.suppression ? props.suppression.reason : 'none'}>
      {props.email}:{' '}
      {props.suppression ? (
        <strong>
          suppressed ({suppressionReasonLabels[props.suppression.reason]}, since{' '}
          {formatJapanTime(props.suppression.createdAt)} JST): mail to it is not sent.{' '}
          <a href={`/admin/suppressions?q=${encodeURIComponent(props.email)}`}>Review</a>
        </strong>
      ) : (
        'not suppressed'
      )}
    </p>
  );
}

/** One inquiry: its thread and actions, and beside it the order and the customer's mail log. */
export function InquiryDetailPage(props: {
  detail: InquiryDetail;
  staff: StaffChoice[];
  me: string;
  mails: MailLogRow[];
  suppressions: { email: string; suppression: Suppression | null }[];
  /** Where a reply goes: the inquiry's address, or the new one when that is suppressed. */
  replyTo: string;
  csrf: string;
  notice?: string | undefined;
  error?: string | undefined;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const { inquiry, thread, photos, order, assignee } = props.detail;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const base = `/admin/inquiries/${inquiry.number}`;
  return (
    <section>
      <p>
        <a href="/admin/inquiries">← Inquiries</a>
      </p>
      <h1>
        Inquiry {inquiry.number} <StateBadge state={inquiry.state} />
      </h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <div class="admin-columns">
        <div>
          <dl class="facts">
            <dt>Category</dt>
            <dd data-category={inquiry.category}>{categoryLabels[inquiry.category]}</dd>
            <dt>Name</dt>
            <dd>{inquiry.name}</dd>
            <dt>Email</dt>
            <dd>{inquiry.email}</dd>
            <dt>Language</dt>
            <dd>{inquiry.locale === 'ja' ? 'Japanese' : 'English'}</dd>
            <dt>Received</dt>
            <dd>{formatJapanTime(inquiry.createdAt)} JST</dd>
            <dt>Assignee</dt>
            <dd data-assignee={assignee?.email ?? ''}>
              {assignee ? `${assignee.name} (${assignee.email})` : 'Unassigned'}
            </dd>
            {inquiry.guideSlug && (
              <>
                <dt>From guide article</dt>
                <dd>
                  <a href={`/guide/${encodeURIComponent(inquiry.guideSlug)}`}>
                    {inquiry.guideSlug}
                  </a>
                </dd>
              </>
            )}
            {inquiry.newEmail && (
              <>
                <dt>New contact email</dt>
                <dd data-new-email={inquiry.newEmail}>
                  {inquiry.newEmail}
                  {inquiry.appliedAt && (
                    <div class="muted" data-applied="yes">
                      Applied {formatJapanTime(inquiry.appliedAt)} JST by {inquiry.appliedBy}
                    </div>
                  )}
                </dd>
              </>
            )}
          </dl>

          <h2>Thread</h2>
          <ol class="thread">
            {thread.map((entry) => (
              <ThreadItem entry={entry} />
            ))}
          </ol>

          {photos.length > 0 && (
            <>
              <h2>Photos</h2>
              <p>
                {photos.map((p, i) => (
                  <a href={`${base}/photos/${p.id}`} data-photo={p.id}>
                    <img
                      src={`${base}/photos/${p.id}`}
                      alt={`Customer attachment ${i + 1}`}
                      width={200}
                      loading="lazy"
                    />
                  </a>
                ))}
              </p>
            </>
          )}

          <h2 id="reply">Reply</h2>
          <form method="post" action={`${base}/reply`} class="stack">
            <Csrf token={props.csrf} />
            <label>
              Your answer (sent by mail in {inquiry.locale === 'ja' ? 'Japanese' : 'English'} to{' '}
              {props.replyTo}
              {props.replyTo !== inquiry.email &&
                `, because mail to ${inquiry.email} is suppressed`}
              )
              <span class="help">
                Write in the customer's language. The mail adds the greeting, the inquiry number and
                how to answer. At most {REPLY_MAX_CHARS.toLocaleString('en')} characters.
              </span>
              <textarea
                name="body"
                rows={8}
                maxlength={REPLY_MAX_CHARS}
                aria-invalid={errors.body ? 'true' : undefined}
              >
                {values.body ?? ''}
              </textarea>
              <FieldError message={errors.body} />
            </label>
            <label class="check">
              <input type="checkbox" name="close" checked={values.close === 'on'} /> Close after
              sending (otherwise it waits for the customer)
            </label>
            <div>
              <button type="submit">Send reply</button>
            </div>
          </form>
        </div>

        <div>
          <div class="admin-actions">
            {canApplyContactEmail(inquiry) && (
              <form method="post" action={`${base}/apply-contact-email`} class="stack" id="apply">
                <Csrf token={props.csrf} />
                <strong>Apply new contact email</strong>
                <span class="help">
                  Order {order?.order.number ?? '(gone)'} mails {order?.order.contactEmail ?? '—'}{' '}
                  now; this changes it to {inquiry.newEmail}, sends the order confirmation there
                  again and tells the customer at the new address.
                </span>
                <label class="check">
                  <input type="checkbox" name="close" /> Close the inquiry afterwards
                </label>
                <div>
                  <button type="submit">Apply new contact email</button>
                </div>
              </form>
            )}
            <form method="post" action={`${base}/assign`} class="stack">
              <Csrf token={props.csrf} />
              <label>
                Assign to
                <select name="assignee">
                  <option value="me">Me ({props.me})</option>
                  <option value="">Nobody (unassign)</option>
                  {props.staff.map((s) => (
                    <option value={s.id} selected={assignee?.id === s.id}>
                      {s.name} ({s.email})
                    </option>
                  ))}
                </select>
              </label>
              <div>
                <button type="submit">Assign</button>
              </div>
            </form>
            <form method="post" action={`${base}/state`} class="stack">
              <Csrf token={props.csrf} />
              <label>
                State
                <select name="state">
                  {inquiryStates.map((s) => (
                    <option value={s} selected={inquiry.state === s}>
                      {inquiryStateLabels[s]}
                    </option>
                  ))}
                </select>
              </label>
              <div>
                <button type="submit">Set state</button>
              </div>
            </form>
          </div>

          <h2>Order</h2>
          {order ? (
            <div data-order={order.order.number}>
              <dl class="facts">
                <dt>Number</dt>
                <dd>
                  <a href={`/admin/orders/${order.order.number}`}>{order.order.number}</a>
                </dd>
                <dt>State</dt>
                <dd>
                  <span class={`badge state-${order.order.state}`}>
                    {orderStateLabels[order.order.state]}
                  </span>
                </dd>
                <dt>Contact email</dt>
                <dd data-contact-email={order.order.contactEmail}>{order.order.contactEmail}</dd>
                <dt>Placed</dt>
                <dd>{formatJapanTime(order.order.createdAt)} JST</dd>
                <dt>Items</dt>
                <dd>
                  {order.lines.map((l) => (
                    <div>
                      {l.titleEn} × {l.quantity}
                    </div>
                  ))}
                </dd>
                <dt>Total</dt>
                <dd>{formatJpy(order.order.totalJpy, 'en')}</dd>
              </dl>
            </div>
          ) : (
            <p class="muted">
              {inquiry.orderId ? 'The order no longer exists.' : 'No order named.'}
            </p>
          )}

          <h2>Mail to this customer</h2>
          {props.suppressions.map((s) => (
            <SuppressionNote email={s.email} suppression={s.suppression} />
          ))}
          {props.mails.length === 0 ? (
            <p class="muted">No mail to these addresses.</p>
          ) : (
            <table class="admin-table" id="customer-mail">
              <thead>
                <tr>
                  <th>Created (JST)</th>
                  <th>Type</th>
                  <th>To</th>
                  <th>State</th>
                </tr>
              </thead>
              <tbody>
                {props.mails.map((m) => (
                  <tr data-customer-mail={m.id}>
                    <td>{formatJapanTime(m.createdAt)}</td>
                    <td>
                      <a href={`/admin/mail/${m.id}`}>
                        {topicLabels[m.topic as MailTopic] ?? m.topic}
                      </a>
                      {m.orderNumber && <div class="muted">{m.orderNumber}</div>}
                    </td>
                    <td>{m.recipient}</td>
                    <td>
                      <MailStateBadge state={m.state} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}
