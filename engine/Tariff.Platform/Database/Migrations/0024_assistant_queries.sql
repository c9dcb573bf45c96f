-- The assistant writes saved usage queries too. The constraint was named by PostgreSQL in 0017.
ALTER TABLE assistant_exchanges DROP CONSTRAINT assistant_exchanges_kind_check;
ALTER TABLE assistant_exchanges ADD CONSTRAINT assistant_exchanges_kind_check CHECK (kind IN ('plan', 'schedule', 'query'));
