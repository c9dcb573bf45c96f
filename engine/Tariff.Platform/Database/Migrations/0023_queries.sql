-- Saved usage queries, versioned like plans and schedules: an editable draft, and published versions that never change.

CREATE TABLE queries (
    id                uuid PRIMARY KEY,
    tenant_id         uuid NOT NULL REFERENCES tenants (id),
    code              text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    draft_text        text NOT NULL,
    draft_updated_at  timestamptz NOT NULL,
    draft_updated_by  text NOT NULL,
    draft_origin      text NOT NULL DEFAULT 'typed' CHECK (draft_origin IN ('typed', 'assistant')),
    created_at        timestamptz NOT NULL,
    UNIQUE (tenant_id, code)
);

CREATE TABLE query_versions (
    query_id      uuid NOT NULL REFERENCES queries (id),
    version       integer NOT NULL CHECK (version > 0),
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    text          text NOT NULL,
    document      jsonb NOT NULL,
    comment       text NOT NULL DEFAULT '',
    origin        text NOT NULL CHECK (origin IN ('typed', 'assistant', 'rollback')),
    published_at  timestamptz NOT NULL,
    published_by  text NOT NULL,
    PRIMARY KEY (query_id, version)
);

CREATE TRIGGER query_versions_immutable BEFORE UPDATE OR DELETE ON query_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_published_version();
