import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelSessionsDocument, ClaimHandoffDocument, ConversationDetailDocument, SendAgentMessageDocument, SendTypingDocument } from "../generated/graphql";
import { hasPostgres } from "../support/services";
import { startTestServer, type TestServer } from "../support/server";
import { createTenant, type TestTenant } from "../support/tenant";
import { createWebChat } from "../support/visitor";
import { waitFor } from "../support/webhooks";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.REQUIRE_SERVICES === "1") throw new Error(`${CHROMIUM} is missing (apt-get install -y chromium)`);
const run = hasPostgres() && haveChromium ? describe : describe.skip;

/** The business's site: another origin (its own port) that embeds widget.js with one line. */
async function startSite(apiUrl: string, publicKey: () => string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="pt-BR"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Loja Exemplo</title></head>
<body><h1>Loja Exemplo</h1><p>Bem-vindo!</p>
<script src="${apiUrl}/widget.js" data-inbox="${publicKey()}" async></script></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

run("web chat widget in a real browser (Chromium)", { timeout: 240_000 }, () => {
  let api: TestServer;
  let t: TestTenant;
  let site: { url: string; server: Server };
  let browser: Browser;
  let publicKey = "";
  const requests: string[] = [];

  beforeAll(async () => {
    api = await startTestServer();
    t = await createTenant(api);
    site = await startSite(api.url, () => publicKey);
    publicKey = (await createWebChat(t, [site.url])).publicKey;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => site?.server.close(r));
    await api?.close();
  });

  it("a visitor talks to the AI, asks for a person, sees the agent live, and keeps the conversation across a reload; another visitor sees none of it", async () => {
    const context = await browser.newContext({ locale: "pt-BR" });
    const page = await context.newPage();
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(site.url);

    await page.locator(".launcher").click();
    await expect.poll(() => page.locator("form.intro").isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator(".welcome").first().textContent()).toBe("Olá! Como podemos ajudar?");
    // Not without the privacy notice.
    await page.locator("input[name=name]").fill("Renata Alves");
    await page.getByRole("button", { name: "Iniciar conversa" }).click();
    expect(await page.locator("p.error").first().textContent()).toContain("aviso de privacidade");
    await page.locator("input[name=consent]").check();
    await page.getByRole("button", { name: "Iniciar conversa" }).click();

    const box = page.getByRole("textbox", { name: "Mensagem" });
    await box.fill("oi, preciso da segunda via do boleto");
    await box.press("Enter");
    await page.locator(".msg.ai").first().waitFor({ timeout: 20_000 });

    await box.fill("quero falar com um atendente");
    await box.press("Enter");
    await page.locator(".msg.system", { hasText: "transferir" }).waitFor({ timeout: 20_000 });

    const session = await waitFor(async () => (await t.supervisor.client.ok(ChannelSessionsDocument, { channel: "WEB" })).sessions.edges.map((e) => e.node).find((s) => s.client.name === "Renata Alves"), 10_000, "session");
    const handoff = await waitFor(async () => (await t.agent.client.ok(ConversationDetailDocument, { id: session.id })).session!.handoff, 10_000, "handoff");
    await t.agent.client.ok(ClaimHandoffDocument, { id: handoff.id });
    await t.agent.client.ok(SendTypingDocument, { sessionId: session.id });
    await expect.poll(() => page.locator(".typing").textContent(), { timeout: 10_000 }).toContain("digitando");
    await t.agent.client.ok(SendAgentMessageDocument, { input: { sessionId: session.id, text: "Oi Renata, aqui é o Alex. Já vejo o seu boleto." } });
    await page.locator(".msg.agent", { hasText: "aqui é o Alex" }).waitFor({ timeout: 10_000 });
    // SCREENSHOT_DIR=/tmp/x: pictures of the widget, to look at it.
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/widget-desktop.png` });

    // Reload: the same conversation comes back.
    await page.reload();
    await page.locator(".launcher").click();
    await page.locator(".msg.agent", { hasText: "aqui é o Alex" }).waitFor({ timeout: 10_000 });
    expect(await page.locator(".msg.client").count()).toBe(2);

    // Only the platform and the site were contacted: no third-party requests.
    const hosts = new Set(requests.map((u) => new URL(u).host));
    expect([...hosts].sort()).toEqual([new URL(api.url).host, new URL(site.url).host].sort());

    // A second visitor (another browser profile, on a phone) starts clean and cannot read the first one's session.
    const phone = await browser.newContext({ viewport: { width: 375, height: 700 }, isMobile: true, hasTouch: true, locale: "pt-BR" });
    const other = await phone.newPage();
    await other.goto(site.url);
    await other.locator(".launcher").click();
    await other.locator("input[name=consent]").check();
    await other.getByRole("button", { name: "Iniciar conversa" }).click();
    await other.getByRole("textbox", { name: "Mensagem" }).waitFor();
    expect(await other.locator(".msg").count()).toBe(0);
    if (process.env.SCREENSHOT_DIR) await other.screenshot({ path: `${process.env.SCREENSHOT_DIR}/widget-mobile.png` });
    expect(await other.locator(".panel").evaluate((el) => Math.round(el.getBoundingClientRect().width))).toBe(375);
    const attempt = await other.evaluate(async ({ apiUrl, key, sessionId }) => {
      const token = JSON.parse(localStorage.getItem(`atende-chat:${key}`)!).token as string;
      type Answer = { data?: { visitorSession: { id: string; messages: { edges: unknown[] } } } | null; errors: Array<{ extensions: { code: string } }> };
      const call = async (query: string): Promise<Answer> => {
        const res = await fetch(`${apiUrl}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
        return (await res.json()) as Answer;
      };
      return { theirs: await call(`{ session(id: "${sessionId}") { id messages(first: 5) { edges { node { text } } } } }`), mine: await call(`{ visitorSession { id messages(first: 5) { edges { node { text } } } } }`) };
    }, { apiUrl: api.url, key: publicKey, sessionId: session.id });
    expect(attempt.theirs.errors[0].extensions.code).toBe("FORBIDDEN");
    expect(JSON.stringify(attempt.theirs)).not.toContain("boleto");
    expect(attempt.mine.data!.visitorSession.id).not.toBe(session.id);
    expect(attempt.mine.data!.visitorSession.messages.edges).toEqual([]);
    await phone.close();
    await context.close();
  });
});
