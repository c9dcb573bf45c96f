-- Real-time counters: per subscription, billing period, meter and group, the meter's aggregate before its unit
-- conversion and rounding (so that counts and sums can be added batch by batch and still convert exactly as one
-- evaluation over every event would). Quotas, prepaid credit and alerts read these instead of the events.

CREATE TABLE usage_counters (
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    subscription_id  uuid NOT NULL REFERENCES subscriptions (id),
    period_start     timestamptz NOT NULL,
    period_end       timestamptz NOT NULL,
    meter            text NOT NULL,
    group_key        text NOT NULL,
    raw              numeric NOT NULL,
    -- How a batch's aggregate combines with this one: counts and sums add, maxima and minima keep the extreme, and
    -- the rest (unique, latest, time-weighted) are only ever replaced by a recomputation over the whole period.
    merge            text NOT NULL CHECK (merge IN ('add', 'max', 'min', 'replace')),
    -- When the value was last computed; a recomputation started earlier never overwrites a later one.
    computed_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, subscription_id, period_start, meter, group_key)
);

-- Every reconciliation of counters against the usage store, with what it found and repaired.
CREATE TABLE counter_reconciliations (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz NOT NULL,
    periods       integer NOT NULL,
    drifted       integer NOT NULL,
    details       jsonb NOT NULL
);
CREATE INDEX counter_reconciliations_by_tenant ON counter_reconciliations (tenant_id, started_at DESC);
