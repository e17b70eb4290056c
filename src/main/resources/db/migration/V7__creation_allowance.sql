-- Creations that are limited per hour (registrations per client address, interviews per user), counted
-- like grading_allowance: one row per creation, old rows forgotten.

create table creation_allowance (
    kind        varchar(32)   not null,
    subject     varchar(128)  not null,
    granted_at  timestamptz   not null default now()
);

create index creation_allowance_subject_idx on creation_allowance (kind, subject, granted_at);
