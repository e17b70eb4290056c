-- Spoken answers: whether a user keeps the audio of their voice answers (off unless they turn it on),
-- and the audio itself, one recording per turn (the last upload wins). A recording belongs to its
-- turn, so it is deleted with the turn and so with its interview.

create table speech_setting (
    user_id          bigint       primary key references app_user (id) on delete cascade,
    keep_recordings  boolean      not null default false,
    updated_at       timestamptz  not null default now()
);

create table turn_recording (
    turn_id       uuid          primary key references turn (id) on delete cascade,
    content_type  varchar(100)  not null,
    -- capped by rehearse.speech.max-recording-bytes when stored; the check is a last line of defence
    size_bytes    int           not null check (size_bytes > 0 and size_bytes <= 52428800),
    audio         bytea         not null,
    recorded_at   timestamptz   not null default now()
);
