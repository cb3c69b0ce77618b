import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser. Every test runs twice: with JavaScript (hydrated
// app) and without (server-rendered HTML and plain forms only).
export default defineConfig({
  testDir: "./tests",
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "test-results/results.json" }]],
  outputDir: "./test-results",
  use: {
    baseURL: process.env.AULA_E2E_BASE_URL ?? "http://127.0.0.1:3917",
    locale: "es-ES",
    timezoneId: "Europe/Madrid",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "js", use: { javaScriptEnabled: true } },
    { name: "nojs", use: { javaScriptEnabled: false } },
  ],
});
