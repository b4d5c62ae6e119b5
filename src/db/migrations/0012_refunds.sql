-- Refunds: an order cancelled after its card was charged (early capture of an old pre-order
-- authorisation) gets its money back instead of a void.
alter table sandbox_payments drop constraint sandbox_payments_status_check;
alter table sandbox_payments add constraint sandbox_payments_status_check
  check (status in ('challenge_required', 'authorised', 'declined', 'captured', 'voided', 'refunded'));
alter table sandbox_payments add column refunded_jpy integer not null default 0;
