import { formatJapanTime } from '../../lib/japan-time.ts';
import { formatJpy } from '../../lib/money.ts';
import { stateLabels } from '../../orders/state-labels.ts';
import type { Order } from '../../orders/tables.ts';
import { Notice } from '../../web/layout.tsx';
import { type AccountEventType, accountEventTypes } from '../account-events.ts';
import type { MemberAddress } from '../address-book-tables.ts';
import type { AccountEventRow } from '../find-account-events.ts';
import type { MemberProfile } from '../search-members.ts';

/** Staff's names for event types; a type added later shows as its code until named here. */
export const accountEventLabels: Partial<Record<AccountEventType, string>> = {
  registered: 'Registered',
  registration_attempted: 'Registration attempted with this address',
  email_verified: 'Email verified',
  signed_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  signed_out: 'Signed out',
  password_reset_requested: 'Password reset requested',
  password_reset: 'Password reset',
  password_changed: 'Password changed',
  email_change_requested: 'Email change requested',
  email_changed: 'Email changed',
  lookup_requested: 'Member ID lookup requested',
  profile_changed: 'Profile changed',
  newsletter_changed: 'Newsletter choice changed',
  membership_cancelled: 'Membership cancelled',
};

const eventLabel = (type: string) => accountEventLabels[type as AccountEventType] ?? type;

/** An event's detail as `key: value` pairs; values that are lists are joined. */
function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => {
      const shown = Array.isArray(value)
        ? value.join(', ')
        : typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String(value);
      return `${key}: ${shown}`;
    })
    .join('; ');
}

function EventTable(props: { events: AccountEventRow[]; showMember: boolean }) {
  if (props.events.length === 0) return <p class="muted">No account events.</p>;
  return (
    <table class="admin-table account-events">
      <thead>
        <tr>
          <th>Time (JST)</th>
          {props.showMember && <th>Member</th>}
          <th>Event</th>
          <th>Client address</th>
          <th>Detail</th>
        </tr>
      </thead>
      <tbody>
        {props.events.map((e) => (
          <tr data-event={e.type}>
            <td>{formatJapanTime(e.at)}</td>
            {props.showMember && (
              <td>
                {e.memberId ? (
                  <a href={`/admin/members/${e.memberId}`}>{e.memberCode ?? e.memberId}</a>
                ) : (
                  <span class="muted">—</span>
                )}
              </td>
            )}
            <td>{eventLabel(e.type)}</td>
            <td>{e.clientAddress ?? <span class="muted">—</span>}</td>
            <td>{detailText(e.detail)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StatusBadge(props: { member: MemberProfile }) {
  if (props.member.cancelledAt) return <span class="badge cancelled">Cancelled</span>;
  if (!props.member.emailVerifiedAt) return <span class="badge">Not verified</span>;
  return <span class="badge">Active</span>;
}

/** Search members by member ID, email or name. */
export function MemberSearchPage(props: {
  q: string;
  members: MemberProfile[];
  searched: boolean;
}) {
  return (
    <section>
      <h1>Members</h1>
      <form method="get" action="/admin/members" class="filters">
        <label>
          Member ID, email or name
          <br />
          <input type="search" name="q" value={props.q} maxlength={254} />
        </label>
        <button type="submit">Search</button>
        <a href="/admin/account-events">Recent account events</a>
      </form>
      {props.members.length === 0 ? (
        <p class="muted">{props.searched ? 'No member matches.' : 'No members yet.'}</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th>Member ID</th>
              <th>Email</th>
              <th>Name</th>
              <th>Registered (JST)</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {props.members.map((m) => (
              <tr data-member={m.memberCode}>
                <td>
                  <a href={`/admin/members/${m.id}`}>{m.memberCode}</a>
                </td>
                <td>{m.email}</td>
                <td>{m.name}</td>
                <td>{formatJapanTime(m.createdAt)}</td>
                <td>
                  <StatusBadge member={m} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One member: profile, saved addresses, orders and the account event timeline. */
export function MemberDetailPage(props: {
  member: MemberProfile;
  addresses: MemberAddress[];
  orders: Order[];
  events: AccountEventRow[];
}) {
  const { member } = props;
  return (
    <section>
      <p>
        <a href="/admin/members">← Members</a>
      </p>
      <h1>
        Member {member.memberCode} <StatusBadge member={member} />
      </h1>
      {member.cancelledAt && (
        <Notice kind="info">
          Membership cancelled {formatJapanTime(member.cancelledAt)}: personal data was erased. The
          orders below keep their own contact email and shipping address.
        </Notice>
      )}
      <dl class="facts">
        <dt>Member ID</dt>
        <dd>{member.memberCode}</dd>
        <dt>Email</dt>
        <dd>
          {member.email}{' '}
          {member.emailVerifiedAt ? (
            <span class="muted">verified {formatJapanTime(member.emailVerifiedAt)}</span>
          ) : (
            <span class="muted">not verified</span>
          )}
        </dd>
        <dt>Name</dt>
        <dd>{member.name || <span class="muted">—</span>}</dd>
        <dt>Language</dt>
        <dd>{member.locale === 'ja' ? 'Japanese' : 'English'}</dd>
        <dt>Newsletter</dt>
        <dd>{member.newsletterOptIn ? 'Subscribed' : 'Not subscribed'}</dd>
        <dt>Registered</dt>
        <dd>{formatJapanTime(member.createdAt)}</dd>
        <dt>Last changed</dt>
        <dd>{formatJapanTime(member.updatedAt)}</dd>
      </dl>

      <h2>Address book</h2>
      {props.addresses.length === 0 ? (
        <p class="muted">No saved addresses.</p>
      ) : (
        <ul>
          {props.addresses.map((a) => (
            <li>
              {[a.name, a.line1, a.line2, a.city, a.region, a.postalCode, a.country, a.phone]
                .filter(Boolean)
                .join(', ')}
              {a.isDefault && <span class="badge">Default</span>}
            </li>
          ))}
        </ul>
      )}

      <h2>Orders</h2>
      {props.orders.length === 0 ? (
        <p class="muted">No orders.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th>Number</th>
              <th>Placed (JST)</th>
              <th>Contact email</th>
              <th>State</th>
              <th class="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {props.orders.map((o) => (
              <tr data-order={o.number}>
                <td>
                  <a href={`/admin/orders/${o.number}`}>{o.number}</a>
                </td>
                <td>{formatJapanTime(o.createdAt)}</td>
                <td>{o.contactEmail}</td>
                <td>
                  <span class={`badge state-${o.state}`}>{stateLabels[o.state]}</span>
                </td>
                <td class="num">{formatJpy(o.totalJpy, 'en')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Account events</h2>
      <EventTable events={props.events} showMember={false} />
    </section>
  );
}

/** The latest account events across all members, optionally of one type. */
export function AccountEventsPage(props: {
  type: string;
  events: AccountEventRow[];
  error?: string | undefined;
  nextBefore: number | null;
}) {
  return (
    <section>
      <h1>Account events</h1>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="get" action="/admin/account-events" class="filters">
        <label>
          Event
          <br />
          <select name="type" aria-invalid={props.error ? 'true' : undefined}>
            <option value="">Any event</option>
            {accountEventTypes.map((type) => (
              <option value={type} selected={props.type === type}>
                {eventLabel(type)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
        <a href="/admin/members">Members</a>
      </form>
      <EventTable events={props.events} showMember={true} />
      {props.nextBefore && (
        <nav class="pager" aria-label="Pages">
          <a
            href={`/admin/account-events?${new URLSearchParams({
              ...(props.type ? { type: props.type } : {}),
              before: String(props.nextBefore),
            })}`}
          >
            Older →
          </a>
        </nav>
      )}
    </section>
  );
}
