-- Tenants, their users and roles, and API keys.
-- Keys are never stored: only their SHA-256 hash and a short visible prefix to recognise them by.

CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL
);

CREATE TABLE roles (
    name         text PRIMARY KEY,
    description  text NOT NULL
);

INSERT INTO roles (name, description) VALUES
    ('admin',    'Manages the tenant: users, keys, plans, billing and settings'),
    ('analyst',  'Writes, tests and publishes pricing; reads usage and analytics'),
    ('operator', 'Runs and inspects billing; manages invoices, wallets and alerts'),
    ('consumer', 'An API consumer''s user: sees only that consumer''s portal');

CREATE TABLE users (
    id             uuid PRIMARY KEY,
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    -- Logins are by e-mail address, compared without case.
    email          text NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
    display_name   text NOT NULL,
    password_hash  text NOT NULL,
    created_at     timestamptz NOT NULL,
    disabled_at    timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_tenant_idx ON users (tenant_id);

CREATE TABLE user_roles (
    user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     text NOT NULL REFERENCES roles (name),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE api_keys (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    prefix        text NOT NULL,
    key_hash      bytea NOT NULL CHECK (length(key_hash) = 32),
    role          text NOT NULL REFERENCES roles (name),
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE UNIQUE INDEX api_keys_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);
