import { expect, Page, test } from "@playwright/test";
import { hydrated, RECEPTION, serverFn, signIn, STAFF } from "./helpers";

/** A local `YYYY-MM-DD` `days` from now. */
function day(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function createWorkshop(page: Page, title: string, capacity: number): Promise<number> {
  const w = await serverFn(page, "training/workshops/save", {
    title,
    starts_at: `${day(15)}T17:00`,
    ends_at: `${day(15)}T20:00`,
    place: "Taller",
    capacity: String(capacity),
    price: "45",
    state: "published",
  });
  return w.id;
}

test.describe("workshops", () => {
  test("enrolling until full waitlists the next person and a cancellation promotes them", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the walk-in form reports through the hydrated app");
    await signIn(page, STAFF);
    const title = `Resina ${Date.now()}`;
    const id = await createWorkshop(page, title, 2);
    await page.goto(`/workshops/${id}`);
    await hydrated(page);
    const form = page.getByTestId("enroll-form");
    const people = [
      ["Irati", "irati"],
      ["Jon", "jon"],
      ["Olatz", "olatz"],
    ];
    for (const [name, mail] of people) {
      await form.getByLabel("Nombre", { exact: true }).fill(name);
      await form.getByLabel("Email").fill(`${mail}.${id}@example.com`);
      await form.getByRole("button").click();
      await expect(page.locator(".toast").last()).toContainText(name);
    }
    await expect(page.locator(".toast").last()).toContainText("lista de espera, puesto 1");
    await expect(page.getByTestId("seats-left")).toHaveText("0 libres");
    await expect(page.getByTestId("confirmed-table").getByTestId("enrollment-row")).toHaveCount(2);
    const waiting = page.getByTestId("waitlist-table").getByTestId("enrollment-row");
    await expect(waiting).toHaveCount(1);
    await expect(waiting).toContainText("Olatz");
    await expect(waiting.getByTestId("position")).toHaveText("1");

    // The public page agrees: full.
    const pub = await page.context().newPage();
    await pub.goto(`/talleres/${id}`);
    await expect(pub.getByTestId("public-seats-left")).toHaveText("Completo");

    await page.getByTestId("confirmed-table").getByTestId("enrollment-row").first().getByTestId("cancel-enrollment").click();
    await expect(page.locator(".toast").last()).toContainText("La plaza pasa a Olatz");
    await expect(page.getByTestId("waitlist-empty")).toBeVisible();
    await expect(page.getByTestId("confirmed-table")).toContainText("Olatz");
    await expect(page.getByTestId("seats-left")).toHaveText("0 libres");
    await page.screenshot({ path: `test-results/workshop-${info.project.name}.png`, fullPage: true });
  });

  test("the public form holds a seat until the request is confirmed, without signing in", async ({ page, browser }, info) => {
    await signIn(page, STAFF);
    const title = `Encuadernación ${Date.now()}`;
    const id = await createWorkshop(page, title, 3);
    const visitor = await browser.newContext({ javaScriptEnabled: info.project.name === "js" });
    const pub = await visitor.newPage();
    await pub.goto("/talleres");
    const card = pub.getByTestId("public-workshop").filter({ hasText: title });
    await expect(card.getByTestId("public-seats-left")).toHaveText("3 libres");
    await card.getByRole("link", { name: title }).click();
    await expect(pub.getByTestId("workshop-title")).toHaveText(title);
    const form = pub.getByTestId("public-enroll-form");
    await form.getByLabel("Nombre", { exact: true }).fill("Garazi");
    await form.getByLabel("Email").fill(`garazi.${id}@example.com`);
    await form.getByRole("button", { name: "Reservar mi plaza" }).click();
    // This centre has no mail server: the seat is held and the centre confirms it.
    await expect(pub.getByTestId("enroll-outcome")).toContainText("te guardamos la plaza 20 minutos");
    await expect(pub.getByTestId("public-seats-left")).toHaveText("2 libres");
    await pub.screenshot({ path: `test-results/public-workshop-${info.project.name}.png`, fullPage: true });
    await visitor.close();

    await page.goto(`/workshops/${id}`);
    await expect(page.getByTestId("seats-held")).toHaveText("1 en reserva");
    const request = page.getByTestId("requests-table").getByTestId("request-row");
    await expect(request).toContainText("Garazi");
    await expect(request).toContainText("sin correo: confirmar por teléfono");
    await expect(page.getByTestId("confirmed-empty")).toBeVisible();
    await page.screenshot({ path: `test-results/workshop-requests-${info.project.name}.png`, fullPage: true });
    await request.getByTestId("confirm-request").click();
    await expect(page.getByTestId("confirmed-table")).toContainText("Garazi");
    await expect(page.getByTestId("requests-table")).toHaveCount(0);
    await expect(page.getByTestId("seats-left")).toHaveText("2 libres");
  });
});

test.describe("contracts and sessions", () => {
  test("scheduling a trainer who is busy is refused, naming the clashing session", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the form reports errors through the hydrated app");
    await signIn(page, STAFF);
    const choices = await serverFn(page, "training/choices", {});
    const course = choices.courses.find((c: any) => c.code === "PRL-20");
    const trainer = choices.trainers.find((t: any) => t[1].startsWith("Javier"));
    const contract = await serverFn(page, "training/contracts/save", {
      organization_id: String(choices.organizations[0][0]),
      course_id: String(course.id),
      state: "confirmed",
    });
    // A far-off day of its own, so no other test's sessions are in the way: picked by the clock,
    // so the two projects (minutes apart) and later runs take different days.
    const date = day(400 + (Math.floor(Date.now() / 1000) % 2000));
    await page.goto(`/contracts/${contract.id}`);
    await hydrated(page);
    const form = page.getByTestId("session-form");
    const fill = async (start: string, end: string) => {
      await form.getByLabel("Fecha").fill(date);
      await form.getByLabel("Inicio").fill(start);
      await form.getByLabel("Fin").fill(end);
      await form.getByLabel("Formador/a").selectOption(String(trainer[0]));
      await form.getByLabel("Dirección").fill("Polígono Ibaizabal 3, Bilbao");
      await form.getByRole("button", { name: "Guardar" }).click();
    };
    await fill("10:00", "12:00");
    await expect(page.getByTestId("session-row")).toHaveCount(1);
    await fill("11:00", "13:00");
    const error = form.getByTestId("error-trainer_id");
    await expect(error).toContainText("El formador ya tiene otra sesión a esa hora");
    await expect(error).toContainText(`${contract.file_number} · Prevención de riesgos laborales`);
    await expect(error).toContainText("10:00–12:00");
    await expect(form.getByLabel("Formador/a")).toHaveValue(String(trainer[0]));
    await expect(form.getByLabel("Inicio")).toHaveValue("11:00");
    await expect(page.getByTestId("session-row")).toHaveCount(1);
    await expect(page.getByTestId("hours-scheduled")).toHaveText("2 h");
    await page.screenshot({ path: `test-results/contract-${info.project.name}.png`, fullPage: true });
  });
});

test.describe("attendance", () => {
  test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true });

  test("the front desk marks attendance on a tablet-width screen", async ({ page }, info) => {
    await signIn(page, RECEPTION, "/login?next=/today");
    await page.getByTestId("today-sessions").getByRole("link").first().click();
    await expect(page.getByTestId("session-title")).toHaveText("Prevención de riesgos laborales");
    if (info.project.name === "js") await hydrated(page);
    const row = page.getByTestId("attendance-row").first();
    const other = info.project.name === "js" ? "mark-late" : "mark-present";
    await row.getByTestId(other).click();
    await expect(row.getByTestId(other)).toHaveAttribute("aria-pressed", "true");
    await expect(row.getByTestId("checked-in")).toContainText("Entrada");
    await row.getByTestId("mark-absent").click();
    await expect(row.getByTestId("mark-absent")).toHaveAttribute("aria-pressed", "true");
    await expect(row.getByTestId("checked-in")).toHaveText("");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/attendance-${info.project.name}.png`, fullPage: true });
  });
});
