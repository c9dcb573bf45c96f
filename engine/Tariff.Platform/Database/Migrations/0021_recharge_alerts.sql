-- An automatic recharge adds credit nobody has paid for yet. It raises an `auto_recharge` alert in the same
-- transaction, so the payment system listening on the signed webhooks hears of every recharge exactly once.
ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('quota', 'low_balance', 'spend', 'auto_recharge'));
