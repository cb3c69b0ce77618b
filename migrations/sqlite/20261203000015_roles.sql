-- Roles: named sets of permissions (module.action, separated by spaces). The four built-in roles
-- are presets the centre may edit (except admin, which can do everything); custom roles are added
-- from the admin pages. A user's role names one of them.
CREATE TABLE roles (
    id                  INTEGER PRIMARY KEY,
    key                 TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    permissions         TEXT    NOT NULL,
    builtin             BIGINT  NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE UNIQUE INDEX roles_key ON roles (key);
INSERT INTO roles (key, name, permissions, builtin, created_at, updated_at) VALUES
    ('admin', '', 'crm.view crm.create crm.edit crm.delete crm.export crm.configure training.view training.create training.edit training.delete training.export training.configure workshops.view workshops.create workshops.edit workshops.delete workshops.export workshops.configure reception.view reception.create reception.edit reception.delete reception.export reception.configure pipeline.view pipeline.create pipeline.edit pipeline.delete pipeline.export pipeline.configure proposals.view proposals.create proposals.edit proposals.delete proposals.export proposals.configure calendar.view calendar.create calendar.edit calendar.delete calendar.export calendar.configure assistant.view assistant.create assistant.edit assistant.delete assistant.export assistant.configure billing.view billing.create billing.edit billing.delete billing.export billing.configure products.view products.create products.edit products.delete products.export products.configure automations.view automations.create automations.edit automations.delete automations.export automations.configure desk.view desk.create desk.edit desk.delete desk.export desk.configure campaigns.view campaigns.create campaigns.edit campaigns.delete campaigns.export campaigns.configure reports.view reports.create reports.edit reports.delete reports.export reports.configure admin.view admin.create admin.edit admin.delete admin.export admin.configure', 1, 0, 0),
    ('manager', '', 'crm.view crm.create crm.edit crm.delete crm.export crm.configure training.view training.create training.edit training.delete training.export training.configure workshops.view workshops.create workshops.edit workshops.delete workshops.export workshops.configure reception.view reception.create reception.edit reception.delete reception.export reception.configure pipeline.view pipeline.create pipeline.edit pipeline.delete pipeline.export pipeline.configure proposals.view proposals.create proposals.edit proposals.delete proposals.export proposals.configure calendar.view calendar.create calendar.edit calendar.delete calendar.export calendar.configure assistant.view assistant.create assistant.edit assistant.delete assistant.export assistant.configure billing.view billing.create billing.edit billing.delete billing.export billing.configure products.view products.create products.edit products.delete products.export products.configure automations.view automations.create automations.edit automations.delete automations.export automations.configure desk.view desk.create desk.edit desk.delete desk.export desk.configure campaigns.view campaigns.create campaigns.edit campaigns.delete campaigns.export campaigns.configure reports.view reports.create reports.edit reports.delete reports.export reports.configure admin.edit', 1, 0, 0),
    ('staff', '', 'crm.view crm.create crm.edit crm.export training.view training.create training.edit workshops.view workshops.create workshops.edit reception.view reception.create reception.edit pipeline.view pipeline.create pipeline.edit proposals.view proposals.create proposals.edit calendar.view calendar.create calendar.edit assistant.view assistant.create assistant.edit billing.view billing.create billing.edit products.view products.create products.edit automations.view automations.create automations.edit desk.view desk.create desk.edit campaigns.view campaigns.create campaigns.edit', 1, 0, 0),
    ('reception', '', 'workshops.view reception.view reception.create reception.edit calendar.view assistant.view', 1, 0, 0);

-- users.role loses its fixed list of four: the role's existence is checked by Aula when a user is
-- saved and a role in use cannot be deleted. SQLite cannot drop a CHECK constraint, and rebuilding
-- users would need foreign keys off (impossible inside the migration's transaction, and with them
-- on, dropping users would cascade into every table that references it), so the constraint is
-- removed from the stored schema, which SQLite documents as safe for removing a CHECK constraint
-- (https://sqlite.org/lang_altertable.html#otheralter). The index created after it makes every
-- connection reload the schema; Db::migrate closes the connection that ran this.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, ' CHECK (role IN (''admin'', ''manager'', ''staff'', ''reception''))', '')
 WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = OFF;
CREATE INDEX users_role ON users (role);
