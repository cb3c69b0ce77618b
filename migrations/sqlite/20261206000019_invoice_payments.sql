-- (SQLite) Payments received against issued invoices (full or partial; cash, card, transfer,
-- Bizum or direct debit). `invoices.paid_cents` keeps their sum, written with each payment.
ALTER TABLE invoices ADD COLUMN paid_cents BIGINT NOT NULL DEFAULT 0;

CREATE TABLE invoice_payments (
    id                  INTEGER PRIMARY KEY,
    invoice_id          BIGINT  NOT NULL REFERENCES invoices (id),
    paid_on             TEXT    NOT NULL,
    amount_cents        BIGINT  NOT NULL CHECK (amount_cents <> 0),
    method              TEXT    NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'bizum', 'direct_debit')),
    reference           TEXT    NOT NULL DEFAULT '',
    created_by          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL
);
CREATE INDEX invoice_payments_invoice ON invoice_payments (invoice_id, paid_on, id);
CREATE INDEX invoices_due ON invoices (state, due_date);
