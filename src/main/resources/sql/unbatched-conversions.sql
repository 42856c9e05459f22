-- Conversions older than an aggregation can last that no batch claimed: their group was lost by a crash.
SELECT c.id, c.counter_id,
       concat_ws(',', CASE WHEN c.client_id IS NOT NULL THEN 'ClientId' END,
                      CASE WHEN c.user_id IS NOT NULL THEN 'UserId' END,
                      CASE WHEN c.yclid IS NOT NULL THEN 'Yclid' END,
                      CASE WHEN c.purchase_id IS NOT NULL THEN 'PurchaseId' END) AS identifier_columns
  FROM webhook_conversions c
 -- The oldest queued ids first (ids grow with time), then their rows by primary key.
 WHERE c.id = ANY (ARRAY(SELECT conversion_id FROM unbatched_conversions ORDER BY conversion_id
                         LIMIT CAST(:#${properties:batching.recovery-max-rows} AS integer)))
   AND c.received_at < now() - make_interval(secs => CAST(:#${properties:batching.recovery-min-age-ms} AS bigint) / 1000.0)
 ORDER BY c.id
