-- Candidates and their credentials. Usernames are unique whatever their case, so "Ann" and "ann"
-- cannot be two people.

create table app_user (
    id             bigserial    primary key,
    username       varchar(32)  not null,
    password_hash  text         not null,
    created_at     timestamptz  not null default now()
);

create unique index app_user_username_idx on app_user (lower(username));
