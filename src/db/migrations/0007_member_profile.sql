-- Member profile: the address book members pick from at checkout.

create table member_addresses (
  id uuid primary key default gen_random_uuid(),
  member_id uuid not null references members (id) on delete cascade,
  name text not null,
  line1 text not null,
  line2 text not null default '',
  city text not null,
  region text not null default '',
  postal_code text not null default '',
  country text not null,
  phone text not null,
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index member_addresses_member_idx on member_addresses (member_id, created_at);
-- At most one default per member.
create unique index member_addresses_default_key on member_addresses (member_id) where is_default;
