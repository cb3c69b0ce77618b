import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect, Page, test } from "@playwright/test";
import { daysAfter, DEMO_PASSWORD, hydrated, RECEPTION, serverFn, serverToday, signIn, uniqueStamp } from "./helpers";

// Invoicing as the manager does it: the issuing company, a draft with exempt training hours and a
// taxed kit, issued with its Veri*Factu record, its PDF read back (text and QR, decoded from the
// rendered page by an independent reader), and a payment that settles it.

const MANAGER = { email: "marta.iglesias@aula.example", password: DEMO_PASSWORD };
const PYTHON = process.env.AULA_TEST_PYTHON ?? "python3";
const SUPPORT = `${__dirname}/../../scripts/testsupport`;

/** A valid Spanish CIF of letter B for `n` (its control digit computed as the law says). */
function cif(n: number): string {
  const digits = String(n % 10_000_000).padStart(7, "0");
  let sum = 0;
  [...digits].forEach((c, i) => {
    const d = Number(c);
    if (i % 2 === 0) {
      const x = d * 2;
      sum += Math.floor(x / 10) + (x % 10);
    } else {
      sum += d;
    }
  });
  return `B${digits}${(10 - (sum % 10)) % 10}`;
}

/** Adds an issuing company through the issuers page and returns its NIF. */
async function addIssuer(page: Page, js: boolean): Promise<string> {
  const nif = cif(uniqueStamp());
  await page.goto("/billing/issuers");
  if (js) await hydrated(page);
  await expect(page.getByTestId("queue-notice")).toContainText("certificado");
  const form = page.getByTestId("issuer-form").last();
  await form.getByLabel("Razón social").fill(`Formación Ficticia ${nif} SL`);
  await form.getByLabel("CIF / NIF").fill(nif);
  await form.getByLabel("Dirección").fill("Calle Mayor 1");
  await form.getByLabel("Código postal").fill("20001");
  await form.getByLabel("Localidad").fill("Donostia");
  await form.getByLabel("IBAN para transferencias").fill("ES91 2100 0418 4502 0005 1332");
  await form.getByTestId("issuer-save").click();
  await expect(page.getByTestId("issuer-card").filter({ hasText: nif })).toBeVisible();
  await expect(page.getByTestId("issuer-card").filter({ hasText: nif }).getByTestId("series-table")).toContainText("F-000001");
  return nif;
}

test.describe("billing", () => {
  test("a contract's delivered hours are invoiced with a kit, issued, read back from the PDF and paid", async ({ page }, info) => {
    const js = info.project.name === "js";
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, MANAGER);
    const nif = await addIssuer(page, js);
    await page.screenshot({ path: `test-results/issuers-${info.project.name}.png`, fullPage: true });

    // A contract of 7 h 30 delivered at 60 €/h, on a past day of its own.
    const choices = await serverFn(page, "training/choices", {});
    const course = choices.courses.find((c: any) => c.code === "PRL-20");
    const [orgId, orgName] = choices.organizations[0];
    const contract = await serverFn(page, "training/contracts/save", {
      organization_id: String(orgId),
      course_id: String(course.id),
      hourly_price: "60",
      planned_hours: "10",
      state: "in_progress",
    });
    const day = daysAfter(await serverToday(page), -40 - (uniqueStamp() % 300));
    await serverFn(page, "training/sessions/save", {
      contract_id: String(contract.id),
      state: "done",
      date: day,
      start_time: "09:00",
      end_time: "16:30",
      address: "Polígono Ibaizabal 3, Bilbao",
    });
    await page.goto(`/contracts/${contract.id}`);
    if (js) await hydrated(page);
    await expect(page.getByTestId("hours-delivered")).toHaveText("7,5 h");
    await expect(page.getByTestId("hours-invoiced")).toHaveText("0 h");
    const invoiceForm = page.getByTestId("contract-invoice-form");
    await invoiceForm.getByLabel("Emisor").selectOption({ label: `Formación Ficticia ${nif} SL` });
    await invoiceForm.getByTestId("contract-invoice-submit").click();
    await expect(page).toHaveURL(/\/invoices\/\d+$/);
    await expect(page.getByTestId("invoice-total")).toHaveText("450,00 €");
    await expect(page.getByTestId("invoice-recipient")).toContainText(orgName);

    // The kit goes on the same invoice.
    await page.getByTestId("invoice-edit").click();
    await expect(page).toHaveURL(/\/invoices\/\d+\/edit$/);
    if (js) await hydrated(page);
    const form = page.getByTestId("invoice-form");
    await expect(form.getByTestId("line-0-hours")).toHaveValue("7,5");
    await form.getByTestId("line-1-description").fill("Kit de seguridad");
    await form.getByTestId("line-1-quantity").fill("3");
    await form.getByTestId("line-1-unit_price").fill("12,40");
    if (js) {
      // A line without its VAT is refused next to it; nothing is saved.
      await form.getByTestId("invoice-save").click();
      await expect(form.locator('[data-error-for="lines.1.vat"]')).toHaveText("Este campo es obligatorio.");
      await expect(page).toHaveURL(/\/edit$/);
    }
    await form.getByTestId("line-1-vat").selectOption("21");
    await page.screenshot({ path: `test-results/invoice-form-${info.project.name}.png`, fullPage: true });
    await form.getByTestId("invoice-save").click();
    await expect(page).toHaveURL(/\/invoices\/\d+$/);
    await expect(page.getByTestId("invoice-total")).toHaveText("495,01 €");
    await expect(page.getByTestId("state")).toHaveText("Borrador");

    await page.getByTestId("invoice-issue").click();
    await expect(page.getByTestId("state")).toHaveText("Emitida");
    const title = (await page.getByTestId("invoice-title").textContent())!;
    const number = title.match(/F-\d{6}/)![0];
    await expect(page.getByTestId("collection")).toHaveText("Pendiente de cobro");
    await expect(page.getByTestId("fiscal-record")).toHaveCount(1);
    await expect(page.getByTestId("fiscal-record")).toContainText("Alta");
    await page.screenshot({ path: `test-results/invoice-issued-${info.project.name}.png`, fullPage: true });

    // The PDF: its text and its QR, decoded from the rendered page.
    const href = (await page.getByTestId("invoice-pdf").getAttribute("href"))!;
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    const dir = `test-results/invoice-pdf-${info.project.name}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/invoice.pdf`, await res.body());
    const text = execFileSync(PYTHON, [`${SUPPORT}/pdf_text.py`, `${dir}/invoice.pdf`]).toString();
    for (const part of [number, "QR tributario:", "VERI*FACTU", orgName, "Operación exenta de IVA (art. 20.Uno.9º Ley 37/1992)", "495,01"]) {
      expect(text).toContain(part);
    }
    const codes = execFileSync(PYTHON, [`${SUPPORT}/pdf_qr.py`, `${dir}/invoice.pdf`, "--png", dir]).toString().trim().split("\n");
    expect(codes).toHaveLength(1);
    expect(codes[0]).toBe(
      `https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=${nif}&numserie=${number}&fecha=${codes[0].match(/fecha=([\d-]+)/)![1]}&importe=495.01`,
    );

    // Paid by Bizum in full: settled.
    const pay = page.getByTestId("payment-form");
    await expect(pay.getByLabel("Importe")).toHaveValue("495,01");
    await pay.getByLabel("Forma de pago").selectOption("bizum");
    await pay.getByTestId("payment-save").click();
    await expect(page.getByTestId("collection")).toHaveText("Cobrada");
    await expect(page.getByTestId("outstanding")).toContainText("0,00 €");
    await expect(page.getByTestId("payment-row")).toHaveCount(1);
    await page.screenshot({ path: `test-results/invoice-paid-${info.project.name}.png`, fullPage: true });
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.reload();
    await page.screenshot({ path: `test-results/invoice-tablet-${info.project.name}.png`, fullPage: true });

    // In the list, with what is owed.
    await page.goto("/invoices?state=issued");
    await expect(page.getByTestId("invoice-row").filter({ hasText: number }).filter({ hasText: nif })).toContainText("Cobrada");

    // The accountant's book of this quarter so far, as CSV: the invoice's two VAT rates.
    const book = page.waitForEvent("download");
    await page.getByTestId("invoice-exports").getByTestId("export-csv").click();
    const csv = readFileSync(await (await book).path(), "utf-8");
    const rows = csv.split("\r\n").filter((l) => l.includes(nif));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(`;${number.split("-")[0]};${number.split("-")[1]};F1;`);
    expect(rows[0]).toContain(";450,00;0,00;0,00;E1;495,01;Emitida");

    // The contract's burn-down counts them invoiced; nothing is left to invoice twice.
    await page.goto(`/contracts/${contract.id}`);
    await expect(page.getByTestId("hours-invoiced")).toHaveText("7,5 h");
    await expect(page.getByTestId("contract-invoice")).toContainText(number);
    await page.getByTestId("contract-invoice-form").getByTestId("contract-invoice-submit").click();
    if (js) {
      await expect(page.getByTestId("contract-invoice-form").locator('[data-error-for="hours"]')).toHaveText(
        "No quedan horas por facturar en esta contratación.",
      );
    }
    await page.goto(`/contracts/${contract.id}`);
    await expect(page.getByTestId("contract-invoice")).toHaveCount(1);
  });

  test("an issued invoice is cancelled by a record and keeps its number", async ({ page }, info) => {
    const js = info.project.name === "js";
    await signIn(page, MANAGER);
    const nif = await addIssuer(page, js);
    await page.goto("/invoices/new");
    const form = page.getByTestId("invoice-form");
    await form.getByLabel("Emisor").selectOption({ label: `Formación Ficticia ${nif} SL · ${nif}` });
    await form.getByLabel("Tipo de factura").selectOption("F2");
    await form.getByLabel("Descripción de la operación").fill("Venta en mostrador");
    await form.getByTestId("line-0-description").fill("Kit de cerámica");
    await form.getByTestId("line-0-unit_price").fill("24,95");
    await form.getByTestId("line-0-vat").selectOption("21");
    await form.getByTestId("invoice-save").click();
    await expect(page).toHaveURL(/\/invoices\/\d+$/);
    await page.getByTestId("invoice-issue").click();
    await expect(page.getByTestId("invoice-title")).toContainText("Factura simplificada S-000001");
    const cancel = page.getByTestId("cancel-form");
    await cancel.getByLabel("Motivo").fill("Venta devuelta el mismo día");
    await cancel.getByTestId("invoice-cancel").click();
    await expect(page.getByTestId("state")).toHaveText("Anulada");
    await expect(page.getByTestId("cancelled-notice")).toContainText("Venta devuelta el mismo día");
    await expect(page.getByTestId("invoice-title")).toContainText("S-000001");
    await expect(page.getByTestId("fiscal-record")).toHaveCount(2);
    await expect(page.getByTestId("fiscal-record").nth(1)).toContainText("Anulación");
  });

  test("a kit is added, refused below zero, sold down to its threshold and the bell says it is low", async ({ page }, info) => {
    const js = info.project.name === "js";
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, MANAGER);
    const sku = `KIT-${info.project.name.toUpperCase()}-${uniqueStamp()}`;
    await page.goto("/products");
    if (js) await hydrated(page);
    await page.getByTestId("product-new").click();
    await expect(page.getByRole("heading", { name: "Nuevo producto" })).toBeVisible();
    if (js) await hydrated(page);
    const fill = async (name: string) => {
      const form = page.getByTestId("product-form");
      await form.getByLabel("Referencia (SKU)").fill(sku);
      await form.getByLabel("Nombre").fill(name);
      await form.getByLabel("Precio sin IVA").fill("12,40");
      await form.getByLabel("Aviso de pocas existencias (unidades)").fill("2");
      await form.getByLabel("Existencias iniciales").fill("3");
      await form.getByLabel(/Resina epoxi/).check();
      await page.getByTestId("product-save").click();
    };
    if (js) {
      // The name is missing: said next to it (the hydrated form reports refusals), nothing saved.
      await fill("");
      await expect(page.getByTestId("error-name")).toHaveText("Este campo es obligatorio.");
    }
    await fill(`Kit de esmaltes ${sku}`);
    await expect(page.getByTestId("product-title")).toHaveText(`Kit de esmaltes ${sku}`);
    await expect(page.getByTestId("product-stock")).toHaveText("3");
    await expect(page.locator("dl.facts")).toContainText("15,00 €");
    await expect(page.getByTestId("product-kits")).toContainText("Resina epoxi");
    await expect(page.getByTestId("stock-move")).toHaveCount(1);

    if (js) {
      await hydrated(page);
      const move = page.getByTestId("stock-move-form");
      await move.getByLabel("Movimiento").selectOption("sold");
      await move.getByLabel("Unidades").fill("5");
      await page.getByTestId("stock-move-save").click();
      await expect(page.getByTestId("error-quantity")).toHaveText("No hay existencias suficientes: quedan 3.");
      await expect(page.getByTestId("product-stock")).toHaveText("3");
    }

    await page.getByTestId("stock-move-form").getByLabel("Movimiento").selectOption("sold");
    await page.getByTestId("stock-move-form").getByLabel("Unidades").fill("1");
    await page.getByTestId("stock-move-save").click();
    await expect(page.getByTestId("stock-move")).toHaveCount(2);
    await expect(page.getByTestId("product-stock")).toHaveText("2");
    await expect(page.getByTestId("low-stock")).toHaveText("Pocas existencias");
    await page.screenshot({ path: `test-results/product-${info.project.name}.png`, fullPage: true });

    await page.goto("/notifications");
    await expect(page.getByTestId("notification").filter({ hasText: `Quedan pocas existencias: Kit de esmaltes ${sku}` })).toBeVisible();
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto("/products?show=low");
    await expect(page.getByTestId("product-row").filter({ hasText: sku })).toContainText("Pocas existencias");
    await page.screenshot({ path: `test-results/products-${info.project.name}-768.png`, fullPage: true });
  });

  test("reception sells a kit at the counter on a tablet, with its simplified invoice to hand over", async ({ page }, info) => {
    const js = info.project.name === "js";
    await page.setViewportSize({ width: 768, height: 1024 });
    // The manager stocks a kit; the receptionist sells it.
    await signIn(page, MANAGER);
    const sku = `KIT-VENTA-${info.project.name.toUpperCase()}-${uniqueStamp()}`;
    const kit = await serverFn(page, "billing/products/save", {
      sku, name: `Kit de acuarela ${sku}`, price: "15,00", vat: "21", low_stock_threshold: "0", initial_stock: "2", active: "on",
    });
    await page.context().clearCookies();
    await signIn(page, RECEPTION);
    await page.goto("/sales");
    if (js) await hydrated(page);
    await expect(page.getByRole("heading", { name: "Venta en mostrador" })).toBeVisible();
    if (js) {
      // More than there is: said next to the line's units, nothing sold.
      const form = page.getByTestId("sale-form");
      await form.getByLabel("Producto 1", { exact: true }).selectOption(String(kit.id));
      await form.getByLabel("Unidades 1", { exact: true }).fill("3");
      await page.getByTestId("sale-submit").click();
      await expect(page.getByTestId("error-lines.0.quantity")).toHaveText("No hay existencias suficientes: quedan 2.");
    }

    const again = page.getByTestId("sale-form");
    await again.getByLabel("Producto 1", { exact: true }).selectOption(String(kit.id));
    await again.getByLabel("Unidades 1", { exact: true }).fill("2");
    await again.getByText("Bizum", { exact: true }).click();
    await page.screenshot({ path: `test-results/counter-${info.project.name}-768.png`, fullPage: true });
    await page.getByTestId("sale-submit").click();
    await expect(page.getByTestId("sale-title")).toHaveText("Venta registrada");
    // 2 × 15,00 + 21 % VAT.
    await expect(page.getByTestId("sale-total")).toHaveText("36,30 €");
    await expect(page.getByTestId("sale-method")).toHaveText("Bizum");
    await expect(page.locator(".page-header")).toContainText("Factura simplificada S-");
    await page.screenshot({ path: `test-results/sale-${info.project.name}-768.png`, fullPage: true });

    // The PDF to hand over: its text, and its QR decoded from the rendered page.
    const res = await page.request.get((await page.getByTestId("sale-pdf").getAttribute("href"))!);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    const dir = `test-results/sale-pdf-${info.project.name}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/sale.pdf`, await res.body());
    const text = execFileSync(PYTHON, [`${SUPPORT}/pdf_text.py`, `${dir}/sale.pdf`]).toString();
    for (const part of ["Factura simplificada", "Kit de acuarela", sku, "36,30", "VERI*FACTU", "(Bizum)"]) {
      expect(text).toContain(part);
    }
    const codes = execFileSync(PYTHON, [`${SUPPORT}/pdf_qr.py`, `${dir}/sale.pdf`, "--png", dir]).toString().trim().split("\n");
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatch(/numserie=S-\d{6}&fecha=[\d-]+&importe=36\.30$/);

    await page.getByTestId("sale-next").click();
    await expect(page.getByTestId("today-sales").getByTestId("sale-row").first()).toContainText("36,30 €");
  });
});
