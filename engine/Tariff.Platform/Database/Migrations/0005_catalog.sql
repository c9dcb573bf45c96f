-- The catalog: products sold, plans (a pricing document each, with an editable draft and immutable published
-- versions), consumers with the gateway identities that are theirs, and subscriptions of consumers to plan versions.
-- Every row belongs to a tenant, and every lookup names it, so one tenant's ids never reach another's rows.

CREATE TABLE products (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    code         text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description  text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    UNIQUE (tenant_id, code)
);

CREATE TABLE plans (
    id                uuid PRIMARY KEY,
    tenant_id         uuid NOT NULL REFERENCES tenants (id),
    product_id        uuid REFERENCES products (id),
    code              text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- The draft: free to change, and to be wrong, until it is published.
    draft_text        text NOT NULL,
    draft_updated_at  timestamptz NOT NULL,
    draft_updated_by  text NOT NULL,
    created_at        timestamptz NOT NULL,
    UNIQUE (tenant_id, code)
);

-- Published versions, numbered from 1 per plan. A version is never changed or removed (the trigger below refuses
-- it): subscriptions and invoices point at it, and a rollback publishes an old text as a new version.
CREATE TABLE plan_versions (
    plan_id       uuid NOT NULL REFERENCES plans (id),
    version       integer NOT NULL CHECK (version > 0),
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    text          text NOT NULL,
    document      jsonb NOT NULL,
    plan_name     text NOT NULL,
    currency      text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    comment       text NOT NULL DEFAULT '',
    origin        text NOT NULL CHECK (origin IN ('typed', 'assistant', 'rollback')),
    published_at  timestamptz NOT NULL,
    published_by  text NOT NULL,
    PRIMARY KEY (plan_id, version)
);

CREATE FUNCTION plan_versions_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'plan version % of plan % is published and cannot change', OLD.version, OLD.plan_id
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER plan_versions_immutable BEFORE UPDATE OR DELETE ON plan_versions
    FOR EACH ROW EXECUTE FUNCTION plan_versions_are_immutable();

CREATE TABLE consumers (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    -- The enterprise's own reference for its customer (an account number, a CRM id).
    code        text NOT NULL CHECK (length(code) BETWEEN 1 AND 200),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email       text,
    created_at  timestamptz NOT NULL,
    UNIQUE (tenant_id, code)
);

-- A gateway identity (consumer id, API key id, application: the `consumer` of usage events) belongs to at most one
-- consumer. Usage is stored under the identity and mapped when read, so events that arrive before their identity
-- is mapped count from the moment it is.
CREATE TABLE consumer_identities (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    identity     text COLLATE "C" NOT NULL CHECK (length(identity) BETWEEN 1 AND 200),
    consumer_id  uuid NOT NULL REFERENCES consumers (id),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, identity)
);
CREATE INDEX consumer_identities_consumer_idx ON consumer_identities (consumer_id);

CREATE TABLE subscriptions (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    consumer_id     uuid NOT NULL REFERENCES consumers (id),
    plan_id         uuid NOT NULL,
    plan_version    integer NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz CHECK (ends_at IS NULL OR ends_at > starts_at),
    -- Periods start on the anchor's day (and time) in the consumer's time zone.
    billing_anchor  timestamptz NOT NULL,
    time_zone       text NOT NULL,
    trial_ends_at   timestamptz,
    status          text NOT NULL CHECK (status IN ('active', 'canceled')),
    created_at      timestamptz NOT NULL,
    FOREIGN KEY (plan_id, plan_version) REFERENCES plan_versions (plan_id, version)
);
CREATE INDEX subscriptions_consumer_idx ON subscriptions (tenant_id, consumer_id, starts_at);
