-- Alerts (a quota's threshold reached, prepaid credit running low) and their delivery to signed webhooks and email.

CREATE TABLE alerts (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    consumer_id      uuid NOT NULL REFERENCES consumers (id),
    subscription_id  uuid REFERENCES subscriptions (id),
    kind             text NOT NULL CHECK (kind IN ('quota', 'low_balance')),
    -- The meter of a quota alert; the wallet's currency of a low-balance alert.
    subject          text NOT NULL,
    threshold        numeric NOT NULL,
    -- The billing period (quota) or the wallet's funding (low balance) the alert belongs to: each fires once per
    -- period and threshold, whichever instance notices it first.
    period_start     timestamptz NOT NULL,
    period_end       timestamptz,
    observed         numeric NOT NULL,
    limit_value      numeric,
    message          text NOT NULL,
    created_at       timestamptz NOT NULL,
    read_at          timestamptz,
    UNIQUE (tenant_id, consumer_id, kind, subject, threshold, period_start)
);
CREATE INDEX alerts_by_consumer ON alerts (tenant_id, consumer_id, created_at DESC);

CREATE TABLE webhook_endpoints (
    id                uuid PRIMARY KEY,
    tenant_id         uuid NOT NULL REFERENCES tenants (id),
    url               text NOT NULL,
    -- The signing secret, encrypted with the installation's data-protection keys: it must be read back to sign.
    secret_protected  text NOT NULL,
    description       text NOT NULL DEFAULT '',
    enabled           boolean NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL
);

-- The outbox: written in the transaction that records the alert, so an alert is never lost nor sent twice by design;
-- a dispatcher claims due rows, sends them, and retries with backoff.
CREATE TABLE alert_deliveries (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    alert_id         uuid NOT NULL REFERENCES alerts (id),
    channel          text NOT NULL CHECK (channel IN ('webhook', 'email')),
    endpoint_id      uuid REFERENCES webhook_endpoints (id),
    recipient        text,
    payload          text NOT NULL,
    status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX alert_deliveries_by_alert ON alert_deliveries (alert_id);
