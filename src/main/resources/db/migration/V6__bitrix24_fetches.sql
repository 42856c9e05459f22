-- V6: Bitrix24 deal fetches. A Bitrix24 event names a deal and nothing else; the adapter stores the event
-- (webhook_requests, 'pending') and a fetch of the deal in one transaction before answering, and a scheduled route
-- reads the deal with crm.deal.get later (docs/adapters.md, "Bitrix24"). A portal that is down delays the
-- conversion; it never loses the event.
CREATE TABLE bitrix24_fetches (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id       uuid        NOT NULL REFERENCES webhooks (id),
    -- The stored event (webhook_requests, state 'pending' until this fetch ends), one fetch per event. Not a
    -- foreign key, like webhook_conversions.request_id: requests are deleted after their retention period.
    request_id       bigint      NOT NULL UNIQUE,
    -- Bitrix24's deal id (data[FIELDS][ID]) and event name (ONCRMDEALADD, ONCRMDEALUPDATE).
    deal_id          bigint      NOT NULL CHECK (deal_id > 0),
    event            text        NOT NULL CHECK (length(event) BETWEEN 1 AND 64),
    -- The event's own time (its ts field), if it had one: the conversion's time when the deal has no DATE_MODIFY.
    event_at         timestamptz,
    -- pending: to be fetched (again) at next_attempt_at; done: its conversion is stored (conversion_id); ignored:
    -- the deal's stage maps to no goal; failed: given up (last_error_*), POST /api/bitrix24-fetches/{id}/retry.
    status           text        NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'done', 'ignored', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- Due time while pending. Claiming a fetch moves it one lease ahead: a replica that dies mid-fetch leaves it
    -- due again once the lease is over, and no other replica takes it before.
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_attempt_at  timestamptz,
    -- bitrix24.fetch-max-age-ms counts from here: the creation, or the last retry through the admin API.
    retries_since    timestamptz NOT NULL DEFAULT now(),
    -- What the last fetch read: the deal's stage, and the conversion it became (a duplicate keeps the stored one).
    stage_id         text,
    conversion_id    bigint      REFERENCES webhook_conversions (id),
    last_error_type  text,
    last_error_message text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    CHECK ((status = 'done') = (conversion_id IS NOT NULL)),
    CHECK ((status = 'pending') = (finished_at IS NULL))
);
-- What the fetch route claims: due pending fetches, oldest due first.
CREATE INDEX bitrix24_fetches_due_idx ON bitrix24_fetches (next_attempt_at) WHERE status = 'pending';
-- Failed fetches, for the gauge and for operators (few: they wait for a retry).
CREATE INDEX bitrix24_fetches_failed_idx ON bitrix24_fetches (id) WHERE status = 'failed';
-- Keyset paging of one webhook's fetches in the admin API.
CREATE INDEX bitrix24_fetches_webhook_idx ON bitrix24_fetches (webhook_id, id);
CREATE TRIGGER bitrix24_fetches_updated_at BEFORE UPDATE ON bitrix24_fetches
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
