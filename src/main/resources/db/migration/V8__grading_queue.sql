-- Answers saved while all of their instance's graders were busy (rehearse.interview.max-concurrent-gradings),
-- in arrival order. Any instance with a free grader takes the oldest (FOR UPDATE SKIP LOCKED), so the queue is
-- fair across instances and survives a restart; the turn itself is already GRADING under this lease, which
-- the sweep still recovers if nobody takes it.
create table grading_queue (
    turn_id    uuid        primary key references turn (id) on delete cascade,
    lease      uuid        not null,
    seq        bigint      generated always as identity,
    queued_at  timestamptz not null default now()
);

create unique index grading_queue_seq_idx on grading_queue (seq);
