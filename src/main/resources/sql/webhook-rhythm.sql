-- Per active webhook: the Unix time of its latest conversion, and the median gap between its latest receive times
-- (a request's conversions share one), over its latest 30 receive times within the 7 days before the latest one;
-- 0 when unknown (fewer than two). Anchored on the latest conversion, not on now, so that a webhook that fell silent
-- keeps its usual interval (what a silence alert compares with).
-- Each step is one backward probe of the (webhook_id, id) index, skipping the rows of one receive time (a request's
-- or a group commit's), so the
-- cost grows with the number of webhooks, not with the size of webhook_conversions.
WITH RECURSIVE moments AS (
    SELECT w.id AS webhook_id, 1 AS n, latest.id, latest.received_at,
           latest.received_at - interval '7 days' AS since
      FROM webhooks w
     CROSS JOIN LATERAL (SELECT c.id, c.received_at FROM webhook_conversions c
                          WHERE c.webhook_id = w.id ORDER BY c.id DESC LIMIT 1) latest
     WHERE w.active
    UNION ALL
    SELECT m.webhook_id, m.n + 1, earlier.id, earlier.received_at, m.since
      FROM moments m
     CROSS JOIN LATERAL (SELECT c.id, c.received_at FROM webhook_conversions c
                          WHERE c.webhook_id = m.webhook_id AND c.id < m.id AND c.received_at < m.received_at
                          ORDER BY c.id DESC LIMIT 1) earlier
     WHERE m.n < 30 AND earlier.received_at > m.since
), gaps AS (
    SELECT webhook_id,
           extract(epoch FROM lag(received_at) OVER (PARTITION BY webhook_id ORDER BY n) - received_at) AS gap
      FROM moments
)
SELECT w.id::text AS webhook_id,
       coalesce(extract(epoch FROM latest.received_at), 0) AS last_conversion_seconds,
       coalesce((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY g.gap) FROM gaps g
                  WHERE g.webhook_id = w.id AND g.gap IS NOT NULL), 0) AS usual_interval_seconds
  FROM webhooks w
  LEFT JOIN moments latest ON latest.webhook_id = w.id AND latest.n = 1
 WHERE w.active
