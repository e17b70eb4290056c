-- Interviews and their turns. A turn snapshots the question as it was asked (text, reference
-- answer, key points) so later edits of a bank never change a past interview.

create table interview (
    id                 uuid         primary key,
    user_id            bigint       not null references app_user (id) on delete cascade,
    bank_id            varchar(100) not null,
    bank_title         text         not null,
    language           varchar(16)  not null,
    mode               varchar(16)  not null,
    status             varchar(16)  not null,
    -- the main questions planned, in order (follow-ups are added as they are asked)
    question_ids       jsonb        not null,
    categories         jsonb        not null default '[]'::jsonb,
    examiner_kind      varchar(16)  not null,
    examiner_provider  varchar(64)  not null,
    examiner_model     varchar(200) not null,
    report             jsonb,
    created_at         timestamptz  not null default now(),
    updated_at         timestamptz  not null default now(),
    finished_at        timestamptz
);

create index interview_user_created_idx on interview (user_id, created_at desc);
create index interview_status_idx on interview (status, updated_at) where status = 'IN_PROGRESS';

create table turn (
    id                  uuid          primary key,
    interview_id        uuid          not null references interview (id) on delete cascade,
    position            int           not null,
    question_id         uuid          not null,
    category            text          not null,
    kind                varchar(16)   not null,
    parent_turn_id      uuid          references turn (id) on delete cascade,
    spoken_text         text          not null,
    question_text       text          not null,
    reference_answer    text          not null,
    key_points          jsonb         not null,
    status              varchar(16)   not null,
    answer_text         text,
    input_mode          varchar(8),
    duration_seconds    double precision,
    answered_at         timestamptz,
    delivery            jsonb,
    feedback            text,
    verdict             jsonb,
    score               double precision,
    graded_at           timestamptz,
    -- the lease of whoever grades the turn now: a result is stored only under the current lease
    grading_lease       uuid,
    grading_started_at  timestamptz,
    attempts            int           not null default 0,
    last_error          text,
    -- two instances advancing the same interview cannot both add the next turn
    unique (interview_id, position)
);

create index turn_question_idx on turn (question_id) where status = 'GRADED';
create index turn_sweep_idx on turn (status, grading_started_at) where status in ('GRADING', 'FAILED');

-- One row per grading started for a user (answers and re-grades): the per-user rate limit counts
-- these under a lock on the user's row, so it holds across instances.
create table grading_allowance (
    user_id     bigint       not null references app_user (id) on delete cascade,
    granted_at  timestamptz  not null default now()
);

create index grading_allowance_user_idx on grading_allowance (user_id, granted_at);
