const { chromium } = require("playwright-core");
(async () => {
  const base = process.env.BASE || "http://127.0.0.1:3917";
  const pw = process.env.PW || "demo-e2e-password";
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  for (const [w, h] of [[1440, 900], [768, 1024]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h }, locale: "es-ES", timezoneId: "Europe/Madrid" });
    page.on("pageerror", (e) => console.log("PAGEERROR", e.message));
    await page.goto(base + "/login");
    await page.getByLabel("Email").fill("marta.iglesias@aula.example");
    await page.getByLabel("Contraseña").fill(pw);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByTestId("user-chip").waitFor();
    const opps = await (await page.request.post(base + "/api/fn/sales/board", { form: {} })).json().catch(() => null);
    // an opportunity page
    await page.goto(base + "/pipeline");
    await page.waitForFunction(() => window.__aula_hydrated === true);
    const card = page.locator("a[href^='/opportunities/']").first();
    const href = await card.getAttribute("href");
    await page.goto(base + href);
    await page.waitForFunction(() => window.__aula_hydrated === true);
    await page.getByTestId("assistant-toggle").click();
    const panel = page.getByTestId("assistant-panel");
    for (const q of ["Redacta un correo para el contacto", "Mueve esta oportunidad a ganada"]) {
      await panel.getByTestId("assistant-question").fill(q);
      await panel.getByTestId("assistant-ask").click();
      await panel.getByTestId("assistant-ask").waitFor();
      await page.waitForTimeout(800);
    }
    await page.screenshot({ path: `/tmp/walk-opp-${w}.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    console.log(w, "opportunity", href, "overflow", overflow);
    await page.goto(base + "/admin/assistant");
    await page.getByTestId("ai-status").waitFor();
    await page.locator("details summary").click();
    await page.screenshot({ path: `/tmp/walk-admin-${w}.png`, fullPage: true });
    console.log(w, "admin overflow", await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth));
    await page.close();
  }
  await browser.close();
})();
