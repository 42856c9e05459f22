-- The gateway's schema: webhooks (where conversions come from), webhook_conversions (each accepted conversion,
-- written before the sender gets its 202) and webhook_batches (the CSV uploads to Metrica that group them).

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TABLE webhooks (
    id                          uuid        PRIMARY KEY,
    name                        text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    counter_id                  bigint      NOT NULL CHECK (counter_id BETWEEN 1 AND 2147483647),
    default_target              text        CHECK (length(btrim(default_target)) BETWEEN 1 AND 255),
    allowed_ips                 cidr[]      NOT NULL DEFAULT '{}',
    active                      boolean     NOT NULL DEFAULT true,
    -- SHA-256 of the secret: secrets are 256-bit random values, so a fast hash is safe and keeps auth cheap.
    secret_hash                 bytea       NOT NULL CHECK (length(secret_hash) = 32),
    previous_secret_hash        bytea       CHECK (length(previous_secret_hash) = 32),
    previous_secret_expires_at  timestamptz,
    secret_rotated_at           timestamptz,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    deactivated_at              timestamptz,
    CHECK ((previous_secret_hash IS NULL) = (previous_secret_expires_at IS NULL)),
    CHECK (active OR deactivated_at IS NOT NULL)
);
CREATE INDEX webhooks_created_idx ON webhooks (created_at, id);
CREATE TRIGGER webhooks_updated_at BEFORE UPDATE ON webhooks
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE webhook_batches (
    id                       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    counter_id               bigint      NOT NULL CHECK (counter_id BETWEEN 1 AND 2147483647),
    -- The CSV identifier columns this batch carries (for example 'ClientId' or 'ClientId,Yclid'): a file never
    -- mixes header meanings.
    identifier_columns       text        NOT NULL,
    status                   text        NOT NULL DEFAULT 'open' CHECK (status IN
                                 ('open', 'uploading', 'uploaded', 'processed', 'linkage_failure', 'failed', 'stale')),
    conversion_count         integer     NOT NULL DEFAULT 0 CHECK (conversion_count >= 0),
    metrica_upload_id        bigint      UNIQUE,
    metrica_status           text,
    source_quantity          integer     CHECK (source_quantity >= 0),
    line_quantity            integer     CHECK (line_quantity >= 0),
    linked_quantity          integer     CHECK (linked_quantity >= 0),
    user_not_found_quantity  integer     CHECK (user_not_found_quantity >= 0),
    goal_not_found_quantity  integer     CHECK (goal_not_found_quantity >= 0),
    attempts                 integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error_type          text,
    last_error_message       text,
    next_poll_at             timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    uploaded_at              timestamptz,
    finished_at              timestamptz
);
CREATE INDEX webhook_batches_status_idx ON webhook_batches (status, id);
CREATE INDEX webhook_batches_counter_idx ON webhook_batches (counter_id, id);
CREATE INDEX webhook_batches_poll_due_idx ON webhook_batches (next_poll_at) WHERE status = 'uploaded';
CREATE TRIGGER webhook_batches_updated_at BEFORE UPDATE ON webhook_batches
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE webhook_conversions (
    id            bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id    uuid          NOT NULL REFERENCES webhooks (id),
    -- Copied from the webhook (whose counter never changes) so batching needs no join.
    counter_id    bigint        NOT NULL CHECK (counter_id BETWEEN 1 AND 2147483647),
    -- NULL until a batch claims the row; a row belongs to at most one batch. A conversion's status is its
    -- batch's status ('received' while it has none), so batch transitions never rewrite conversion rows.
    batch_id      bigint        REFERENCES webhook_batches (id),
    -- 128 bits of SHA-256 over external_id when given, else over identifiers + target + event time: DedupKey.java.
    dedup_key     bytea         NOT NULL CHECK (length(dedup_key) = 16),
    external_id   text          CHECK (length(btrim(external_id)) BETWEEN 1 AND 255),
    client_id     numeric(20,0) CHECK (client_id BETWEEN 0 AND 18446744073709551615),
    user_id       text          CHECK (length(btrim(user_id)) BETWEEN 1 AND 255),
    yclid         numeric(20,0) CHECK (yclid BETWEEN 0 AND 18446744073709551615),
    purchase_id   text          CHECK (length(btrim(purchase_id)) BETWEEN 1 AND 255),
    target        text          NOT NULL CHECK (length(btrim(target)) BETWEEN 1 AND 255),
    event_time    timestamptz   NOT NULL,
    price         numeric(16,4) CHECK (price >= 0),
    currency      text          CHECK (currency ~ '^[A-Z]{3}$'),
    received_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    CHECK (client_id IS NOT NULL OR user_id IS NOT NULL OR yclid IS NOT NULL OR purchase_id IS NOT NULL),
    CHECK (price IS NULL OR currency IS NOT NULL)
);
-- Idempotency: a repeated conversion of the same webhook is rejected by this index, not by a read-then-write.
CREATE UNIQUE INDEX webhook_conversions_dedup_idx ON webhook_conversions (webhook_id, dedup_key);
-- Keyset paging of one webhook's conversions.
CREATE INDEX webhook_conversions_webhook_idx ON webhook_conversions (webhook_id, id);
-- The rows of one batch (partial: rows not yet in a batch cost nothing here at insert time).
CREATE INDEX webhook_conversions_batch_idx ON webhook_conversions (batch_id, id) WHERE batch_id IS NOT NULL;
CREATE TRIGGER webhook_conversions_updated_at BEFORE UPDATE ON webhook_conversions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
