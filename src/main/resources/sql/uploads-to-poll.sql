-- Uploads Metrica has not finished processing whose next poll is due, oldest first.
SELECT id, counter_id, metrica_upload_id, upload_comment, uploaded_at, poll_count
  FROM webhook_batches
 WHERE status = 'uploaded' AND next_poll_at <= now()
 ORDER BY next_poll_at
 LIMIT CAST(:#${properties:status.max-polls-per-run} AS integer)
