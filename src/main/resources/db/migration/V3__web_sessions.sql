-- Browser sessions live here, not in one instance's memory, so any instance behind a load balancer
-- serves any signed-in user. Attributes are the session's Java-serialized attribute map.

create table web_session (
    id                    varchar(64)  primary key,
    principal_name        varchar(64),
    created_at            timestamptz  not null,
    last_accessed_at      timestamptz  not null,
    max_inactive_seconds  int          not null,
    expires_at            timestamptz  not null,
    attributes            bytea        not null
);

create index web_session_expires_idx on web_session (expires_at);
