-- Failed sign-ins, per account and per client address, shared by every instance. A key is
-- 'account:<lower-case name>' or 'address:<ip>'. Failures count up until the key has been quiet for
-- the throttle's window; from the configured number on, each failure locks the key for a growing while.

create table login_throttle (
    key              varchar(128)  primary key,
    failures         int           not null,
    last_failure_at  timestamptz   not null,
    locked_until     timestamptz
);

create index login_throttle_quiet_idx on login_throttle (last_failure_at);
