-- Foundation: catalog, members, sessions, carts, checkouts, orders, payments, staff, outbox.

create table app_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);

create table products (
  id uuid primary key default gen_random_uuid(),
  sku text not null unique,
  slug text not null unique,
  category text not null,
  kind text not null check (kind in ('physical', 'digital')),
  status text not null check (status in ('on_sale', 'preorder', 'sold_out', 'ended')),
  title_en text not null,
  title_ja text not null,
  description_en text not null default '',
  description_ja text not null default '',
  price_jpy integer not null check (price_jpy >= 0),
  stock integer not null default 0 check (stock >= 0),
  purchase_limit integer check (purchase_limit is null or purchase_limit > 0),
  preorder_opens_at timestamptz,
  preorder_closes_at timestamptz,
  release_month text,
  region_code text,
  domestic_only boolean not null default false,
  member_only boolean not null default false,
  weight_g integer not null default 0 check (weight_g >= 0),
  length_cm integer not null default 0 check (length_cm >= 0),
  width_cm integer not null default 0 check (width_cm >= 0),
  height_cm integer not null default 0 check (height_cm >= 0),
  image_hue integer not null default 200,
  search_document tsvector not null default ''::tsvector,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index products_category_idx on products (category);
create index products_search_idx on products using gin (search_document);

create table members (
  id uuid primary key default gen_random_uuid(),
  member_code text not null,
  email text not null,
  password_hash text not null,
  name text not null default '',
  locale text not null default 'en' check (locale in ('en', 'ja')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index members_member_code_key on members (lower(member_code));
create unique index members_email_key on members (lower(email));

create table staff (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text not null,
  role text not null check (role in ('admin', 'support', 'fulfilment', 'catalog')),
  password_hash text not null,
  created_at timestamptz not null default now()
);
create unique index staff_email_key on staff (lower(email));

create table sessions (
  id_hash text primary key,
  member_id uuid references members (id) on delete cascade,
  staff_id uuid references staff (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  check ((member_id is null) <> (staff_id is null))
);
create index sessions_member_idx on sessions (member_id);
create index sessions_expires_idx on sessions (expires_at);

create table carts (
  id uuid primary key default gen_random_uuid(),
  visitor_hash text unique,
  member_id uuid unique references members (id) on delete cascade,
  updated_at timestamptz not null default now()
);

create table cart_items (
  cart_id uuid not null references carts (id) on delete cascade,
  product_id uuid not null references products (id),
  quantity integer not null check (quantity > 0),
  added_at timestamptz not null default now(),
  primary key (cart_id, product_id)
);

create table orders (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  idempotency_key text not null unique,
  member_id uuid references members (id) on delete set null,
  contact_email text not null,
  locale text not null check (locale in ('en', 'ja')),
  state text not null,
  subtotal_jpy integer not null,
  shipping_fee_jpy integer not null,
  total_jpy integer not null,
  shipping_method text not null,
  ship_name text not null,
  ship_line1 text not null,
  ship_line2 text not null default '',
  ship_city text not null,
  ship_region text not null default '',
  ship_postal_code text not null,
  ship_country text not null,
  ship_phone text not null,
  payment_provider text not null,
  payment_ref text not null,
  payment_state text not null,
  card_brand text,
  card_last4 text,
  carrier text,
  tracking_number text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index orders_member_idx on orders (member_id, created_at desc);
create index orders_state_idx on orders (state, created_at desc);
create index orders_email_idx on orders (lower(contact_email));

create table order_lines (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders (id) on delete cascade,
  product_id uuid not null references products (id),
  sku text not null,
  title_en text not null,
  title_ja text not null,
  kind text not null,
  unit_price_jpy integer not null,
  quantity integer not null check (quantity > 0),
  is_preorder boolean not null default false,
  release_month text,
  preorder_closes_at timestamptz
);
create index order_lines_order_idx on order_lines (order_id);

create table order_events (
  id bigserial primary key,
  order_id uuid not null references orders (id) on delete cascade,
  state text not null,
  note text not null default '',
  actor text not null default 'system',
  at timestamptz not null default now()
);
create index order_events_order_idx on order_events (order_id, id);

create table checkouts (
  id uuid primary key default gen_random_uuid(),
  idempotency_key text not null unique,
  request jsonb not null,
  payment_ref text not null,
  amount_jpy integer not null,
  state text not null default 'awaiting_challenge' check (state in ('awaiting_challenge', 'completed', 'abandoned')),
  order_id uuid references orders (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create table sandbox_payments (
  ref text primary key,
  amount_jpy integer not null,
  captured_jpy integer not null default 0,
  brand text not null,
  last4 text not null,
  status text not null check (status in ('challenge_required', 'authorised', 'declined', 'captured', 'voided')),
  challenge_token text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table outbox_messages (
  id uuid primary key default gen_random_uuid(),
  topic text not null,
  order_id uuid references orders (id) on delete cascade,
  recipient text not null,
  locale text not null,
  payload jsonb not null default '{}'::jsonb,
  state text not null default 'queued',
  created_at timestamptz not null default now()
);
create index outbox_messages_state_idx on outbox_messages (state, created_at);
