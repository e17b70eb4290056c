-- Question banks loaded from files in seeds/. Ids are derived from the file and the question's
-- identity inside it, so they stay the same across restarts and re-loads.

create table bank (
    id            varchar(100) primary key,
    title         text         not null,
    language      varchar(16)  not null,
    description   text,
    source_file   text         not null,
    content_hash  varchar(64)  not null,
    loaded_at     timestamptz  not null default now()
);

create table category (
    id        varchar(200) primary key,
    bank_id   varchar(100) not null references bank (id) on delete cascade,
    name      text         not null,
    position  int          not null,
    unique (bank_id, name)
);

create table question (
    id                uuid         primary key,
    bank_id           varchar(100) not null references bank (id) on delete cascade,
    category_id       varchar(200) not null references category (id) on delete cascade,
    position          int          not null,
    text              text         not null,
    reference_answer  text         not null,
    key_points        jsonb        not null default '[]'::jsonb,
    language          varchar(16)  not null,
    difficulty        varchar(16),
    tags              jsonb        not null default '[]'::jsonb,
    source_file       text         not null,
    source_line       int          not null,
    -- a question removed from its file is retired, not deleted: past interviews still name it
    retired           boolean      not null default false
);

create index question_bank_idx on question (bank_id, position) where not retired;
