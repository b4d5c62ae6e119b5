-- PayPal's webhook (issue 11, decision 0015): every verified event, by PayPal's event id, so a
-- delivery PayPal repeats (it retries until it gets a 2xx, and may send one event twice) changes
-- nothing the second time. The row is written in the transaction that handles the event.
create table paypal_webhook_events (
  id text primary key,
  event_type text not null,
  -- The event's resource: a capture id, or a refund id for refund events.
  resource_id text,
  received_at timestamptz not null default now(),
  -- What handling it did, e.g. captured, cancelled, refund_recorded, unknown_capture, ignored.
  outcome text not null
);

create index paypal_webhook_events_received_idx on paypal_webhook_events (received_at);
