-- Moving subscriptions to another version of their plan. A move never edits the past: the subscription ends at the
-- moment the move takes effect and a new one on the other version starts there (billing prorates a period that
-- holds both). Each move is recorded: which subscription became which, between which versions, when, and by whom.
CREATE TABLE subscription_migrations (
    id                 uuid PRIMARY KEY,
    tenant_id          uuid NOT NULL REFERENCES tenants (id),
    from_subscription  uuid NOT NULL REFERENCES subscriptions (id),
    to_subscription    uuid NOT NULL REFERENCES subscriptions (id),
    plan_id            uuid NOT NULL,
    from_version       integer NOT NULL,
    to_version         integer NOT NULL,
    effective_at       timestamptz NOT NULL,
    migrated_at        timestamptz NOT NULL,
    migrated_by        text NOT NULL
);
CREATE INDEX subscription_migrations_plan_idx ON subscription_migrations (tenant_id, plan_id, migrated_at);

-- A subscription ended by a move is `migrated`, not canceled: the consumer never left.
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_status_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_status_check CHECK (status IN ('active', 'canceled', 'migrated'));
