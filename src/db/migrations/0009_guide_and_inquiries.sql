-- The help guide's "Was your problem solved?" answers: one per visitor per article; a visitor who
-- changes their mind overwrites their answer.
create table guide_feedback (
  article_slug text not null,
  visitor_id text not null,
  member_id uuid references members (id) on delete set null,
  helpful boolean not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (article_slug, visitor_id)
);

-- The inquiry desk. The number (Q-YYMMDD-NNNN) is what the customer sees and what threads mail.
create sequence inquiry_number_seq;

create table inquiries (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  category text not null check (category in (
    'order', 'missing_email', 'contact_email', 'shipping', 'payment', 'returns', 'member_id', 'other')),
  state text not null default 'open' check (state in ('open', 'waiting', 'closed')),
  name text not null,
  email text not null,
  locale text not null check (locale in ('en', 'ja')),
  member_id uuid references members (id) on delete set null,
  order_id uuid references orders (id) on delete set null,
  new_email text,
  -- The guide article the customer came from ("No" on "Was your problem solved?").
  guide_slug text,
  assignee_id uuid references staff (id) on delete set null,
  -- When staff applied the new contact email to the order, and who did.
  applied_at timestamptz,
  applied_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index inquiries_state_idx on inquiries (state, created_at desc);
create index inquiries_email_idx on inquiries (lower(email));

-- The thread: the customer's first message, staff replies (each one mail), customer replies by
-- mail, and staff actions (assign, state changes, applied email) as 'event' entries.
create table inquiry_messages (
  id uuid primary key default gen_random_uuid(),
  inquiry_id uuid not null references inquiries (id) on delete cascade,
  kind text not null check (kind in ('customer', 'staff', 'event')),
  source text not null check (source in ('form', 'mail', 'admin')),
  author text not null,
  body text not null,
  outbox_message_id uuid references outbox_messages (id) on delete set null,
  created_at timestamptz not null default now()
);
create index inquiry_messages_thread_idx on inquiry_messages (inquiry_id, created_at);

-- Photos for defect reports live in the database so every web process can serve them.
create table inquiry_photos (
  id uuid primary key default gen_random_uuid(),
  inquiry_id uuid not null references inquiries (id) on delete cascade,
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp', 'image/gif')),
  size_bytes integer not null,
  data bytea not null,
  created_at timestamptz not null default now()
);
create index inquiry_photos_inquiry_idx on inquiry_photos (inquiry_id);
