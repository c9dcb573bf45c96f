-- Consumer search (the consumer list, the API's `search` and the pickers that suggest consumers as one types) matches
-- any part of a code, name, e-mail or gateway identity. Trigram indexes let those matches skip the scan of every
-- consumer of every tenant. pg_trgm is a trusted extension (PostgreSQL 13 and later): the owner of the database may
-- create it. A server without it still searches correctly, by scanning, so its absence is reported, not fatal.
-- fastupdate is off: consumers are created seldom and searched on every keystroke, and GIN's pending list of new
-- entries is read linearly by every search until a vacuum merges it (12 ms instead of 1 ms at 100,000 consumers).
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pg_trgm is not available (%): consumer search will scan instead of using trigram indexes', SQLERRM;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX consumers_code_trgm_idx ON consumers USING gin (code gin_trgm_ops) WITH (fastupdate = off);
        CREATE INDEX consumers_name_trgm_idx ON consumers USING gin (name gin_trgm_ops) WITH (fastupdate = off);
        CREATE INDEX consumers_email_trgm_idx ON consumers USING gin (email gin_trgm_ops) WITH (fastupdate = off);
        CREATE INDEX consumer_identities_identity_trgm_idx ON consumer_identities USING gin (identity gin_trgm_ops) WITH (fastupdate = off);
    END IF;
END
$$;
