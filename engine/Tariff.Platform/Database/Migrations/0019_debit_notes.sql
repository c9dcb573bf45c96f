-- A debit note charges late usage of a finalized invoice when no later invoice of its subscription can carry it as a
-- true-up line in time: the subscription has ended, or its next invoice comes after the late-usage window. It names
-- the invoice it corrects, like a credit note, and is numbered in its own gapless series (DN-000001).
ALTER TABLE invoice_sequences DROP CONSTRAINT invoice_sequences_kind_check;
ALTER TABLE invoice_sequences ADD CONSTRAINT invoice_sequences_kind_check CHECK (kind IN ('invoice', 'credit_note', 'debit_note'));
ALTER TABLE invoices DROP CONSTRAINT invoices_kind_check;
ALTER TABLE invoices ADD CONSTRAINT invoices_kind_check CHECK (kind IN ('invoice', 'credit_note', 'debit_note'));

-- 0007 left the check that only notes name a corrected invoice unnamed; it is found by what it checks.
DO $$
DECLARE
    existing text;
BEGIN
    SELECT conname INTO STRICT existing FROM pg_constraint
    WHERE conrelid = 'invoices'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%corrects_invoice IS NOT NULL%';
    EXECUTE format('ALTER TABLE invoices DROP CONSTRAINT %I', existing);
END
$$;
ALTER TABLE invoices ADD CONSTRAINT invoices_notes_correct_an_invoice
    CHECK ((kind IN ('credit_note', 'debit_note')) = (corrects_invoice IS NOT NULL));
