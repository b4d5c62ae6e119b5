import { formatJapanTime } from '../../lib/japan-time.ts';
import { TextArea, TextField } from '../../web/admin-layout.tsx';
import { Csrf, Notice } from '../../web/layout.tsx';
import type { suppressions } from '../tables.ts';
import { suppressionReasonLabels } from './mail-log-parts.tsx';

type Suppression = typeof suppressions.$inferSelect;

/** Addresses we no longer send to: search, add by hand, remove. */
export function SuppressionsPage(props: {
  rows: Suppression[];
  q: string;
  csrf: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  return (
    <section>
      <p>
        <a href="/admin/mail">← Delivery log</a>
      </p>
      <h1>Suppression list</h1>
      <p class="muted">
        Mail to these addresses is recorded as suppressed instead of being sent. Hard bounces and
        spam complaints add an address at once, soft bounces after repeated failures.
      </p>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <div class="admin-columns">
        <div>
          <form method="get" action="/admin/suppressions" class="filters">
            <label>
              Address
              <br />
              <input type="search" name="q" value={props.q} />
            </label>
            <button type="submit">Search</button>
            <a href="/admin/suppressions">Clear</a>
          </form>
          {props.rows.length === 0 ? (
            <p class="muted">No suppressed addresses{props.q ? ' match' : ''}.</p>
          ) : (
            <table class="admin-table">
              <thead>
                <tr>
                  <th>Address</th>
                  <th>Reason</th>
                  <th>Since (JST)</th>
                  <th>Source</th>
                  <th>Detail</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {props.rows.map((s) => (
                  <tr data-suppressed={s.email}>
                    <td>
                      <a href={`/admin/mail?recipient=${encodeURIComponent(s.email)}`}>{s.email}</a>
                    </td>
                    <td>{suppressionReasonLabels[s.reason] ?? s.reason}</td>
                    <td>{formatJapanTime(s.createdAt)}</td>
                    <td>{s.source}</td>
                    <td>{s.detail}</td>
                    <td>
                      <form method="post" action="/admin/suppressions/remove" class="inline">
                        <Csrf token={props.csrf} />
                        <input type="hidden" name="email" value={s.email} />
                        <button type="submit" class="secondary">
                          Remove
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {props.rows.length >= 200 && (
            <p class="muted">Showing the newest 200; search to narrow the list.</p>
          )}
        </div>
        <div>
          <h2>Add an address</h2>
          <div class="admin-actions">
            <form method="post" action="/admin/suppressions" class="stack">
              <Csrf token={props.csrf} />
              <TextField
                name="email"
                label="Email address"
                type="email"
                required
                maxlength={254}
                values={values}
                errors={errors}
              />
              <TextArea name="note" label="Note (why)" rows={2} values={values} errors={errors} />
              <div>
                <button type="submit">Suppress</button>
              </div>
            </form>
          </div>
        </div>
      </div>
    </section>
  );
}
