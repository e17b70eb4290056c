-- Spaced review. One row per user, bank, question and interview: how that question went in that
-- interview (the mean score of its graded answers, follow-ups included). The verdict statement
-- adds to it in the same statement that stores the verdict; the SM-2 schedule (ease, interval,
-- next due date) is replayed from these rows in order (review/ReviewSchedule), so the algorithm
-- lives in one place, a late verdict or a follow-up amends its interview's step, and a tuned
-- schedule applies to the past too. No foreign key to the interview: deleting an interview keeps
-- what the candidate practised (a score, never an answer); deleting the account removes it all.

create table review_outcome (
    user_id        bigint           not null references app_user (id) on delete cascade,
    bank_id        varchar(100)     not null,
    question_id    uuid             not null,
    interview_id   uuid             not null,
    score_sum      double precision not null,
    answers        int              not null,
    -- when the question was first graded in that interview: the review's date
    reviewed_at    timestamptz      not null default now(),
    primary key (user_id, bank_id, question_id, interview_id)
);

create index review_outcome_user_idx on review_outcome (user_id, reviewed_at);

-- How the interviewer speaks (friendly, neutral, strict); never what the answer scores.
alter table interview add column style varchar(16) not null default 'neutral';
