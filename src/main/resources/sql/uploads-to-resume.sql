-- Batches to (re)start: open and due (not just created: the aggregator's own hand-off is on its way), or
-- 'uploading' with an expired lease (the replica uploading it died).
SELECT b.id
  FROM webhook_batches b
 WHERE b.status IN ('open', 'uploading')
   AND ((b.status = 'open' AND (b.next_attempt_at IS NULL OR b.next_attempt_at <= now())
         AND b.updated_at < now() - make_interval(secs => CAST(:#${properties:upload.resume-interval-ms} AS bigint) / 1000.0))
        OR (b.status = 'uploading' AND b.lease_until < now()))
   AND NOT EXISTS (SELECT 1 FROM metrica_counter_pauses p WHERE p.counter_id = b.counter_id)
 ORDER BY b.id
 LIMIT 1000
