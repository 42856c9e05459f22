-- Conversions older than an aggregation can last that no batch claimed: their group was lost by a crash.
SELECT id, counter_id,
       concat_ws(',', CASE WHEN client_id IS NOT NULL THEN 'ClientId' END,
                      CASE WHEN user_id IS NOT NULL THEN 'UserId' END,
                      CASE WHEN yclid IS NOT NULL THEN 'Yclid' END,
                      CASE WHEN purchase_id IS NOT NULL THEN 'PurchaseId' END) AS identifier_columns
  FROM webhook_conversions
 WHERE batch_id IS NULL
   AND received_at < now() - make_interval(secs => CAST(:#${properties:batching.recovery-min-age-ms} AS bigint) / 1000.0)
 ORDER BY id
 LIMIT CAST(:#${properties:batching.recovery-max-rows} AS integer)
