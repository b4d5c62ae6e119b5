import { formatJapanTime } from '../../lib/japan-time.ts';
import { Pager } from '../../web/admin-layout.tsx';
import { Notice } from '../../web/layout.tsx';
import type { CaughtMail } from '../tables.ts';

type CaughtSummary = Omit<CaughtMail, 'raw'>;

/** What the message page shows of a parsed mail. */
export interface MailboxMessage {
  mail: CaughtMail;
  subject: string;
  from: string;
  to: string;
  date: Date | null;
  text: string | null;
  hasHtml: boolean;
  headers: [name: string, value: string][];
  /** The outbox message it was sent for, when it came from the shop's own pipeline. */
  outboxId: string | null;
}

/** The development mailbox: every mail the embedded SMTP catcher received, newest first. */
export function MailboxListPage(props: {
  mails: CaughtSummary[];
  q: string;
  page: number;
  hasNext: boolean;
  error?: string | undefined;
}) {
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (props.q) params.set('q', props.q);
    if (page > 1) params.set('page', String(page));
    const query = params.toString();
    return query ? `/admin/mailbox?${query}` : '/admin/mailbox';
  };
  return (
    <section>
      <h1>Mailbox</h1>
      <p class="muted">
        With no SMTP server configured, the shop delivers every mail over SMTP to its own built-in
        server, and it lands here instead of in a customer's inbox.
      </p>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="get" action="/admin/mailbox" class="filters">
        <label>
          Recipient or subject
          <br />
          <input type="search" name="q" value={props.q} />
        </label>
        <button type="submit">Search</button>
        <a href="/admin/mailbox">Clear</a>
      </form>
      {props.mails.length === 0 ? (
        <p class="muted">{props.q ? 'No mail matches.' : 'No mail received yet.'}</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th>Received (JST)</th>
              <th>To</th>
              <th>Subject</th>
              <th>From</th>
            </tr>
          </thead>
          <tbody>
            {props.mails.map((m) => (
              <tr data-caught={m.id}>
                <td>{formatJapanTime(m.receivedAt)}</td>
                <td>{m.envelopeTo.join(', ') || m.headerTo}</td>
                <td>
                  <a href={`/admin/mailbox/${m.id}`}>{m.subject || '(no subject)'}</a>
                </td>
                <td>{m.headerFrom}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={props.page} hasNext={props.hasNext} href={href} />
    </section>
  );
}

/** One caught mail: HTML preview (sandboxed), text part, headers and raw source. */
export function MailboxMessagePage(props: { message: MailboxMessage }) {
  const { mail, headers } = props.message;
  const base = `/admin/mailbox/${mail.id}`;
  return (
    <section>
      <p>
        <a href="/admin/mailbox">← Mailbox</a>
      </p>
      <h1>{props.message.subject || '(no subject)'}</h1>
      <dl class="facts">
        <dt>From</dt>
        <dd>{props.message.from}</dd>
        <dt>To</dt>
        <dd>{props.message.to}</dd>
        <dt>Date</dt>
        <dd>{props.message.date ? `${formatJapanTime(props.message.date)} JST` : '—'}</dd>
        <dt>Envelope</dt>
        <dd>
          MAIL FROM {mail.envelopeFrom || '<>'} · RCPT TO {mail.envelopeTo.join(', ')}
        </dd>
        <dt>Received</dt>
        <dd>{formatJapanTime(mail.receivedAt)} JST</dd>
        {props.message.outboxId && (
          <>
            <dt>Delivery log</dt>
            <dd>
              <a href={`/admin/mail/${props.message.outboxId}`}>Open the message's timeline</a>
            </dd>
          </>
        )}
      </dl>
      <nav class="pager" aria-label="Parts">
        <a href="#html">HTML</a>
        <a href="#text">Text</a>
        <a href="#headers">Headers</a>
        <a href="#raw">Raw source</a>
        <a href={`${base}/raw`} download={`${mail.id}.eml`}>
          Download .eml
        </a>
      </nav>

      <h2 id="html">HTML preview</h2>
      {props.message.hasHtml ? (
        // Served from its own route with a CSP of its own: no scripts, no network, inline styles only.
        <iframe
          sandbox=""
          src={`${base}/html`}
          title="HTML part of the mail"
          width="100%"
          height="640"
          referrerpolicy="no-referrer"
        />
      ) : (
        <p class="muted">This mail has no HTML part.</p>
      )}

      <h2 id="text">Text</h2>
      {props.message.text ? (
        <pre data-part="text">{props.message.text}</pre>
      ) : (
        <p class="muted">This mail has no text part.</p>
      )}

      <h2 id="headers">Headers</h2>
      <table class="admin-table" data-part="headers">
        <tbody>
          {headers.map(([name, value]) => (
            <tr>
              <th>{name}</th>
              <td>
                <code>{value}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="raw">Raw source</h2>
      <textarea readonly rows={24} cols={100} aria-label="Raw source" data-part="raw" wrap="off">
        {mail.raw}
      </textarea>
    </section>
  );
}
