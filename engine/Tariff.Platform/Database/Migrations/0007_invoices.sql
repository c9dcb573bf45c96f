-- Billing: tax rates, billing runs, invoices and credit notes.
--
-- An invoice is made per subscription and billing period, once: the unique key below is what makes a run that was
-- killed half way and started again produce each invoice exactly once. It stays a draft through the grace period
-- (late usage still lands on it), then it is finalized: it takes the tenant's next number and never changes again.
-- Late usage after that becomes a true-up line on a later invoice, or a credit note when usage was removed.

CREATE TABLE tax_rates (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    percent     numeric NOT NULL CHECK (percent >= 0 AND percent <= 100),
    -- The rate for consumers that have none of their own; at most one per tenant.
    is_default  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, code)
);
CREATE UNIQUE INDEX tax_rates_one_default ON tax_rates (tenant_id) WHERE is_default;

CREATE TABLE consumer_tax_rates (
    tenant_id    uuid NOT NULL,
    consumer_id  uuid PRIMARY KEY REFERENCES consumers (id),
    code         text NOT NULL,
    FOREIGN KEY (tenant_id, code) REFERENCES tax_rates (tenant_id, code)
);

CREATE TABLE billing_runs (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    -- Usage up to this instant is billed: every period that ended by then is due.
    as_of           timestamptz NOT NULL,
    dry_run         boolean NOT NULL,
    -- The selection: consumer ids and plan ids (empty arrays select everyone).
    consumer_ids    uuid[] NOT NULL DEFAULT '{}',
    plan_ids        uuid[] NOT NULL DEFAULT '{}',
    trigger         text NOT NULL CHECK (trigger IN ('manual', 'schedule')),
    status          text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    requested_by    text NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    subscriptions   integer NOT NULL DEFAULT 0,
    processed       integer NOT NULL DEFAULT 0,
    error           text,
    -- What the run did (or, dry, would do), invoice by invoice.
    results         jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX billing_runs_tenant_idx ON billing_runs (tenant_id, started_at DESC);

-- Gapless numbering: the counter row is locked by the transaction that finalizes, so a number is only ever taken
-- by a commit, and a rollback gives it back.
CREATE TABLE invoice_sequences (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    kind         text NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    last_number  bigint NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);

CREATE TABLE invoices (
    id                 uuid PRIMARY KEY,
    tenant_id          uuid NOT NULL REFERENCES tenants (id),
    kind               text NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    -- Assigned when finalized: INV-000001, CN-000001.
    number             text,
    consumer_id        uuid NOT NULL REFERENCES consumers (id),
    subscription_id    uuid NOT NULL REFERENCES subscriptions (id),
    plan_id            uuid NOT NULL,
    plan_version       integer NOT NULL,
    period_start       timestamptz NOT NULL,
    period_end         timestamptz NOT NULL CHECK (period_end > period_start),
    currency           text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    rounding           text NOT NULL,
    status             text NOT NULL CHECK (status IN ('draft', 'finalized', 'paid', 'void')),
    subtotal           numeric NOT NULL,
    tax                numeric NOT NULL,
    total              numeric NOT NULL,
    tax_rate_code      text,
    tax_percent        numeric,
    events             bigint NOT NULL DEFAULT 0,
    -- A credit note names the invoice it corrects.
    corrects_invoice   uuid REFERENCES invoices (id),
    reason             text NOT NULL DEFAULT '',
    grace_ends_at      timestamptz NOT NULL,
    billing_run_id     uuid REFERENCES billing_runs (id),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    finalized_at       timestamptz,
    paid_at            timestamptz,
    voided_at          timestamptz,
    FOREIGN KEY (plan_id, plan_version) REFERENCES plan_versions (plan_id, version),
    CHECK ((kind = 'credit_note') = (corrects_invoice IS NOT NULL)),
    CHECK ((status = 'draft') = (number IS NULL))
);
CREATE UNIQUE INDEX invoices_once_per_period ON invoices (subscription_id, period_start) WHERE kind = 'invoice';
CREATE UNIQUE INDEX invoices_number ON invoices (tenant_id, number) WHERE number IS NOT NULL;
CREATE INDEX invoices_consumer_idx ON invoices (tenant_id, consumer_id, period_start);

CREATE TABLE invoice_lines (
    invoice_id        uuid NOT NULL REFERENCES invoices (id),
    position          integer NOT NULL,
    kind              text NOT NULL,
    description       text NOT NULL,
    meter             text,
    meter_group       text,
    quantity          numeric,
    unit_price        numeric,
    amount            numeric NOT NULL,
    rounded_amount    numeric NOT NULL,
    explanation       text NOT NULL,
    -- True-up lines and credit-note lines name the finalized invoice whose period they correct.
    corrects_invoice  uuid REFERENCES invoices (id),
    PRIMARY KEY (invoice_id, position)
);
CREATE INDEX invoice_lines_corrects_idx ON invoice_lines (corrects_invoice) WHERE corrects_invoice IS NOT NULL;

-- A finalized invoice never changes: only its payment or voiding is recorded, and its lines are frozen.
CREATE FUNCTION invoices_are_immutable_once_final() RETURNS trigger LANGUAGE plpgsql AS $$
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
             NEW.period_start, NEW.period_end, NEW.currency, NEW.subtotal, NEW.tax, NEW.total, NEW.finalized_at)
            IS NOT DISTINCT FROM
            (OLD.id, OLD.tenant_id, OLD.kind, OLD.number, OLD.consumer_id, OLD.subscription_id, OLD.plan_id, OLD.plan_version,
             OLD.period_start, OLD.period_end, OLD.currency, OLD.subtotal, OLD.tax, OLD.total, OLD.finalized_at)) THEN
        RAISE EXCEPTION 'invoice % is % and cannot change', OLD.number, OLD.status USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_are_immutable_once_final();

CREATE FUNCTION invoice_lines_are_immutable_once_final() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    state text;
BEGIN
    SELECT status INTO state FROM invoices WHERE id = coalesce(NEW.invoice_id, OLD.invoice_id);
    IF state <> 'draft' THEN
        RAISE EXCEPTION 'the lines of a % invoice cannot change', state USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER invoice_lines_immutable BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_are_immutable_once_final();
