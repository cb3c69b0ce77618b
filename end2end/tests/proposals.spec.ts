import { expect, Page, test } from "@playwright/test";
import { DEMO_PASSWORD, hydrated, serverFn, signIn, STAFF } from "./helpers";

const MANAGER = { email: "marta.iglesias@aula.example", password: DEMO_PASSWORD };

/** An opportunity interested in the first course of the catalogue. */
async function opportunity(page: Page) {
  const board = await serverFn(page, "sales/board", {});
  const choices = await serverFn(page, "training/choices", {});
  const course = choices.courses[0];
  const o = await serverFn(page, "sales/save", {
    title: `Propuesta e2e ${Date.now()}`,
    organization_id: String(choices.organizations[0][0]),
    stage_id: String(board.columns[1].stage.id),
    value: "4.000",
    "course_ids[]": String(course.id),
  });
  return { id: o.id as number, org: choices.organizations[0][1] as string, course };
}

test.describe("proposals", () => {
  test("a proposal is written with live totals, accepted, downloaded and turned into a contract", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the line editor and its totals need the hydrated app");
    await signIn(page, STAFF);
    const o = await opportunity(page);
    await page.goto(`/opportunities/${o.id}`);
    await hydrated(page);
    await expect(page.getByTestId("opportunity-courses")).toContainText(o.course.code);
    await page.getByTestId("new-proposal").click();
    const form = page.getByTestId("proposal-form");
    await expect(form).toBeVisible();
    await hydrated(page);

    // The course of interest is the first line, with its hours and price.
    const first = form.getByTestId("proposal-line").first();
    await expect(first.getByLabel("Concepto")).toHaveValue(new RegExp(o.course.code));
    await form.getByTestId("add-line").click();
    const second = form.getByTestId("proposal-line").nth(1);
    await second.getByLabel("Concepto").fill("Manual del alumno");
    await second.getByLabel("Unidades").fill("2");
    await second.getByLabel("Precio (€)").fill("15");
    await expect(second.getByTestId("line-amount")).toHaveText("30,00 €");
    await form.getByLabel("Descuento (%)").fill("10");
    await expect(form.getByTestId("totals-preview")).toContainText("Descuento (10 %)");
    const preview = (await form.getByTestId("preview-total").textContent())!;
    expect(preview).toMatch(/€$/);

    // A bad price is refused next to its line; fixed, the proposal is saved.
    await second.getByLabel("Precio (€)").fill("quince");
    await expect(form.getByTestId("preview-total")).toHaveCount(0);
    await form.getByTestId("proposal-save").click();
    await expect(second.locator(".field-error").last()).not.toBeEmpty();
    await second.getByLabel("Precio (€)").fill("15");
    await form.getByTestId("proposal-save").click();
    await expect(page).toHaveURL(/\/proposals\/\d+$/);
    await expect(page.getByTestId("proposal-total")).toHaveText(preview);
    await expect(page.getByTestId("proposal-text")).toContainText(o.org);
    await expect(page.getByTestId("document-line")).toHaveCount(2);
    await page.screenshot({ path: `test-results/proposal-${info.project.name}.png`, fullPage: true });

    // The PDF comes from the server as a download.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("proposal-pdf").click()]);
    expect(download.suggestedFilename()).toMatch(/^propuesta-\d+\.pdf$/);

    await page.getByTestId("mark-sent").click();
    await expect(page.getByTestId("proposal-title")).toContainText("Enviada");
    await page.getByTestId("mark-accepted").click();
    await expect(page.getByTestId("won-note")).toBeVisible();
    await page.getByTestId("create-contract").first().click();
    await expect(page).toHaveURL(/\/contracts\/new\?/);
    const contract = page.getByTestId("contract-form");
    await expect(contract.locator("select[name=course_id]")).toHaveValue(String(o.course.id));
    await expect(contract.locator("input[name=hourly_price]")).not.toHaveValue("");
    await expect(contract.locator("textarea[name=notes]")).toContainText("Desde la propuesta");

    // The opportunity is won and lists the proposal.
    await page.goto(`/opportunities/${o.id}`);
    await expect(page.getByTestId("opportunity-stage")).toContainText("Ganada");
    await expect(page.getByTestId("proposal-row")).toContainText("Aceptada");
  });

  test("a proposal reads and changes state without JavaScript", async ({ page }) => {
    await signIn(page, STAFF);
    const o = await opportunity(page);
    const templates = await serverFn(page, "sales/templates/list", {});
    const p = await serverFn(page, "sales/proposal/save", {
      opportunity_id: String(o.id),
      template_id: String(templates[0].id),
      issue_date: "2027-05-03",
      valid_until: "2027-06-03",
      vat_exempt: "on",
      "lines[0][description]": "Curso a medida",
      "lines[0][hours]": "8",
      "lines[0][unit_price]": "50",
    });
    await page.goto(`/proposals/${p.id}`);
    await expect(page.getByTestId("proposal-total")).toHaveText("400,00 €");
    await expect(page.getByTestId("proposal-totals")).toContainText("Exenta de IVA");
    await page.getByTestId("mark-sent").click();
    await expect(page.getByTestId("proposal-title")).toContainText("Enviada");
    const pdf = await page.request.get(`/proposals/${p.id}/pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  test("courses of interest are chosen several at a time on the edit page", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the form reports through the hydrated app");
    await signIn(page, STAFF);
    const o = await opportunity(page);
    const choices = await serverFn(page, "training/choices", {});
    await page.goto(`/opportunities/${o.id}/edit`);
    await hydrated(page);
    const ids = choices.courses.slice(0, 3).map((c: any) => String(c.id));
    await page.getByTestId("opportunity-courses-select").selectOption(ids);
    await page.getByTestId("opportunity-save").click();
    await expect(page).toHaveURL(new RegExp(`/opportunities/${o.id}$`));
    await expect(page.getByTestId("opportunity-courses").locator("li")).toHaveCount(3);
  });

  test("a template with an unknown variable is refused with the allowed ones", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the form reports through the hydrated app");
    await signIn(page, MANAGER);
    await page.goto("/pipeline/templates");
    await hydrated(page);
    const form = page.getByTestId("template-form").last();
    const name = `Plantilla ${Date.now()}`;
    await form.getByLabel("Nombre").fill(name);
    await form.getByLabel("Texto").fill("Hola {{cliente}}, total {{total}}");
    await form.getByTestId("template-save").click();
    await expect(form.getByTestId("error-body")).toContainText("{{clientName}}");
    await form.getByLabel("Texto").fill("Hola {{clientName}}, total {{total}}");
    await form.getByTestId("template-save").click();
    await expect(page.getByTestId("template-card").filter({ hasText: name })).toHaveCount(1);
    await expect(page.getByTestId("template-form").last().getByLabel("Nombre")).toHaveValue("");
  });
});
