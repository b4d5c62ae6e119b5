import { formatJapanTime } from '../../lib/japan-time.ts';
import { FilterErrors, FilterSelect, Pager } from '../../web/admin-layout.tsx';
import type { InquiryRow } from '../find-inquiries.ts';
import { inquiryStateLabels } from '../set-inquiry-state.ts';
import { inquiryCategories, inquiryStates } from '../tables.ts';
import { categoryLabels, StateBadge } from './admin-inquiry-parts.tsx';

type StaffChoice = { id: string; email: string; name: string };

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
      <FilterErrors errors={errors} labels={filterLabels} />
      <form method="get" action="/admin/inquiries" class="filters">
        <FilterSelect
          label="Category"
          name="category"
          any="Any category"
          options={inquiryCategories}
          labels={categoryLabels}
          values={values}
          errors={errors}
        />
        <FilterSelect
          label="State"
          name="state"
          any="Any state"
          options={inquiryStates}
          labels={inquiryStateLabels}
          values={values}
          errors={errors}
        />
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
                  {r.memberCode && <div class="muted">Member {r.memberCode}</div>}
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
