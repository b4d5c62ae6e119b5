-- The mail pipeline: the outbox becomes the per-message delivery record, with an event timeline,
-- suppressions, the embedded mail catcher's store, and verification codes.

alter table outbox_messages
  add column member_id uuid references members (id) on delete set null,
  add column stream text not null default 'transactional',
  add column subject text,
  add column raw_source text,
  add column attempts integer not null default 0,
  add column next_attempt_at timestamptz not null default now(),
  add column locked_until timestamptz,
  add column last_error text,
  add column resend_of uuid references outbox_messages (id) on delete set null,
  add column sent_at timestamptz,
  add column smtp_response text,
  add column smtp_host text,
  add column updated_at timestamptz not null default now();

drop index outbox_messages_state_idx;
create index outbox_messages_due_idx on outbox_messages (next_attempt_at) where state in ('queued', 'deferred', 'sending');
create index outbox_messages_recipient_idx on outbox_messages (lower(recipient), created_at desc);
create index outbox_messages_order_idx on outbox_messages (order_id, created_at);
create index outbox_messages_member_idx on outbox_messages (member_id, created_at desc);

create table mail_events (
  id bigserial primary key,
  message_id uuid not null references outbox_messages (id) on delete cascade,
  type text not null check (type in ('queued', 'sent', 'deferred', 'bounced', 'complained', 'suppressed', 'failed')),
  detail jsonb not null default '{}'::jsonb,
  at timestamptz not null default now()
);
create index mail_events_message_idx on mail_events (message_id, id);
create index mail_events_type_idx on mail_events (type, at);

create table suppressions (
  email text primary key,
  reason text not null check (reason in ('hard_bounce', 'complaint', 'soft_bounces', 'manual')),
  source text not null,
  detail text not null default '',
  created_at timestamptz not null default now()
);

create table caught_mails (
  id uuid primary key default gen_random_uuid(),
  envelope_from text not null,
  envelope_to text[] not null,
  subject text not null default '',
  header_from text not null default '',
  header_to text not null default '',
  message_id text,
  raw text not null,
  received_at timestamptz not null default now()
);
create index caught_mails_received_idx on caught_mails (received_at desc);

create table verification_codes (
  id uuid primary key default gen_random_uuid(),
  purpose text not null,
  subject_id text not null,
  email text not null,
  code_hash text not null,
  attempts integer not null default 0,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index verification_codes_subject_idx on verification_codes (purpose, subject_id, created_at desc);
