-- Member accounts: verified addresses, newsletter consent, and an audit log of account events.

alter table members
  add column email_verified_at timestamptz,
  add column newsletter_opt_in boolean not null default false,
  add column cancelled_at timestamptz;

-- Members created before verification existed keep working.
update members set email_verified_at = created_at;

create table account_events (
  id bigserial primary key,
  member_id uuid references members (id) on delete set null,
  type text not null,
  detail jsonb not null default '{}'::jsonb,
  client_address text,
  at timestamptz not null default now()
);
create index account_events_member_idx on account_events (member_id, id desc);
create index account_events_type_idx on account_events (type, at desc);
