-- (SQLite) Products and kits the centre sells (materials, kits handed out at workshops), their
-- stock, every move of it and the sales that take it. `products.stock` is the stock on hand,
-- written with each move in the statement that checks it; the CHECK keeps it from going below zero.
CREATE TABLE products (
    id                  INTEGER PRIMARY KEY,
    sku                 TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    description         TEXT    NOT NULL DEFAULT '',
    price_cents         BIGINT  NOT NULL CHECK (price_cents >= 0),
    vat_bp              BIGINT  NOT NULL CHECK (vat_bp >= 0),
    vat_exempt          BIGINT  NOT NULL DEFAULT 0 CHECK (vat_exempt IN (0, 1)),
    stock               BIGINT  NOT NULL DEFAULT 0 CHECK (stock >= 0),
    low_stock_threshold BIGINT NOT NULL DEFAULT 0 CHECK (low_stock_threshold >= 0),
    active              BIGINT  NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX products_sku ON products (sku);
CREATE INDEX products_name ON products (active, name);

-- The workshops that include a product: one per participant (a kit).
CREATE TABLE product_workshops (
    product_id          BIGINT  NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    workshop_id         BIGINT  NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, workshop_id)
);
CREATE INDEX product_workshops_workshop ON product_workshops (workshop_id);

-- Sales (at the reception counter or elsewhere): products sold, invoiced and paid in one step.
-- The invoice's lines name the products sold (`invoice_lines.source_kind` 'product').
CREATE TABLE sales (
    id                  INTEGER PRIMARY KEY,
    issuer_id           BIGINT  NOT NULL REFERENCES billing_issuers (id),
    invoice_id          BIGINT  NOT NULL REFERENCES invoices (id),
    payment_method      TEXT    NOT NULL CHECK (payment_method IN ('cash', 'card', 'transfer', 'bizum', 'direct_debit')),
    total_cents         BIGINT  NOT NULL,
    created_by          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX sales_invoice ON sales (invoice_id);
CREATE INDEX sales_created ON sales (created_at, id);

-- Received, sold, adjusted or returned: `quantity` is what the move adds (negative when it takes
-- away), `stock_after` the stock it left.
CREATE TABLE stock_moves (
    id                  INTEGER PRIMARY KEY,
    product_id          BIGINT  NOT NULL REFERENCES products (id),
    kind                TEXT    NOT NULL CHECK (kind IN ('received', 'sold', 'adjusted', 'returned')),
    quantity            BIGINT  NOT NULL CHECK (quantity <> 0),
    stock_after         BIGINT  NOT NULL CHECK (stock_after >= 0),
    reason              TEXT    NOT NULL DEFAULT '',
    sale_id             BIGINT  REFERENCES sales (id),
    created_by          BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT  NOT NULL
);
CREATE INDEX stock_moves_product ON stock_moves (product_id, id);
