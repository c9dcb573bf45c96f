-- Which studio process is carrying out each billing run. Every process beats in billing_instances while it lives;
-- a run whose process has stopped beating (killed, or the machine gone) is marked failed by whichever process notices,
-- so that no run shows "running" forever. Its invoices are safe: a new run bills what is left, each invoice once.

CREATE TABLE billing_instances (
    id            uuid PRIMARY KEY,
    host          text NOT NULL,
    started_at    timestamptz NOT NULL,
    heartbeat_at  timestamptz NOT NULL
);

ALTER TABLE billing_runs ADD COLUMN instance_id uuid;
CREATE INDEX billing_runs_running ON billing_runs (instance_id) WHERE status = 'running';
