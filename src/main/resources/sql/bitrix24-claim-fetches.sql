-- Due Bitrix24 fetches, claimed for this replica: each moves one lease ahead (bitrix24.fetch-lease-ms) and counts
-- an attempt, so no other replica takes it while this one fetches, and a replica that dies leaves it due again
-- once the lease is over. SKIP LOCKED: replicas claiming together take different rows and never wait.
UPDATE bitrix24_fetches
   SET attempts = attempts + 1,
       last_attempt_at = now(),
       next_attempt_at = now() + make_interval(secs => CAST(:#${properties:bitrix24.fetch-lease-ms} AS bigint) / 1000.0)
 WHERE id IN (SELECT id FROM bitrix24_fetches
               WHERE status = 'pending' AND next_attempt_at <= now()
               ORDER BY next_attempt_at
               LIMIT CAST(:#${properties:bitrix24.fetch-batch-size} AS integer)
                 FOR UPDATE SKIP LOCKED)
RETURNING id, webhook_id, request_id, deal_id, attempts, created_at, retries_since, event_at
