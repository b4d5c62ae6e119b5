-- Failed sign-ins, shared by every process and every sign-in door (web, Store API, staff): one
-- row per login at an address, per login and per address (see accounts/sign-in-throttle.ts).
create table sign_in_failures (
  key text primary key,
  door text not null check (door in ('member', 'staff')),
  -- The normalised login for per-login rows, so an unlock or a new password can clear them.
  identity text,
  failures integer not null,
  last_failure_at timestamptz not null
);
create index sign_in_failures_identity_idx on sign_in_failures (door, identity);
create index sign_in_failures_last_failure_idx on sign_in_failures (last_failure_at);

-- A staff account locks after repeated wrong passwords until an administrator unlocks it.
alter table staff add column failed_sign_ins integer not null default 0;
alter table staff add column locked_at timestamptz;
