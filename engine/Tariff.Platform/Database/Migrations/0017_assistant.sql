-- The assistant: what admins asked in plain English and what the model proposed, kept as provenance; and which
-- drafts the assistant wrote last, so that publishing one records the version's origin as `assistant`.
ALTER TABLE plans ADD COLUMN draft_origin text NOT NULL DEFAULT 'typed' CHECK (draft_origin IN ('typed', 'assistant'));
ALTER TABLE schedules ADD COLUMN draft_origin text NOT NULL DEFAULT 'typed' CHECK (draft_origin IN ('typed', 'assistant'));

CREATE TABLE assistant_exchanges (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    -- Follow-ups in one conversation refine the same proposal; the model sees the conversation so far.
    conversation_id  uuid NOT NULL,
    sequence         integer NOT NULL CHECK (sequence >= 1),
    kind             text NOT NULL CHECK (kind IN ('plan', 'schedule')),
    -- The plan or schedule whose draft the conversation changes; null while it writes a new one.
    target_id        uuid,
    request          text NOT NULL,
    -- The draft the request started from ('' for a new document): the proposal is shown as a diff against it.
    base_text        text NOT NULL,
    proposal         text NOT NULL,
    explanation      text NOT NULL,
    diagnostics      jsonb NOT NULL,
    error_count      integer NOT NULL,
    attempts         integer NOT NULL CHECK (attempts >= 1),
    provider         text NOT NULL,
    model            text NOT NULL,
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL,
    -- Set when an admin made the proposal a draft; the proposal itself never changes.
    applied_to       uuid,
    applied_at       timestamptz,
    UNIQUE (tenant_id, conversation_id, sequence)
);
