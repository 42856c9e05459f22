-- Bundles older than an aggregation can last that no batch claimed: their group was lost by a crash. Oldest first,
-- whole bundles, up to batching.recovery-max-rows conversions (always at least one bundle).
SELECT id, counter_id, identifier_columns, size
  FROM (SELECT id, counter_id, identifier_columns, cardinality(conversion_ids) AS size,
               sum(cardinality(conversion_ids)) OVER (ORDER BY id) AS running
          FROM conversion_bundles
         WHERE batch_id IS NULL
           AND created_at < now() - make_interval(secs => CAST(:#${properties:batching.recovery-min-age-ms} AS bigint) / 1000.0)) AS old
 WHERE running - size < CAST(:#${properties:batching.recovery-max-rows} AS integer)
 ORDER BY id
