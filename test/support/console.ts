import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { describe, expect, onTestFinished } from "vitest";
import { hasPostgres } from "./services";

export const CHROMIUM = "/usr/bin/chromium";

/** `describe` for a browser suite: skipped without Chromium or PostgreSQL, but a failure under REQUIRE_SERVICES=1 (CI). */
export function browserSuite(): typeof describe | typeof describe.skip {
  const haveChromium = fs.existsSync(CHROMIUM);
  if (!haveChromium && process.env.REQUIRE_SERVICES === "1") throw new Error(`${CHROMIUM} is missing (apt-get install -y chromium)`);
  return hasPostgres() && haveChromium ? describe : describe.skip;
}
const root = path.resolve(__dirname, "../..");
const consoleDir = path.join(root, "console");

function newest(dir: string): number {
  let max = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "dist" || e.name === "node_modules") continue;
    const p = path.join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return max;
}

/** Builds console/dist when it is missing or older than its sources (as `npm start` does). */
export function ensureConsoleBuilt(): void {
  const index = path.join(consoleDir, "dist/index.html");
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest(consoleDir)) return;
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "console/vite.config.mts"], { cwd: root, stdio: "pipe" });
  if (r.status !== 0) throw new Error(`console build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Debian's Chromium, headless, with the flags that keep it from hanging on lookups on a machine without internet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

export const DESKTOP = { viewport: { width: 1280, height: 720 }, locale: "pt-BR", timezoneId: "America/Sao_Paulo" };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "pt-BR", timezoneId: "America/Sao_Paulo" };

/**
 * Pages opened through `open` are photographed when the running test fails
 * (SCREENSHOT_DIR, default /tmp/atende-console-failures), and every dialog is recorded
 * (an XSS payload that ran would open one). Contexts close when the test ends.
 */
export function pageTracker(browser: Browser) {
  const pages: Array<{ name: string; page: Page }> = [];
  const contexts: BrowserContext[] = [];
  const dialogs: string[] = [];
  const logs: string[] = [];
  onTestFinished(async ({ task }) => {
    if (task.result?.state === "fail") {
      if (logs.length) process.stderr.write(`browser console:\n${logs.slice(-40).join("\n")}\n`);
      const dir = process.env.SCREENSHOT_DIR ?? "/tmp/atende-console-failures";
      fs.mkdirSync(dir, { recursive: true });
      for (const { name, page } of pages) {
        const file = path.join(dir, `${task.name.replace(/[^\w]+/g, "-").slice(0, 60)}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true }).then(
          () => process.stderr.write(`screenshot: ${file}\n`),
          (err: Error) => process.stderr.write(`screenshot failed: ${err.message}\n`),
        );
      }
    }
    for (const c of contexts) await c.close().catch(() => undefined);
  });
  return {
    dialogs,
    async open(name: string, opts: Parameters<Browser["newContext"]>[0] = DESKTOP): Promise<Page> {
      const context = await browser.newContext(opts);
      contexts.push(context);
      const page = await context.newPage();
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on("pageerror", (err) => logs.push(`[${name}] pageerror: ${err.message}`));
      page.on("console", (m) => (m.type() === "error" || process.env.DEBUG_CONSOLE) && logs.push(`[${name}] ${m.type()} ${m.text()}`));
      if (process.env.DEBUG_CONSOLE) {
        page.on("websocket", (ws) => {
          logs.push(`[${name}] ws open ${ws.url()}`);
          ws.on("framesent", (f) => logs.push(`[${name}] ws > ${String(f.payload).slice(0, 120)}`));
          ws.on("framereceived", (f) => logs.push(`[${name}] ws < ${String(f.payload).slice(0, 120)}`));
          ws.on("close", () => logs.push(`[${name}] ws closed`));
        });
      }
      pages.push({ name, page });
      return page;
    },
  };
}

/** Logs in through the console's form and waits for the queue. */
export async function logInUi(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/entrar`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect.poll(() => page.getByRole("region", { name: "Fila" }).isVisible(), { timeout: 15_000 }).toBe(true);
}

/** The queue item (list item in the "Fila" region) of a client. */
export const queueItem = (page: Page, clientName: string) => page.getByRole("region", { name: "Fila" }).getByRole("listitem").filter({ hasText: clientName });
