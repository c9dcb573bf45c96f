-- Spend alerts: a plan's `alerts at 500, 1000 USD` fire once per period when its charges so far reach each amount.
ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('quota', 'low_balance', 'spend'));
