import { formatJapanTime } from '../../lib/japan-time.ts';
import { TextArea, TextField } from '../../web/admin-layout.tsx';
import { Csrf, Notice } from '../../web/layout.tsx';
import type { MailCounts, NewsletterSummary } from '../find-newsletters.ts';
import type { Newsletter } from '../tables.ts';

const stateLabels: Record<Newsletter['state'], string> = {
  draft: 'Draft',
  sending: 'Sending',
  sent: 'Sent',
};

/** Counts in the columns staff care about: still to go, delivered, and each way of not arriving. */
function countCells(counts: MailCounts) {
  return [
    counts.queued + counts.sending + counts.deferred,
    counts.sent,
    counts.bounced,
    counts.complained,
    counts.suppressed,
    counts.failed,
  ];
}

const countHeadings = ['Waiting', 'Sent', 'Bounced', 'Complaints', 'Suppressed', 'Failed'];

/** Every newsletter, newest first, with how its mails are doing. */
export function NewsletterListPage(props: { rows: NewsletterSummary[] }) {
  return (
    <section>
      <h1>Newsletters</h1>
      <p class="muted">
        Sent to members who ticked "Send me the newsletter", whose address is verified and not
        suppressed, each in the language of their account.
      </p>
      <p>
        <a class="button" href="/admin/newsletters/new">
          Write a newsletter
        </a>
      </p>
      {props.rows.length === 0 ? (
        <p class="muted">No newsletters yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th>Subject</th>
              <th>State</th>
              <th>Sent (JST)</th>
              <th class="num">Recipients</th>
              {countHeadings.map((h) => (
                <th class="num">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map(({ newsletter: n, counts }) => (
              <tr data-newsletter={n.id}>
                <td>
                  <a href={`/admin/newsletters/${n.id}`}>{n.subjectEn}</a>
                </td>
                <td>{stateLabels[n.state]}</td>
                <td>{n.sentAt ? formatJapanTime(n.sentAt) : '—'}</td>
                <td class="num">{n.state === 'sent' ? n.recipientCount : '—'}</td>
                {countCells(counts).map((value) => (
                  <td class="num">{value}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Writing or changing a draft, in both languages. */
export function NewsletterFormPage(props: {
  csrf: string;
  action: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  error?: string | undefined;
}) {
  const { values, errors } = props;
  return (
    <section>
      <p>
        <a href="/admin/newsletters">← Newsletters</a>
      </p>
      <h1>Newsletter</h1>
      <p class="muted">
        Write it in both languages. Separate paragraphs with an empty line. The next page shows the
        mail as members will get it; nothing is sent until you press "Send" there.
      </p>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="post" action={props.action} class="stack admin-form">
        <Csrf token={props.csrf} />
        <fieldset>
          <legend>English</legend>
          <TextField
            name="subjectEn"
            label="Subject"
            required
            maxlength={150}
            values={values}
            errors={errors}
          />
          <TextArea name="bodyEn" label="Text" rows={12} values={values} errors={errors} />
        </fieldset>
        <fieldset lang="ja">
          <legend>Japanese</legend>
          <TextField
            name="subjectJa"
            label="Subject (件名)"
            required
            maxlength={150}
            values={values}
            errors={errors}
          />
          <TextArea name="bodyJa" label="Text (本文)" rows={12} values={values} errors={errors} />
        </fieldset>
        <div>
          <button type="submit">Save and preview</button>
        </div>
      </form>
    </section>
  );
}

export interface MailPreview {
  locale: 'en' | 'ja';
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/** One newsletter: a draft shows the mail and the send button; a sent one its delivery counts. */
export function NewsletterPage(props: {
  csrf: string;
  summary: NewsletterSummary;
  previews: MailPreview[];
  audience: { en: number; ja: number };
  perMinute: number;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { newsletter: n, counts } = props.summary;
  const total = props.audience.en + props.audience.ja;
  const minutes = Math.ceil(total / props.perMinute);
  return (
    <section>
      <p>
        <a href="/admin/newsletters">← Newsletters</a>
      </p>
      <h1>{n.subjectEn}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <dl class="facts">
        <dt>State</dt>
        <dd data-newsletter-state={n.state}>{stateLabels[n.state]}</dd>
        <dt>Written by</dt>
        <dd>
          {n.createdBy} · {formatJapanTime(n.createdAt)} JST
        </dd>
        {n.sentAt && (
          <>
            <dt>Sent by</dt>
            <dd>
              {n.sentBy} · {formatJapanTime(n.sentAt)} JST
            </dd>
            <dt>Recipients</dt>
            <dd>
              {n.recipientCount}, {n.perMinute} per minute
              {n.lastDueAt && ` (the last one is due ${formatJapanTime(n.lastDueAt)} JST)`}
            </dd>
          </>
        )}
      </dl>
      {n.state === 'sent' && (
        <>
          <h2>Delivery</h2>
          <table class="admin-table">
            <thead>
              <tr>
                {countHeadings.map((h) => (
                  <th class="num">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr data-counts>
                {countCells(counts).map((value) => (
                  <td class="num">{value}</td>
                ))}
              </tr>
            </tbody>
          </table>
          <p>
            <a href="/admin/mail?topic=newsletter">Each newsletter mail in the delivery log</a>
          </p>
        </>
      )}
      {n.state === 'draft' && (
        <>
          <h2>Send</h2>
          <p>
            It goes to {total} {total === 1 ? 'member' : 'members'} right now ({props.audience.en}{' '}
            in English, {props.audience.ja} in Japanese), {props.perMinute} per minute, so the last
            one leaves about {minutes} {minutes === 1 ? 'minute' : 'minutes'} after you send. Order
            mail always goes first.
          </p>
          <div class="actions">
            <form method="post" action={`/admin/newsletters/${n.id}/send`} class="inline">
              <Csrf token={props.csrf} />
              <button type="submit" disabled={total === 0}>
                Send to {total} {total === 1 ? 'member' : 'members'}
              </button>
            </form>{' '}
            <a class="button secondary" href={`/admin/newsletters/${n.id}/edit`}>
              Edit
            </a>
          </div>
        </>
      )}
      <h2>{n.state === 'draft' ? 'Preview' : 'What was sent'}</h2>
      {props.previews.map((p) => (
        <div lang={p.locale}>
          <h3>{p.locale === 'ja' ? 'Japanese' : 'English'}</h3>
          <dl class="facts">
            <dt>Subject</dt>
            <dd>{p.subject}</dd>
            {Object.entries(p.headers).map(([name, value]) => (
              <>
                <dt>{name}</dt>
                <dd>
                  <code>{value}</code>
                </dd>
              </>
            ))}
          </dl>
          <textarea readonly rows={16} cols={90} aria-label={`Text (${p.locale})`}>
            {p.text}
          </textarea>
        </div>
      ))}
    </section>
  );
}
