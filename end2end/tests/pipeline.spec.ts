import { expect, Page, test } from "@playwright/test";
import { hydrated, serverFn, signIn, STAFF } from "./helpers";

type Setup = { tag: string; stages: number[]; cards: Record<string, number>; url: string };

/** Three opportunities of a source of their own in the first stage, and the board filtered to them. */
async function threeCards(page: Page, source: string): Promise<Setup> {
  const board = await serverFn(page, "sales/board", {});
  const stages: number[] = board.columns.map((c: any) => c.stage.id);
  const choices = await serverFn(page, "training/choices", {});
  const tag = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const cards: Record<string, number> = {};
  for (const name of ["A", "B", "C"]) {
    const o = await serverFn(page, "sales/save", {
      title: `${name}-${tag}`,
      organization_id: String(choices.organizations[0][0]),
      value: "1000",
      stage_id: String(stages[0]),
      source,
    });
    cards[name] = o.id;
  }
  return { tag, stages, cards, url: `/pipeline?source=${source}` };
}

const column = (page: Page, stage: number) => page.locator(`[data-testid=board-column][data-stage="${stage}"]`);
/** The cards of this test (by its tag) in a column, by their letter. */
const titles = async (page: Page, stage: number, tag: string) =>
  (await column(page, stage).locator(".board-card-title").allTextContents())
    .filter((t) => t.endsWith(`-${tag}`))
    .map((t) => t.split("-")[0]);

test.describe("pipeline board", () => {
  test("a card dragged with the mouse to another stage stays there after a reload", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "dragging needs the hydrated app");
    await signIn(page, STAFF);
    const s = await threeCards(page, "campaign");
    await page.goto(s.url);
    await hydrated(page);
    expect(await titles(page, s.stages[0], s.tag)).toEqual(["A", "B", "C"]);
    const card = page.locator(`[data-card="${s.cards.B}"]`);
    await card.scrollIntoViewIfNeeded();
    const box = (await card.boundingBox())!;
    const target = (await column(page, s.stages[2]).boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 40, { steps: 4 });
    // Columns are as tall as the tallest: the same height in the next column is inside it.
    await page.mouse.move(target.x + 60, box.y + 20, { steps: 10 });
    await page.mouse.up();
    await expect(column(page, s.stages[2]).locator(`[data-card="${s.cards.B}"]`)).toBeVisible();
    await expect(page.locator(".toast").last()).toContainText("movida a");
    await page.screenshot({ path: `test-results/pipeline-${info.project.name}.png`, fullPage: true });
    await page.reload();
    expect(await titles(page, s.stages[0], s.tag)).toEqual(["A", "C"]);
    expect(await titles(page, s.stages[2], s.tag)).toEqual(["B"]);
  });

  test("the keyboard reorders a column and the order is kept", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the keyboard path needs the hydrated app");
    await signIn(page, STAFF);
    const s = await threeCards(page, "phone");
    await page.goto(s.url);
    await hydrated(page);
    await page.locator(`[data-card="${s.cards.C}"]`).focus();
    await page.keyboard.press(" ");
    await expect(page.getByTestId("pipe-announce")).toContainText("Seleccionada");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await expect(page.getByTestId("pipe-announce")).toContainText("posición");
    await page.keyboard.press("Enter");
    await expect(page.locator(".toast").last()).toContainText("movida a");
    expect(await titles(page, s.stages[0], s.tag)).toEqual(["C", "A", "B"]);
    // Escape puts a picked card back.
    await page.locator(`[data-card="${s.cards.A}"]`).focus();
    await page.keyboard.press(" ");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("pipe-announce")).toHaveText("Movimiento cancelado.");
    await page.reload();
    expect(await titles(page, s.stages[0], s.tag)).toEqual(["C", "A", "B"]);
  });

  test("the lost stage asks why before the move", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "dragging needs the hydrated app");
    await signIn(page, STAFF);
    const s = await threeCards(page, "referral");
    await page.goto(s.url);
    await hydrated(page);
    const lost = s.stages[s.stages.length - 1];
    await page.locator(`[data-card="${s.cards.A}"]`).focus();
    await page.keyboard.press(" ");
    for (let i = 0; i < s.stages.length - 1; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    const dialog = page.getByTestId("lost-dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId("lost-confirm")).toBeDisabled();
    await dialog.getByLabel("Motivo de la pérdida").fill("Precio");
    await dialog.getByTestId("lost-confirm").click();
    await expect(column(page, lost).locator(`[data-card="${s.cards.A}"]`)).toBeVisible();
    await page.reload();
    await expect(column(page, lost).locator(`[data-card="${s.cards.A}"]`)).toBeVisible();
  });

  test("the new-opportunity form reports bad fields and adds the card", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the form reports through the hydrated app");
    await signIn(page, STAFF);
    await page.goto("/pipeline?new=1");
    await hydrated(page);
    const form = page.getByTestId("opportunity-form");
    await form.getByLabel("Título").fill(`Formación PRL ${Date.now()}`);
    await form.getByLabel("Importe (€)").fill("doce");
    await form.getByLabel("Probabilidad (%)").fill("150");
    await form.getByTestId("opportunity-save").click();
    await expect(form.getByTestId("error-value")).not.toBeEmpty();
    await expect(form.getByTestId("error-probability")).toContainText("100");
    await expect(form.getByTestId("error-organization_id")).not.toBeEmpty();
    await form.getByLabel("Organización").selectOption({ index: 1 });
    await form.getByLabel("Importe (€)").fill("2.400,50");
    await form.getByLabel("Probabilidad (%)").fill("");
    await form.getByTestId("opportunity-save").click();
    await expect(page.getByTestId("opportunity-form")).toHaveCount(0);
    await expect(page.getByTestId("board")).toContainText("2.400,50");
  });
});

test("the board reads without JavaScript: six stages with their figures", async ({ page }) => {
  await signIn(page, STAFF);
  const s = await threeCards(page, "other");
  await page.goto(s.url);
  await expect(page.getByTestId("board-column")).toHaveCount(6);
  const first = column(page, s.stages[0]);
  await expect(first.getByTestId("column-total")).not.toHaveText("Total 0,00 €");
  expect(await titles(page, s.stages[0], s.tag)).toEqual(["A", "B", "C"]);
  // Reception has no pipeline.
  await page.context().clearCookies();
  await signIn(page, { email: "lucia.fernandez@aula.example", password: process.env.AULA_E2E_DEMO_PASSWORD ?? "demo-e2e-password" });
  await page.goto("/pipeline");
  await expect(page.getByTestId("board")).toHaveCount(0);
});

test.describe("pipeline board on a tablet", () => {
  test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });

  test("a finger drags a card to the next stage", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "dragging needs the hydrated app");
    await signIn(page, STAFF);
    const s = await threeCards(page, "web");
    await page.goto(s.url);
    await hydrated(page);
    await page.locator(`[data-card="${s.cards.A}"]`).scrollIntoViewIfNeeded();
    const box = (await page.locator(`[data-card="${s.cards.A}"]`).boundingBox())!;
    const target = (await column(page, s.stages[1]).boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: string, x: number, y: number) =>
      cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] } as any);
    const [x0, y0, x1, y1] = [box.x + 30, box.y + 20, target.x + 60, box.y + 20];
    await touch("touchStart", x0, y0);
    for (let i = 1; i <= 10; i++) await touch("touchMove", x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10);
    await touch("touchEnd", x1, y1);
    await expect(column(page, s.stages[1]).locator(`[data-card="${s.cards.A}"]`)).toBeVisible();
    await page.reload();
    await expect(column(page, s.stages[1]).locator(`[data-card="${s.cards.A}"]`)).toBeVisible();
  });
});
