import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClaimHandoffDocument, RequestHandoffDocument, SendAgentMessageDocument, SetAvailabilityDocument } from "../generated/graphql";
import { CHROMIUM, DESKTOP, ensureConsoleBuilt, launchChromium, logInUi, PHONE, pageTracker, queueItem } from "../support/console";
import { openSession, say } from "../support/conversation";
import { hasPostgres } from "../support/services";
import { startTestServer, type TestServer } from "../support/server";
import { createTenant, PASSWORD, type TestTenant } from "../support/tenant";

/**
 * `npm run screenshots:console`: the README's pictures (docs/console-*.png) and the
 * figures it quotes — initial JavaScript gzipped and the time from navigation to the
 * queue on screen. Off in the normal run (it writes into docs/).
 */
const on = process.env.CONSOLE_SCREENSHOTS === "1" && hasPostgres() && fs.existsSync(CHROMIUM);
const run = on ? describe : describe.skip;
const docs = path.resolve(__dirname, "../../docs");

function initialJsGzip(): { files: string[]; bytes: number } {
  const dist = path.resolve(__dirname, "../../console/dist");
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length, 0);
  return { files, bytes };
}

run("console screenshots and figures", { timeout: 240_000 }, () => {
  let server: TestServer;
  let t: TestTenant;
  let browser: Browser;
  let sessionId = "";

  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startTestServer();
    t = await createTenant(server, "Loja Exemplo");
    const people: Array<[string, string, "URGENT" | "HIGH" | "MEDIUM" | "LOW"]> = [
      ["Maria Souza", "Segunda via do boleto", "HIGH"],
      ["João Pereira", "Produto chegou com defeito", "URGENT"],
      ["Carla Dias", "Dúvida sobre a fatura", "MEDIUM"],
      ["Pedro Alves", "Quer falar com um atendente", "LOW"],
    ];
    for (const [name, reason, priority] of people) {
      const s = await openSession(t.supervisor.client, name);
      const h = await t.supervisor.client.ok(RequestHandoffDocument, { input: { sessionId: s.sessionId, reason, priority } });
      if (name === "Maria Souza") {
        sessionId = s.sessionId;
        await t.agent.client.ok(ClaimHandoffDocument, { id: h.requestHandoff.id });
      }
    }
    await say(t.supervisor.client, sessionId, "Oi, preciso da segunda via do boleto.");
    await say(t.supervisor.client, sessionId, "O boleto venceu ontem, consigo pagar sem juros?");
    await t.agent.client.ok(SendAgentMessageDocument, { input: { sessionId, text: "Olá, Maria! Sou o Alex. Vou gerar a segunda via com a data de hoje." } });
    await t.agent.client.ok(SetAvailabilityDocument, { availability: "ONLINE" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("writes docs/console-*.png and reports the bundle size and time to the queue", async () => {
    const pages = pageTracker(browser);
    const agent = await pages.open("agente", DESKTOP);
    await logInUi(agent, server.url, t.agent.email, PASSWORD);
    await queueItem(agent, "João Pereira").waitFor();
    // Time to interactive: a reload (session from the cookie) until the queue's first item is on screen.
    const ttis: number[] = [];
    for (let i = 0; i < 3; i++) {
      await agent.reload();
      await queueItem(agent, "João Pereira").getByRole("button", { name: "Assumir" }).waitFor();
      ttis.push(await agent.evaluate(() => performance.now()));
    }
    await agent.screenshot({ path: path.join(docs, "console-queue.png") });

    await agent.goto(`${server.url}/conversas/${sessionId}`);
    await agent.locator(".msg.agent").first().waitFor();
    await agent.getByRole("textbox", { name: "Mensagem" }).fill("Pronto! Enviei o novo boleto aqui mesmo.");
    await agent.screenshot({ path: path.join(docs, "console-conversation.png") });

    const phone = await pages.open("agente-celular", PHONE);
    await logInUi(phone, server.url, t.agent2.email, PASSWORD);
    await queueItem(phone, "João Pereira").waitFor();
    await phone.screenshot({ path: path.join(docs, "console-queue-phone.png") });

    const admin = await pages.open("admin", DESKTOP);
    await logInUi(admin, server.url, t.admin.email, PASSWORD);
    await admin.goto(`${server.url}/painel`);
    await admin.locator(".chart canvas").nth(1).waitFor();
    await admin.screenshot({ path: path.join(docs, "console-dashboard.png"), fullPage: true });

    const js = initialJsGzip();
    const median = [...ttis].sort((a, b) => a - b)[1]!;
    const figures = { initialJsGzipKB: Math.round(js.bytes / 102.4) / 10, files: js.files, queueVisibleMs: ttis.map(Math.round), medianMs: Math.round(median) };
    process.stdout.write(`console figures: ${JSON.stringify(figures)}\n`);
    expect(js.bytes).toBeLessThanOrEqual(300 * 1024);
  });
});
