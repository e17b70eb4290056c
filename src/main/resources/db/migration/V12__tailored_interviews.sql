-- Interviews tailored to a job: the job description and resume the candidate gave (theirs: kept only
-- with the interview and deleted with it), how the interview was planned, the questions written for
-- it (with their reference answers and key points, so they are graded like bank questions), and the
-- candidate's reports of bad generated questions.

create table interview_tailoring (
    interview_id     uuid   primary key references interview (id) on delete cascade,
    job_description  text,
    resume           text,
    -- {method: llm|offline-ranking, phases: [...], note, fallback}
    plan             jsonb  not null
);

create table interview_question (
    id                uuid         primary key,
    interview_id      uuid         not null references interview (id) on delete cascade,
    -- generated (written by the model) or self-introduction (a fixed rubric)
    origin            varchar(32)  not null,
    phase             varchar(32)  not null,
    category          text         not null,
    text              text         not null,
    reference_answer  text         not null,
    key_points        jsonb        not null,
    language          varchar(16)  not null
);

create index interview_question_interview_idx on interview_question (interview_id);

create table question_report (
    interview_id  uuid         not null references interview (id) on delete cascade,
    question_id   uuid         not null references interview_question (id) on delete cascade,
    reason        text         not null,
    reported_at   timestamptz  not null default now(),
    primary key (interview_id, question_id)
);

-- Where a turn's question came from: a bank (as before), or the interview's own questions above.
alter table turn add column origin varchar(32) not null default 'bank';
