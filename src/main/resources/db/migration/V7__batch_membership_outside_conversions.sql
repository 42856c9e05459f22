-- Batch membership moves out of webhook_conversions, which becomes insert-only.
--
-- Claiming a conversion for a batch used to rewrite its row (UPDATE ... SET batch_id): a new version of a wide
-- tuple, an entry in each of its indexes again (the update could not be HOT: batch_id was indexed), a per-row
-- trigger and a foreign-key check. Measured on the embedded PostgreSQL: about 22 µs per conversion, more than its
-- insert. Now a claim deletes the conversion's entry from a one-column queue and inserts one narrow membership row
-- (about 4 µs together). docs/delivery.md, "Batching".

-- Conversions no batch has claimed yet: written in the same transaction as the conversion, deleted by the claim
-- (the DELETE's row lock is what makes a claim exclusive across replicas). The recovery sweep and the
-- oldest-waiting gauge read it. No foreign key: each one costs a per-row check on the hot path, and these rows are
-- written only next to the conversion they name, which is never deleted.
CREATE TABLE unbatched_conversions (
    conversion_id  bigint  PRIMARY KEY,
    -- The conversion's request (webhook_conversions.request_id), so that a claim names its batch's requests
    -- without reading the conversions back.
    request_id     bigint
);

-- Which batch holds each conversion (at most one: the primary key). Written only by the claim, in the transaction
-- that creates the batch; no foreign keys, for the same reason as above.
CREATE TABLE batch_conversions (
    conversion_id  bigint  PRIMARY KEY,
    batch_id       bigint  NOT NULL
);
-- A batch's conversions in id order (its CSV): batches are claimed whole, so this index grows at its end.
CREATE INDEX batch_conversions_batch_idx ON batch_conversions (batch_id, conversion_id);

INSERT INTO batch_conversions (conversion_id, batch_id)
SELECT id, batch_id FROM webhook_conversions WHERE batch_id IS NOT NULL;
INSERT INTO unbatched_conversions (conversion_id, request_id)
SELECT id, request_id FROM webhook_conversions WHERE batch_id IS NULL;

DROP INDEX webhook_conversions_unbatched_idx;
DROP INDEX webhook_conversions_batch_idx;
ALTER TABLE webhook_conversions DROP COLUMN batch_id;
