import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { browserSuite, ensureConsoleBuilt, launchChromium, logInUi, pageTracker } from "../support/console";
import { openSession } from "../support/conversation";
import { startTestServer, type TestServer } from "../support/server";
import { createTenant, PASSWORD, type TestTenant } from "../support/tenant";

const run = browserSuite();

run("console: Relatórios (analytics charts, totals, exports) in a real browser", { timeout: 180_000 }, () => {
  let server: TestServer;
  let t: TestTenant;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startTestServer();
    t = await createTenant(server);
    // Known activity: two conversations started today through the API.
    await openSession(t.supervisor.client, "Carla Relatório");
    await openSession(t.supervisor.client, "Davi Relatório");
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a supervisor sees the charts and the totals, exports a CSV and downloads it", async () => {
    const pages = pageTracker(browser);
    const page = await pages.open("supervisor");
    await logInUi(page, server.url, t.supervisor.email, PASSWORD);
    await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Relatórios" }).click();
    await page.waitForURL(/\/relatorios$/);
    await page.getByRole("heading", { name: "Relatórios", level: 1 }).waitFor();

    // uPlot draws every chart on a canvas.
    await expect.poll(() => page.locator(".report-chart canvas").count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(6);
    const totals = page.getByRole("table", { name: "Totais do período" });
    await expect.poll(() => totals.locator("tr[data-measure=conversations] td").first().textContent(), { timeout: 15_000 }).toBe("2");
    // Formatted for pt-BR: money with "R$", rates as percent.
    expect(await totals.locator("tr[data-measure=aiCostBrl] td").first().textContent()).toMatch(/^R\$\s?0,00$/);
    // Grouped by channel: one column per channel (both conversations came through the web chat).
    await page.getByLabel("Agrupar por").selectOption("CHANNEL");
    await totals.getByRole("columnheader", { name: "Chat do site" }).waitFor({ timeout: 15_000 });
    expect(await totals.locator("tr[data-measure=conversations] td").nth(1).textContent()).toBe("2");
    await page.getByRole("heading", { name: "Custos de IA" }).waitFor();
    await page.getByRole("heading", { name: "LGPD" }).waitFor();
    // The scheduled report is the admins' (setScheduledReport refuses supervisors): not offered.
    expect(await page.getByRole("heading", { name: "Relatório periódico" }).count()).toBe(0);

    // The indicators of the period as CSV: started here, produced by a job, downloadable by a signed link.
    await page.getByLabel("Tipo").selectOption("MEASURES");
    await page.getByLabel("Formato").selectOption("CSV");
    await page.getByRole("button", { name: "Exportar" }).click();
    const link = page.getByRole("link", { name: "Baixar CSV" });
    await link.waitFor({ timeout: 30_000 });
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(/\/exports\/[0-9a-f-]{36}\?exp=\d+&sig=/);
    const res = await fetch(new URL(href, server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split(/\r?\n/);
    const header = lines[0].split(",");
    const col = header.indexOf("conversations");
    expect(col).toBeGreaterThan(1);
    const sum = lines.slice(1).reduce((n, l) => n + Number(l.split(",")[col]), 0);
    expect(sum).toBe(2);
    // A tampered signature is refused.
    expect((await fetch(new URL(href.replace(/sig=./, "sig=0"), server.url))).status).not.toBe(200);
    expect(pages.dialogs).toEqual([]);
  });

  it("an admin saves the weekly report (e-mail, Friday 18:30) and the API returns it", async () => {
    const pages = pageTracker(browser);
    const page = await pages.open("admin");
    await logInUi(page, server.url, t.admin.email, PASSWORD);
    await page.goto(`${server.url}/relatorios`);
    await page.getByRole("heading", { name: "Relatório periódico" }).waitFor({ timeout: 15_000 });
    await page.getByLabel("Frequência").selectOption("WEEKLY");
    await page.getByLabel("Dia da semana").selectOption("5");
    await page.getByLabel("Horário").fill("18:30");
    await page.getByLabel("E-mail do relatório").fill("gestao@loja.com.br");
    await page.getByRole("button", { name: "Salvar relatório periódico" }).click();
    await page.getByText("Relatório periódico salvo.").waitFor({ timeout: 10_000 });
    const saved = (await t.admin.client.ok(`query { scheduledReport { frequency weekday time email enabled } }`)) as { scheduledReport: unknown };
    expect(saved.scheduledReport).toEqual({ frequency: "WEEKLY", weekday: 5, time: "18:30", email: "gestao@loja.com.br", enabled: true });
  });

  it("an agent has no Relatórios link and the route is not offered", async () => {
    const pages = pageTracker(browser);
    const page = await pages.open("agente");
    await logInUi(page, server.url, t.agent.email, PASSWORD);
    const nav = page.getByRole("navigation", { name: "Principal" });
    await nav.getByRole("link", { name: "Fila" }).waitFor();
    expect(await nav.getByRole("link", { name: "Relatórios" }).count()).toBe(0);
    await page.goto(`${server.url}/relatorios`);
    await page.getByRole("heading", { name: "Página não encontrada" }).waitFor({ timeout: 15_000 });
  });
});
