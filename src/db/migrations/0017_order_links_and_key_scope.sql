-- The cart an order was placed from: an Idempotency-Key replays its order only to that cart (and
-- buyer). Orders placed before this column have none, so their keys replay to nobody.
alter table orders add column cart_id uuid;

-- The version of a guest's order link (0012-guest-order-links.md): moving the order's mail to
-- another address bumps it, so links sent to the old address stop working. 0 keeps the links
-- mailed before this column working until then.
alter table orders add column access_epoch integer not null default 0;
