-- Banks a user uploads from the web chat belong to that user (owner_id); shared banks (the shipped ones
-- and the banks directory's) have none. Deleting the user deletes their banks. Interviews keep their
-- own snapshot of every question asked (turn.question_text, reference_answer, key_points), so deleting
-- a bank never changes a past interview.
alter table bank add column owner_id bigint references app_user (id) on delete cascade;

create index bank_owner_idx on bank (owner_id) where owner_id is not null;

-- Follow-up questions an article writes out for a question (追问 / 追问链条), each with its own reference
-- answer and key points: [{text, referenceAnswer, keyPoints: [{title, detail}]}], asked in order.
alter table question add column follow_ups jsonb not null default '[]'::jsonb;
