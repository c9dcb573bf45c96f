-- Fees billed in advance are invoiced when their period starts, on an invoice of their own; the rest of the period
-- (usage, fees in arrears, the commitment) when it ends. A subscription's period so has up to two invoices, one of
-- each, and the run that was stopped half way still finds the one it made: the unique key includes which one it is.
ALTER TABLE invoices ADD COLUMN in_advance boolean NOT NULL DEFAULT false;

DROP INDEX invoices_once_per_period;
CREATE UNIQUE INDEX invoices_once_per_period ON invoices (subscription_id, period_start, in_advance) WHERE kind = 'invoice';
