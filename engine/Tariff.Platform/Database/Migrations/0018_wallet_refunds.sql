-- Prepaid credit goes back to the wallet when what it paid is taken back: a credit note returns credit up to what
-- credit paid of the invoice it corrects (less what earlier notes returned), and voiding an invoice returns the rest.
-- The credit comes back as a `refund` block that names the credit note or voided invoice; each returns credit once.
ALTER TABLE wallet_credits DROP CONSTRAINT wallet_credits_kind_check;
ALTER TABLE wallet_credits ADD CONSTRAINT wallet_credits_kind_check CHECK (kind IN ('top_up', 'grant', 'auto_recharge', 'refund'));
ALTER TABLE wallet_credits ADD COLUMN source_invoice_id uuid UNIQUE REFERENCES invoices (id);
ALTER TABLE wallet_credits ADD CONSTRAINT wallet_credits_refund_has_source CHECK ((kind = 'refund') = (source_invoice_id IS NOT NULL));

-- On a credit note, credit_applied is what it returned to the wallet, as a negative amount (it lowers the note's total
-- like credit lowers an invoice's), so that amount due = total - credit applied holds for both.
-- 0014 left the check unnamed; PostgreSQL named it after the table, so it is found by what it checks.
DO $$
DECLARE
    existing text;
BEGIN
    SELECT conname INTO STRICT existing FROM pg_constraint
    WHERE conrelid = 'invoices'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%credit_applied%';
    EXECUTE format('ALTER TABLE invoices DROP CONSTRAINT %I', existing);
END
$$;
ALTER TABLE invoices ADD CONSTRAINT invoices_credit_applied_range CHECK (credit_applied BETWEEN least(total, 0) AND greatest(total, 0));
