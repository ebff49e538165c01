-- parameters: ["0190a1b2-0000-7000-8000-000000000001","2026-03-31T22:00:00.000Z","2026-03-31T22:00:00.000Z","2026-03-31T22:00:00.000Z"]
select count(*) as "open" from "tickets" where "commune_id" = $1 and "created_at" < $2 and "merged_into_id" is null and (("resolved_at" is null or "resolved_at" >= $3) and ("closed_at" is null or "closed_at" >= $4))
