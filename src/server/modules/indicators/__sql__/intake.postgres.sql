-- parameters: ["0190a1b2-0000-7000-8000-000000000001","2025-12-31T23:00:00.000Z","2026-03-31T22:00:00.000Z"]
select "channel", "category_id", "subdomain", count(*) as "volume", sum(received_outside_hours) as "outside_hours" from "tickets" where "commune_id" = $1 and "created_at" >= $2 and "created_at" < $3 and "merged_into_id" is null group by "channel", "category_id", "subdomain"
