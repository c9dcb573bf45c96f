-- Prepaid credit. A consumer has at most one wallet per currency. Credit comes in blocks (a top-up, a grant, an
-- automatic recharge), each with a priority and an optional expiry; invoices of the wallet's currency consume the
-- blocks in order when they are finalized. Every change of a balance is an append-only ledger entry, so the entries
-- of a block sum to what is left of it and the entries of a wallet sum to its balance.

CREATE TABLE wallets (
    id                    uuid PRIMARY KEY,
    tenant_id             uuid NOT NULL REFERENCES tenants (id),
    consumer_id           uuid NOT NULL REFERENCES consumers (id),
    currency              text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Warn when the balance after the usage not yet invoiced falls to an amount, or to a share of the credit in force.
    low_balance_amount    numeric CHECK (low_balance_amount >= 0),
    low_balance_percent   numeric CHECK (low_balance_percent > 0 AND low_balance_percent < 100),
    -- Top up by recharge_amount when that balance falls below recharge_below, at most recharge_monthly_max a month.
    recharge_below        numeric CHECK (recharge_below >= 0),
    recharge_amount       numeric CHECK (recharge_amount > 0),
    recharge_monthly_max  numeric CHECK (recharge_monthly_max > 0),
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    UNIQUE (tenant_id, consumer_id, currency),
    CHECK (low_balance_amount IS NULL OR low_balance_percent IS NULL),
    CHECK ((recharge_below IS NULL) = (recharge_amount IS NULL) AND (recharge_below IS NULL) = (recharge_monthly_max IS NULL))
);

CREATE TABLE wallet_credits (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    wallet_id   uuid NOT NULL REFERENCES wallets (id),
    kind        text NOT NULL CHECK (kind IN ('top_up', 'grant', 'auto_recharge')),
    amount      numeric NOT NULL CHECK (amount > 0),
    -- Lower numbers are consumed first; then the block expiring soonest, then the oldest.
    priority    integer NOT NULL CHECK (priority BETWEEN 0 AND 1000),
    expires_at  timestamptz,
    reference   text NOT NULL DEFAULT '',
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX wallet_credits_by_wallet ON wallet_credits (wallet_id, priority, expires_at, created_at);
CREATE INDEX wallet_credits_expiring ON wallet_credits (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE wallet_ledger (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    wallet_id    uuid NOT NULL REFERENCES wallets (id),
    credit_id    uuid NOT NULL REFERENCES wallet_credits (id),
    entry        text NOT NULL CHECK (entry IN ('funded', 'consumed', 'expired', 'voided')),
    -- Positive when funded, negative otherwise.
    amount       numeric NOT NULL CHECK ((entry = 'funded') = (amount > 0) AND amount <> 0),
    invoice_id   uuid REFERENCES invoices (id),
    description  text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    CHECK ((entry = 'consumed') = (invoice_id IS NOT NULL))
);
CREATE INDEX wallet_ledger_by_wallet ON wallet_ledger (wallet_id, id);
CREATE INDEX wallet_ledger_by_credit ON wallet_ledger (credit_id);
-- A block is funded once and expires or is voided at most once; an invoice consumes a block at most once.
CREATE UNIQUE INDEX wallet_ledger_once ON wallet_ledger (credit_id, entry) WHERE entry <> 'consumed';
CREATE UNIQUE INDEX wallet_ledger_consumed_once ON wallet_ledger (credit_id, invoice_id) WHERE entry = 'consumed';

CREATE FUNCTION wallet_ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the wallet ledger is append-only: entries are never changed or removed' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER wallet_ledger_append_only BEFORE UPDATE OR DELETE ON wallet_ledger
    FOR EACH ROW EXECUTE FUNCTION wallet_ledger_is_append_only();

-- What prepaid credit paid of an invoice, set when it is finalized; the amount due is the total less it.
ALTER TABLE invoices ADD COLUMN credit_applied numeric NOT NULL DEFAULT 0 CHECK (credit_applied >= 0 AND credit_applied <= greatest(total, 0));

CREATE OR REPLACE FUNCTION invoices_are_immutable_once_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'invoice % is % and cannot be deleted', OLD.number, OLD.status USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'draft' AND NOT (
        OLD.status = 'finalized' AND NEW.status IN ('paid', 'void')
        AND (NEW.id, NEW.tenant_id, NEW.kind, NEW.number, NEW.consumer_id, NEW.subscription_id, NEW.plan_id, NEW.plan_version,
             NEW.period_start, NEW.period_end, NEW.currency, NEW.subtotal, NEW.tax, NEW.total, NEW.finalized_at, NEW.credit_applied)
            IS NOT DISTINCT FROM
            (OLD.id, OLD.tenant_id, OLD.kind, OLD.number, OLD.consumer_id, OLD.subscription_id, OLD.plan_id, OLD.plan_version,
             OLD.period_start, OLD.period_end, OLD.currency, OLD.subtotal, OLD.tax, OLD.total, OLD.finalized_at, OLD.credit_applied)) THEN
        RAISE EXCEPTION 'invoice % is % and cannot change', OLD.number, OLD.status USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
