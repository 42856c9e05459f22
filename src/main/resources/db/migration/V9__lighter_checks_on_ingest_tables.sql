-- The two tables every ingest request writes lose the constraints that re-check what the gateway has just checked.
--
-- PostgreSQL reads a table's CHECK expressions back from the catalog and plans them again for every INSERT or COPY
-- statement, before the first row. Measured on this schema: about 4 µs of database time per constraint per
-- statement, 40 µs for the twelve of webhook_conversions; single-conversion requests (a write group of a few rows)
-- paid a fifth of their database time for it (docs/benchmarks.md). Likewise, the foreign key from webhook_requests
-- to webhooks costs a query and a row lock on the webhook per request (as in V8 for the conversions).
--
-- Kept: the rules whose breach would make a stored conversion wrong rather than merely odd (an ISO 4217 code, a
-- price never negative and never without its currency, at least one identifier) and the request state. Dropped:
-- bounds that ConversionValues and the bean-validation model enforce on every value before it is written (lengths,
-- the unsigned 64-bit range, the counter copied from its webhook, the 16-byte dedup key, non-negative counts). The
-- webhook a request names cannot disappear: webhooks are never deleted (V8's trigger).
ALTER TABLE webhook_conversions
    DROP CONSTRAINT webhook_conversions_counter_id_check,
    DROP CONSTRAINT webhook_conversions_dedup_key_check,
    DROP CONSTRAINT webhook_conversions_external_id_check,
    DROP CONSTRAINT webhook_conversions_client_id_check,
    DROP CONSTRAINT webhook_conversions_user_id_check,
    DROP CONSTRAINT webhook_conversions_yclid_check,
    DROP CONSTRAINT webhook_conversions_purchase_id_check,
    DROP CONSTRAINT webhook_conversions_target_check;

ALTER TABLE webhook_requests
    DROP CONSTRAINT webhook_requests_webhook_id_fkey,
    DROP CONSTRAINT webhook_requests_body_size_check,
    DROP CONSTRAINT webhook_requests_accepted_check,
    DROP CONSTRAINT webhook_requests_duplicates_check,
    DROP CONSTRAINT webhook_requests_ignored_check;
