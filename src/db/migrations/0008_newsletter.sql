-- Newsletters: staff write one in English and Japanese; sending queues one broadcast mail per
-- subscribed member. The state is the guard against sending twice.

create table newsletters (
  id uuid primary key default gen_random_uuid(),
  subject_en text not null,
  subject_ja text not null,
  body_en text not null,
  body_ja text not null,
  state text not null default 'draft' check (state in ('draft', 'sending', 'sent')),
  created_by text not null,
  sent_by text,
  sent_at timestamptz,
  recipient_count integer not null default 0,
  per_minute integer,
  last_due_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index newsletters_created_idx on newsletters (created_at desc);

-- The admin list counts each newsletter's mails by the id in their payload.
create index outbox_messages_newsletter_idx on outbox_messages ((payload ->> 'newsletterId'))
  where topic = 'newsletter';
