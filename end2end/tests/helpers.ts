import { expect, Page } from "@playwright/test";

export const ADMIN = { email: "admin@aula.local", password: process.env.AULA_E2E_ADMIN_PASSWORD ?? "admin-e2e-password" };
export const DEMO_PASSWORD = process.env.AULA_E2E_DEMO_PASSWORD ?? "demo-e2e-password";
export const STAFF = { email: "javier.moreno@aula.example", password: DEMO_PASSWORD };
export const RECEPTION = { email: "lucia.fernandez@aula.example", password: DEMO_PASSWORD };

/** Signs in through the login form and waits for the page it lands on. */
export async function signIn(page: Page, who: { email: string; password: string }, path = "/login") {
  await page.goto(path);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Contraseña").fill(who.password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByTestId("user-chip")).toBeVisible();
}

/** Calls a server function as the signed-in user of `page` and returns its JSON answer. */
export async function serverFn(page: Page, endpoint: string, form: Record<string, string>) {
  const res = await page.request.post(`/api/fn/${endpoint}`, { form, headers: { accept: "application/json" } });
  expect(res.status(), `${endpoint}: ${await res.text()}`).toBe(200);
  return res.json();
}

/** Today in the centre's zone (`YYYY-MM-DD`) by the server's own clock, which may not be this
 * machine's: tests take their days from it, never from `Date`. Needs `reception.view`. */
export async function serverToday(page: Page): Promise<string> {
  const today = await serverFn(page, "training/today", {});
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Madrid" }).format(new Date(today.now));
}

/** The `YYYY-MM-DD` `days` after the `YYYY-MM-DD` `date`. */
export function daysAfter(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A number no other run of a test is likely to have drawn, to name what a test creates. */
export function uniqueStamp(): number {
  return Math.floor(Math.random() * 1e12);
}

/** Waits until the WebAssembly app has hydrated the page. */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as any).__aula_hydrated === true);
}
