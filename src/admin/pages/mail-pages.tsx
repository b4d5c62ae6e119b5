import type { MailTopic } from '../../mail/enqueue-mail.ts';
import { mailTopics } from '../../mail/enqueue-mail.ts';
import type { MailDetail, MailLogRow, OrderMail } from '../../mail/find-mail.ts';
import { isSecretTopic, REDACTED, type StaffCopy } from '../../mail/mail-secrets.ts';
import type { SuppressionReason } from '../../mail/suppressions.ts';
import {
  type MailEvent,
  type MailState,
  mailStates,
  type OutboxMessage,
  type suppressions,
} from '../../mail/tables.ts';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';
import { formatJapanTime } from '../japan-time.ts';
import { FilterErrors, FilterSelect } from './admin-layout.tsx';
import { Pager } from './order-pages.tsx';

type Suppression = typeof suppressions.$inferSelect;

export const topicLabels: Record<MailTopic, string> = {
  order_placed: 'Order confirmation',
  order_cancelled: 'Order cancelled',
  order_shipped: 'Order shipped',
  payment_failed: 'Payment failed (another card needed)',
  order_address_changed: 'Delivery address changed',
  order_contact_moved: 'Order mail moved to another address (to the old one)',
  important_notice: 'Important notice',
  verification_code: 'Verification code',
  inquiry_receipt: 'Inquiry receipt',
  inquiry_reply: 'Inquiry reply',
  inquiry_contact_notice: 'Inquiry: contact email notice (to the order address)',
  registration_code: 'Registration code',
  registration_attempt: 'Registration attempt with a registered address (to its owner)',
  email_change_code: 'Email change code',
  email_changed: 'Email changed (to old address)',
  password_reset: 'Password reset',
  member_lookup: 'Member ID check',
  newsletter: 'Newsletter',
  password_changed: 'Password changed',
  membership_cancelled: 'Membership cancelled',
  staff_locked: 'Staff account locked (to the staff member)',
};

export const mailStateLabels: Record<MailState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  deferred: 'Deferred (will retry)',
  bounced: 'Bounced',
  complained: 'Complaint',
  suppressed: 'Suppressed (not sent)',
  failed: 'Failed',
};

export const suppressionReasonLabels: Record<SuppressionReason, string> = {
  hard_bounce: 'Hard bounce',
  complaint: 'Spam complaint',
  soft_bounces: 'Repeated soft bounces',
  manual: 'Added by staff',
};

const topicLabel = (topic: MailTopic) => topicLabels[topic] ?? topic;

/** The stylesheet colours order-state badges; mail states borrow the closest one. */
const badgeClass: Record<MailState, string> = {
  queued: '',
  sending: 'state-preparing',
  sent: 'state-delivered',
  deferred: 'state-preparing',
  bounced: 'state-cancelled',
  complained: 'state-cancelled',
  suppressed: 'state-cancelled',
  failed: 'state-cancelled',
};

export function MailStateBadge({ state }: { state: MailState }) {
  return (
    <span class={`badge ${badgeClass[state]}`} data-mail-state={state}>
      {mailStateLabels[state]}
    </span>
  );
}

const eventLabels: Record<MailEvent['type'], string> = {
  queued: 'Queued',
  sent: 'Sent',
  deferred: 'Deferred',
  bounced: 'Bounced',
  complained: 'Complaint',
  suppressed: 'Suppressed',
  failed: 'Failed',
};

/** One timeline event in words, with the facts its detail holds. */
export function describeMailEvent(event: MailEvent): {
  summary: string;
  facts: [label: string, value: string][];
} {
  const d = event.detail as Record<string, unknown>;
  const text = (key: string) => (d[key] === undefined || d[key] === null ? '' : String(d[key]));
  const when = (key: string) => {
    const value = text(key);
    const date = value ? new Date(value) : null;
    return date && !Number.isNaN(date.getTime()) ? `${formatJapanTime(date)} JST` : value;
  };
  const facts: [string, string][] = [];
  const shown = new Set<string>();
  const fact = (label: string, key: string, value = text(key)) => {
    shown.add(key);
    if (value) facts.push([label, value]);
  };
  let summary: string;
  switch (event.type) {
    case 'queued':
      summary = d.recipient ? `Queued for ${text('recipient')}` : 'Queued';
      shown.add('recipient');
      break;
    case 'sent':
      summary = `Accepted by ${text('host') || 'the receiving server'}`;
      fact('Server reply', 'response');
      shown.add('host');
      fact('Attempt', 'attempt');
      break;
    case 'deferred':
      summary = 'Temporary failure; it will be tried again';
      fact('Reply code', 'code');
      fact('Server reply', 'response');
      fact('Attempt', 'attempt');
      fact('Next try', 'nextAttemptAt', when('nextAttemptAt'));
      break;
    case 'bounced':
      summary = `${text('bounceClass') === 'hard' ? 'Hard' : 'Soft'} bounce`;
      fact('Class', 'bounceClass');
      fact('Status (RFC 3463)', 'status');
      fact('Diagnostic', 'diagnostic');
      fact('Reported by', 'source');
      fact('Recipient', 'recipient');
      fact('Recipient in report', 'reportedRecipient');
      break;
    case 'complained':
      summary = 'The recipient marked it as spam';
      fact('Feedback type', 'feedbackType');
      fact('Reported by', 'source');
      fact('Recipient', 'recipient');
      fact('Recipient in report', 'reportedRecipient');
      break;
    case 'suppressed':
      summary = 'Not sent: the address is on the suppression list';
      fact(
        'Reason',
        'reason',
        suppressionReasonLabels[text('reason') as SuppressionReason] ?? text('reason'),
      );
      fact('Suppressed since', 'since', when('since'));
      break;
    case 'failed':
      summary =
        text('reason') === 'retries_exhausted'
          ? 'Gave up: the receiving server kept refusing for the whole retry window'
          : text('reason') === 'render_failed'
            ? 'Could not be rendered'
            : `Failed${d.reason ? `: ${text('reason')}` : ''}`;
      shown.add('reason');
      fact('Reply code', 'code');
      fact('Last reply', 'response');
      fact('Attempts', 'attempts');
      fact('Error', 'error');
      break;
    default:
      summary = event.type;
  }
  // Whatever else a report carried is still worth seeing.
  for (const [key, value] of Object.entries(d))
    if (!shown.has(key) && value !== null && value !== undefined && value !== '')
      facts.push([key, typeof value === 'string' ? value : JSON.stringify(value)]);
  return { summary, facts };
}

const filterLabels: Record<string, string> = {
  recipient: 'Recipient',
  order: 'Order number',
  topic: 'Type',
  state: 'State',
  from: 'From',
  to: 'To',
  page: 'Page',
};

function logHref(values: Record<string, string>, page: number) {
  const params = new URLSearchParams();
  for (const key of ['recipient', 'order', 'topic', 'state', 'from', 'to'])
    if (values[key]) params.set(key, values[key]);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/mail?${query}` : '/admin/mail';
}

/** The delivery log: filters, one row per message, previous/next pages. */
export function MailLogPage(props: {
  rows: MailLogRow[];
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
      <h1>Delivery log</h1>
      <FilterErrors errors={errors} labels={filterLabels} />
      <form method="get" action="/admin/mail" class="filters">
        <label>
          Recipient
          <br />
          <input type="search" name="recipient" value={values.recipient ?? ''} />
        </label>
        <label>
          Order number
          <br />
          <input type="search" name="order" value={values.order ?? ''} size={18} />
        </label>
        <FilterSelect
          label="Type"
          name="topic"
          any="Any type"
          options={mailTopics}
          labels={topicLabels}
          values={values}
          errors={errors}
        />
        <FilterSelect
          label="State"
          name="state"
          any="Any state"
          options={mailStates}
          labels={mailStateLabels}
          values={values}
          errors={errors}
        />
        <label>
          From (JST)
          <br />
          <input type="date" name="from" value={values.from ?? ''} aria-invalid={invalid('from')} />
        </label>
        <label>
          To (JST)
          <br />
          <input type="date" name="to" value={values.to ?? ''} aria-invalid={invalid('to')} />
        </label>
        <button type="submit">Search</button>
        <a href="/admin/mail">Clear</a>
      </form>
      {!failed && props.rows.length === 0 && <p class="muted">No messages match.</p>}
      {props.rows.length > 0 && (
        <table class="admin-table">
          <thead>
            <tr>
              <th>Created (JST)</th>
              <th>Type</th>
              <th>Recipient</th>
              <th>State</th>
              <th class="num">Attempts</th>
              <th>Order</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.rows.map((m) => (
              <tr data-message={m.id}>
                <td>{formatJapanTime(m.createdAt)}</td>
                <td>
                  {topicLabel(m.topic)}
                  {m.resendOf && <div class="muted">resend</div>}
                </td>
                <td>{m.recipient}</td>
                <td>
                  <MailStateBadge state={m.state} />
                </td>
                <td class="num">{m.attempts}</td>
                <td>
                  {m.orderNumber && <a href={`/admin/orders/${m.orderNumber}`}>{m.orderNumber}</a>}
                </td>
                <td>
                  <a href={`/admin/mail/${m.id}`}>Open</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={props.page} hasNext={props.hasNext} href={(p) => logHref(values, p)} />
    </section>
  );
}

function MessageLink({ message }: { message: OutboxMessage }) {
  return (
    <a href={`/admin/mail/${message.id}`}>
      {formatJapanTime(message.createdAt)} to {message.recipient} ({mailStateLabels[message.state]})
    </a>
  );
}

/**
 * What a role may read of one message (null: not for this role): the subject, the text part and
 * the raw source, with secrets hidden or withheld (docs/decisions/0014).
 */
export interface MailContentView {
  subject: string | null;
  body: StaffCopy | null;
  source: StaffCopy | null;
}

function Withheld({ copy, what }: { copy: StaffCopy; what: string }) {
  if (copy.kind === 'not_rendered')
    return <p class="muted">Not rendered yet: the worker renders a message when it sends it.</p>;
  if (copy.kind !== 'withheld') return null;
  return (
    <p class="muted" data-withheld={what}>
      {copy.why === 'secret_topic'
        ? `Not shown: this mail carries a one-time code or link, which no member of staff may read. If the customer did not get it, they can ask for a new one.`
        : `Not shown: this mail carries a signed link that could not be hidden in its ${what}.`}
    </p>
  );
}

/** One message: what it is, its event timeline, resend, and (by role) its text and source. */
export function MailDetailPage(props: {
  detail: MailDetail;
  content: MailContentView;
  csrf: string;
  canManage: boolean;
  canReadMailbox: boolean;
  suppression: Suppression | null;
  notice?: string | undefined;
  error?: string | undefined;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const { message, events, original, resends, caught } = props.detail;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  return (
    <section>
      <p>
        <a href="/admin/mail">← Delivery log</a>
      </p>
      <h1>
        {props.content.subject ?? topicLabel(message.topic)}{' '}
        <MailStateBadge state={message.state} />
      </h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.suppression && (
        <Notice kind="info">
          {message.recipient} is on the suppression list (
          {suppressionReasonLabels[props.suppression.reason]}, since{' '}
          {formatJapanTime(props.suppression.createdAt)} JST), so new mail to it is not sent.{' '}
          {props.canManage && (
            <a href={`/admin/suppressions?q=${encodeURIComponent(message.recipient)}`}>
              Review the suppression
            </a>
          )}
        </Notice>
      )}
      <div class="admin-columns">
        <div>
          <h2>Timeline</h2>
          <table class="admin-table">
            <thead>
              <tr>
                <th>When (JST)</th>
                <th>Event</th>
                <th>What happened</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => {
                const { summary, facts } = describeMailEvent(e);
                return (
                  <tr data-event={e.type}>
                    <td>{formatJapanTime(e.at)}</td>
                    <td>{eventLabels[e.type] ?? e.type}</td>
                    <td>
                      {summary}
                      {facts.length > 0 && (
                        <dl class="facts">
                          {facts.map(([label, value]) => (
                            <>
                              <dt>{label}</dt>
                              <dd>{value}</dd>
                            </>
                          ))}
                        </dl>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>

        <div>
          <h2>Message</h2>
          <dl class="facts">
            <dt>Type</dt>
            <dd>{topicLabel(message.topic)}</dd>
            <dt>Recipient</dt>
            <dd data-recipient={message.recipient}>{message.recipient}</dd>
            <dt>Language</dt>
            <dd>{message.locale === 'ja' ? 'Japanese' : 'English'}</dd>
            <dt>Order</dt>
            <dd>
              {message.orderNumber ? (
                <a href={`/admin/orders/${message.orderNumber}`}>{message.orderNumber}</a>
              ) : (
                '—'
              )}
            </dd>
            <dt>Created</dt>
            <dd>{formatJapanTime(message.createdAt)} JST</dd>
            <dt>Sent</dt>
            <dd>{message.sentAt ? `${formatJapanTime(message.sentAt)} JST` : '—'}</dd>
            <dt>Attempts</dt>
            <dd>{message.attempts}</dd>
            {message.state === 'deferred' && (
              <>
                <dt>Next try</dt>
                <dd>{formatJapanTime(message.nextAttemptAt)} JST</dd>
              </>
            )}
            {message.smtpHost && (
              <>
                <dt>Accepted by</dt>
                <dd>
                  {message.smtpHost}: {message.smtpResponse}
                </dd>
              </>
            )}
            {message.lastError && (
              <>
                <dt>Last error</dt>
                <dd>{message.lastError}</dd>
              </>
            )}
            <dt>Message ID</dt>
            <dd>
              <code>{message.id}</code>
            </dd>
            {original && (
              <>
                <dt>Resend of</dt>
                <dd data-original={original.id}>
                  <MessageLink message={original} />
                </dd>
              </>
            )}
            {resends.length > 0 && (
              <>
                <dt>Resent as</dt>
                <dd>
                  {resends.map((r) => (
                    <div data-resend={r.id}>
                      <MessageLink message={r} />
                    </div>
                  ))}
                </dd>
              </>
            )}
            {props.canReadMailbox && caught.length > 0 && (
              <>
                <dt>In the mailbox</dt>
                <dd>
                  {caught.map((m) => (
                    <div>
                      <a href={`/admin/mailbox/${m.id}`}>
                        Received {formatJapanTime(m.receivedAt)} JST
                      </a>
                    </div>
                  ))}
                </dd>
              </>
            )}
          </dl>

          {props.canManage && (
            <>
              <h2>Resend</h2>
              <div class="admin-actions">
                <form method="post" action={`/admin/mail/${message.id}/resend`} class="stack">
                  <Csrf token={props.csrf} />
                  <label>
                    Send to
                    <span class="help">
                      Leave empty to send to {message.recipient} again. The copy is a new message
                      linked to this one, rendered from the order as it is now.
                      {isSecretTopic(message.topic) &&
                        ` It carries a one-time code or link, so it goes only to ${message.recipient}.`}
                    </span>
                    <input
                      type="email"
                      name="recipient"
                      value={values.recipient ?? ''}
                      maxlength={254}
                      placeholder={message.recipient}
                      aria-invalid={errors.recipient ? 'true' : undefined}
                    />
                    <FieldError message={errors.recipient} />
                  </label>
                  <div>
                    <button type="submit">Resend</button>
                  </div>
                </form>
              </div>
            </>
          )}
        </div>
      </div>
      {props.content.body && (
        <>
          <h2>Text</h2>
          {props.content.body.kind === 'shown' ? (
            <>
              <p class="muted">
                The plain-text part as the customer received it; signed links show {REDACTED}.
              </p>
              <pre data-part="text">{props.content.body.text}</pre>
            </>
          ) : (
            <Withheld copy={props.content.body} what="text" />
          )}
        </>
      )}
      {props.content.source && (
        <>
          <h2>Source</h2>
          {props.content.source.kind === 'shown' ? (
            <>
              <p>
                The bytes sent (retries send the same), signed links showing {REDACTED}.{' '}
                <a href={`/admin/mail/${message.id}/raw`} download={`${message.id}.eml`}>
                  Download .eml
                </a>
              </p>
              <textarea readonly rows={20} cols={100} aria-label="Raw source" wrap="off">
                {props.content.source.text}
              </textarea>
            </>
          ) : (
            <Withheld copy={props.content.source} what="source" />
          )}
        </>
      )}
    </section>
  );
}

/** "Mail about this order" on the admin order page. */
export function OrderMailSection(props: {
  orderNumber: string;
  mails: OrderMail[];
  csrf: string;
  canManage: boolean;
}) {
  const base = `/admin/orders/${props.orderNumber}`;
  return (
    <>
      <h2 id="mail">Mail about this order</h2>
      {props.mails.length === 0 ? (
        <p class="muted">No mail about this order yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th>Type</th>
              <th>Recipient</th>
              <th>State</th>
              <th>Sent (JST)</th>
              <th>Last event</th>
              {props.canManage && <th />}
            </tr>
          </thead>
          <tbody>
            {props.mails.map((m) => (
              <tr data-order-mail={m.id}>
                <td>
                  <a href={`/admin/mail/${m.id}`}>{topicLabel(m.topic)}</a>
                  {m.resendOf && <div class="muted">resend</div>}
                </td>
                <td>{m.recipient}</td>
                <td>
                  <MailStateBadge state={m.state} />
                </td>
                <td>{m.sentAt ? formatJapanTime(m.sentAt) : '—'}</td>
                <td>
                  {m.lastEvent && (
                    <>
                      {formatJapanTime(m.lastEvent.at)} · {describeMailEvent(m.lastEvent).summary}
                    </>
                  )}
                </td>
                {props.canManage && (
                  <td>
                    <form method="post" action={`${base}/mail/${m.id}/resend`} class="inline">
                      <Csrf token={props.csrf} />
                      <button type="submit" class="secondary">
                        Resend
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The form on the order page that moves the order's mail to another address. */
export function ContactEmailForm(props: {
  orderNumber: string;
  current: string;
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  return (
    <form
      method="post"
      action={`/admin/orders/${props.orderNumber}/contact-email`}
      class="stack"
      id="contact-email"
    >
      <Csrf token={props.csrf} />
      <label>
        Change contact email
        <span class="help">
          This order's mail goes to the new address from now on and the confirmation is sent there
          again. The customer's account email does not change. Now: {props.current}
        </span>
        <input
          type="email"
          name="email"
          value={props.values.email ?? ''}
          required
          maxlength={254}
          aria-invalid={props.errors.email ? 'true' : undefined}
        />
        <FieldError message={props.errors.email} />
      </label>
      <div>
        <button type="submit">Change and resend the confirmation</button>
      </div>
    </form>
  );
}
