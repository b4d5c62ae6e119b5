-- Gift options chosen at checkout: wrapping for the whole order (its fee is part of total_jpy)
-- and a printed message card.
alter table orders add column gift_wrap boolean not null default false;
alter table orders add column gift_wrap_jpy integer not null default 0;
alter table orders add column message_card text;
