-- Ingest health per tenant and minute: what was accepted, resent (duplicates), refused and late. Refused events are
-- stored nowhere else, so this is the only place the dashboard can count them from.
CREATE TABLE ingest_minutes (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    minute      timestamptz NOT NULL,
    accepted    bigint NOT NULL DEFAULT 0,
    duplicates  bigint NOT NULL DEFAULT 0,
    rejected    bigint NOT NULL DEFAULT 0,
    late        bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, minute)
);
