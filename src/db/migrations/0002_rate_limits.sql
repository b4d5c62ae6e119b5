-- Fixed-window counters shared by every process: sign-in attempts and anything that sends mail.
create table rate_limit_counters (
  key text not null,
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (key, window_start)
);
create index rate_limit_counters_window_idx on rate_limit_counters (window_start);
