import { formatJapanTime } from '../../lib/japan-time.ts';
import { formatJpy } from '../../lib/money.ts';
import type { MailLogRow } from '../../mail/find-mail.ts';
import {
  MailStateBadge,
  suppressionReasonLabels,
  topicLabels,
} from '../../mail/pages/mail-log-parts.tsx';
import type { suppressions } from '../../mail/tables.ts';
import { stateLabels as orderStateLabels } from '../../orders/state-labels.ts';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';
import { REPLY_MAX_CHARS } from '../admin-inputs.ts';
import { canApplyContactEmail } from '../apply-contact-email.ts';
import type { InquiryDetail, ThreadEntry } from '../find-inquiries.ts';
import { inquiryStateLabels } from '../set-inquiry-state.ts';
import { inquiryStates } from '../tables.ts';
import { categoryLabels, Lines, StateBadge } from './admin-inquiry-parts.tsx';

type Suppression = typeof suppressions.$inferSelect;
type StaffChoice = { id: string; email: string; name: string };

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

/**
 * How the customer showed the order is theirs, beside the Apply button: staff compare the order's
 * shipping name and phone with the name on the inquiry before moving the order's mails.
 */
function OwnershipNote(props: {
  proof: 'member' | 'contact_email' | null;
  inquiryName: string;
  order: NonNullable<InquiryDetail['order']>['order'] | undefined;
}) {
  const { proof, order } = props;
  if (!proof || !order) return null;
  return (
    <div class="stack" data-ownership={proof}>
      <span>
        Ownership shown by:{' '}
        <strong>
          {proof === 'member'
            ? 'Signed-in member who owns the order'
            : "Guest who typed the order's contact email (weak: anyone with a forwarded confirmation can)"}
        </strong>
      </span>
      {proof === 'contact_email' && (
        <Notice kind="error">
          Weak proof. Before applying, compare the name on the inquiry with the order's shipping
          name and phone below; if in doubt, call that number or wait for an answer to the notice
          sent to the order's current address.
        </Notice>
      )}
      <dl class="facts">
        <dt>Name on the inquiry</dt>
        <dd>{props.inquiryName}</dd>
        <dt>Order shipping name</dt>
        <dd data-ship-name>{order.shipName}</dd>
        <dt>Order phone</dt>
        <dd data-ship-phone>{order.shipPhone}</dd>
      </dl>
    </div>
  );
}

/** One inquiry: its thread and actions, and beside it the order and the customer's mail log. */
export function InquiryDetailPage(props: {
  detail: InquiryDetail;
  staff: StaffChoice[];
  me: string;
  mails: MailLogRow[];
  suppressions: { email: string; suppression: Suppression | null }[];
  /** Where a reply goes (see answerAddress). */
  replyTo: string;
  /** How the customer showed the order is theirs (see ownershipProof). */
  proof: 'member' | 'contact_email' | null;
  /** The reply form's one-time token. */
  replyNonce: string;
  csrf: string;
  notice?: string | undefined;
  error?: string | undefined;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const { inquiry, thread, photos, order, member, assignee } = props.detail;
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
            <dt>Member</dt>
            <dd data-member={member?.memberCode ?? ''}>
              {member ? (
                <>
                  <a href={`/admin/members/${member.id}`}>{member.memberCode}</a>{' '}
                  <span class="muted">
                    {member.name ? `${member.name}, ` : ''}
                    {member.email}
                  </span>
                </>
              ) : inquiry.memberId ? (
                'The member no longer exists.'
              ) : (
                'None (guest)'
              )}
            </dd>
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
            <input type="hidden" name="nonce" value={props.replyNonce} />
            <label>
              Your answer (sent by mail in {inquiry.locale === 'ja' ? 'Japanese' : 'English'} to{' '}
              {props.replyTo}
              {props.replyTo !== inquiry.email &&
                (inquiry.category === 'contact_email'
                  ? ', the new address the customer asked us to use'
                  : `, because mail to ${inquiry.email} is suppressed`)}
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
                  again, tells the customer at the new address and the old address that its mails
                  moved.
                </span>
                <OwnershipNote
                  proof={props.proof}
                  inquiryName={inquiry.name}
                  order={order?.order}
                />
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
                <dt>Ship to</dt>
                <dd>
                  {order.order.shipName}
                  <div class="muted">{order.order.shipPhone}</div>
                </dd>
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
                      <a href={`/admin/mail/${m.id}`}>{topicLabels[m.topic] ?? m.topic}</a>
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
