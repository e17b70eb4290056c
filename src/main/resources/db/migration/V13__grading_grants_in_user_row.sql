-- The per-user grading allowance moves into the user's row: the grants of the last window, oldest
-- first. An answer's save statement takes one while it saves (interview/GradingAllowance): the update
-- locks the row, and PostgreSQL re-checks the count on the row's newest version when it had to wait
-- for it, so concurrent answers on any instance are counted one after the other without a transaction.
alter table app_user add column grading_grants timestamptz[] not null default '{}';

-- the grants still counting keep counting across the upgrade
update app_user u set grading_grants = array(
    select g.granted_at from grading_allowance g
    where g.user_id = u.id and g.granted_at > now() - interval '1 minute'
    order by g.granted_at)
where exists (select 1 from grading_allowance g where g.user_id = u.id);

drop table grading_allowance;
