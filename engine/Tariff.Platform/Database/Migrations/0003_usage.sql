-- Usage: the events gateways send, stored exactly once per tenant, source and id.

-- What an API key may do besides calling the API as its role: `ingest` sends usage.
ALTER TABLE api_keys ADD COLUMN scopes text[] NOT NULL DEFAULT '{api}'
    CHECK (scopes <@ ARRAY['api', 'ingest']::text[]);

-- The idempotency keys. Kept apart from the events because events are partitioned by time, and a unique index on a
-- partitioned table must include the partition key: the same id sent again with another timestamp would slip by.
-- Keys leave after the deduplication window (see usage_event_keys_received_idx).
-- Keys compare byte by byte (COLLATE "C"): they are identifiers, and the index is on the hot path of every insert.
CREATE TABLE usage_event_keys (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    source       text COLLATE "C" NOT NULL,
    event_id     text COLLATE "C" NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, source, event_id)
);
CREATE INDEX usage_event_keys_received_idx ON usage_event_keys (received_at);

-- The events, one partition per calendar month of occurred_at (UTC), created as events for a month arrive.
-- `source` is '' when the sender names none; `consumer` is the gateway's identity, mapped to a billing consumer
-- when usage is read, so events that arrive before their mapping are kept and count once it exists.
CREATE TABLE usage_events (
    tenant_id       uuid NOT NULL,
    source          text COLLATE "C" NOT NULL,
    event_id        text COLLATE "C" NOT NULL,
    occurred_at     timestamptz NOT NULL,
    consumer        text COLLATE "C" NOT NULL,
    product         text,
    route           text,
    path            text,
    method          text,
    status          integer,
    latency_ms      numeric,
    request_bytes   numeric,
    response_bytes  numeric,
    measures        jsonb,
    dimensions      jsonb,
    received_at     timestamptz NOT NULL,
    -- Accepted after its deduplication window or after its billing period closed: billing trues it up.
    late            boolean NOT NULL
) PARTITION BY RANGE (occurred_at);

-- A billing period's aggregation reads one consumer's events between two instants.
CREATE INDEX usage_events_consumer_idx ON usage_events (tenant_id, consumer, occurred_at);
