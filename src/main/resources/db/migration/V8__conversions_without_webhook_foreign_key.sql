-- webhook_conversions.webhook_id loses its foreign key. PostgreSQL checks a foreign key with a query and a row lock
-- per inserted row: on the ingest path that was an eighth of the database's time (profile in docs/benchmarks.md).
-- What the key protected is kept another way: a conversion is only ever written for the webhook its request
-- authenticated against, read from this table moments before; and a webhook row can never be deleted (the API
-- deactivates webhooks, and the trigger below refuses a DELETE), so no conversion can lose its webhook.
ALTER TABLE webhook_conversions DROP CONSTRAINT webhook_conversions_webhook_id_fkey;

CREATE FUNCTION refuse_webhook_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'webhooks are never deleted: their conversions keep naming them (deactivate instead)'
        USING ERRCODE = 'foreign_key_violation';
END
$$;
CREATE TRIGGER webhooks_never_deleted BEFORE DELETE ON webhooks
    FOR EACH ROW EXECUTE FUNCTION refuse_webhook_delete();
