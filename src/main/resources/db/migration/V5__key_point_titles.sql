-- Key points become {title, detail} objects (they were plain strings). Questions are re-derived
-- with the full titling rules the next time their bank is loaded (the parser version changed);
-- this brings past interviews' snapshots and verdicts to the same shape with the simple rule a
-- bank author uses: a short lead before the first colon is the title, the rest the detail.

create function rehearse_titled_key_point(point jsonb) returns jsonb
language sql immutable as $$
    select case
        when jsonb_typeof(point) <> 'string' then point
        when (point #>> '{}') ~ '^[^:：]{1,30}[:：]\s*\S' then jsonb_build_object(
            'title', btrim(substring(point #>> '{}' from '^([^:：]{1,30})[:：]')),
            'detail', btrim(substring(point #>> '{}' from '^[^:：]{1,30}[:：](.*)$')))
        else jsonb_build_object('title', btrim(point #>> '{}'), 'detail', '')
    end
$$;

update question
set key_points = (select coalesce(jsonb_agg(rehearse_titled_key_point(p) order by n), '[]'::jsonb)
                  from jsonb_array_elements(key_points) with ordinality as e(p, n))
where jsonb_typeof(key_points) = 'array';

update turn
set key_points = (select coalesce(jsonb_agg(rehearse_titled_key_point(p) order by n), '[]'::jsonb)
                  from jsonb_array_elements(key_points) with ordinality as e(p, n))
where jsonb_typeof(key_points) = 'array';

update turn
set verdict = jsonb_set(verdict, '{keyPoints}',
        (select coalesce(jsonb_agg(case when kp ? 'point'
                                        then (kp - 'point') || rehearse_titled_key_point(kp -> 'point')
                                        else kp end order by n), '[]'::jsonb)
         from jsonb_array_elements(verdict -> 'keyPoints') with ordinality as e(kp, n)))
where verdict is not null and jsonb_typeof(verdict -> 'keyPoints') = 'array';

drop function rehearse_titled_key_point(jsonb);
