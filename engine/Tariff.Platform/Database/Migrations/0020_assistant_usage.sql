-- What each exchange cost at the provider, in the tokens the provider reported (all attempts, repairs included), and
-- an index for the per-tenant limits, which sum a tenant's recent exchanges before each request.
ALTER TABLE assistant_exchanges ADD COLUMN input_tokens bigint NOT NULL DEFAULT 0 CHECK (input_tokens >= 0);
ALTER TABLE assistant_exchanges ADD COLUMN output_tokens bigint NOT NULL DEFAULT 0 CHECK (output_tokens >= 0);
CREATE INDEX assistant_exchanges_tenant_time_idx ON assistant_exchanges (tenant_id, created_at);
