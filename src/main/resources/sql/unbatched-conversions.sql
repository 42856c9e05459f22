-- Conversions older than an aggregation can last that no batch claimed: their group was lost by a crash.
SELECT c.id, c.counter_id,
       concat_ws(',', CASE WHEN c.client_id IS NOT NULL THEN 'ClientId' END,
                      CASE WHEN c.user_id IS NOT NULL THEN 'UserId' END,
                      CASE WHEN c.yclid IS NOT NULL THEN 'Yclid' END,
                      CASE WHEN c.purchase_id IS NOT NULL THEN 'PurchaseId' END) AS identifier_columns
  FROM unbatched_conversions q
  JOIN webhook_conversions c ON c.id = q.conversion_id
 WHERE c.received_at < now() - make_interval(secs => CAST(:#${properties:batching.recovery-min-age-ms} AS bigint) / 1000.0)
 ORDER BY q.conversion_id
 LIMIT CAST(:#${properties:batching.recovery-max-rows} AS integer)
