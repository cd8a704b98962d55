import net from "node:net";
import { generate } from "otplib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ClaimHandoffDocument, CreateInboxDocument, CreateTicketDocument, CreateUserDocument, LogInDocument, RequestDataSubjectActionDocument, EnableTwoFactorDocument, HandoffQueueDocument, RequestHandoffDocument, SetupTwoFactorDocument } from "../generated/graphql";
import { browserSuite, DESKTOP, ensureConsoleBuilt, launchChromium, logInUi, PHONE, pageTracker, queueItem } from "../support/console";
import { openSession, say } from "../support/conversation";
import { textPdf } from "../support/minimal-pdf";
import { evolutionUpsert, PNG_1PX, startFakeEvolution, type FakeEvolution } from "../support/fake-whatsapp";
import { spawnServer, type ServerProcess } from "../support/process";
import { startTestServer, type TestServer } from "../support/server";
import { createTenant, PASSWORD, uniqueEmail, type TestTenant } from "../support/tenant";
import { post, waitFor } from "../support/webhooks";

const run = browserSuite();

const XSS = "<img src=x onerror=alert(1)>";

/** A pending handoff of a new WEB client, created through the API. */
async function pendingHandoff(t: TestTenant, name: string, reason = "Cliente pediu um atendente"): Promise<{ sessionId: string; handoffId: string }> {
  const { sessionId } = await openSession(t.supervisor.client, name);
  const h = await t.supervisor.client.ok(RequestHandoffDocument, { input: { sessionId, reason } });
  return { sessionId, handoffId: h.requestHandoff.id };
}

run("agent and admin console in a real browser (Chromium)", { timeout: 240_000 }, () => {
  let server: TestServer;
  let evo: FakeEvolution;
  let t: TestTenant;
  let browser: Browser;
  let hookUrl = "";
  let secret = "";

  beforeAll(async () => {
    ensureConsoleBuilt();
    evo = await startFakeEvolution();
    server = await startTestServer();
    t = await createTenant(server);
    const created = (await t.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp Loja", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: evo.instance, apiKey: evo.apiKey } } })).createInbox;
    hookUrl = `${server.url}${created.inbox.webhookPath}`;
    secret = created.webhookSecret;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await evo?.close();
  });

  it("two agents: a WhatsApp message reaches both queues, A claims (gone from B), replies, sees the read tick and completes", async () => {
    const pages = pageTracker(browser);
    const a = await pages.open("agente-a");
    const b = await pages.open("agente-b", PHONE);
    await logInUi(a, server.url, t.agent.email, PASSWORD);
    await logInUi(b, server.url, t.agent2.email, PASSWORD);

    const from = "5511976543210";
    const deliver = (id: string, text: string) => post(hookUrl, evolutionUpsert(evo.instance, id, { conversation: text }, from), { "x-webhook-token": secret });
    expect((await deliver(`XSS${Date.now()}`, XSS)).status).toBe(200);
    expect((await deliver(`HUM${Date.now()}`, "quero falar com um atendente, por favor")).status).toBe(200);
    // Once the server has the handoff, both consoles show it live (no reload) within 2 s.
    await waitFor(async () => (await t.supervisor.client.ok(HandoffQueueDocument)).handoffQueue.length > 0, 30_000, "handoff");
    await queueItem(a, "Maria Souza").waitFor({ timeout: 2_000 });
    await queueItem(b, "Maria Souza").waitFor({ timeout: 2_000 });

    await queueItem(a, "Maria Souza").getByRole("button", { name: "Assumir" }).click();
    await a.waitForURL(/\/conversas\/[0-9a-f-]{36}$/);
    await expect.poll(() => queueItem(b, "Maria Souza").count(), { timeout: 5_000 }).toBe(0);

    // The customer's HTML is text: shown literally, nothing runs.
    await a.locator(".msg.client .text", { hasText: XSS }).waitFor({ timeout: 10_000 });
    expect(await a.locator(".msg img[src='x']").count()).toBe(0);

    // A photo sent now arrives live and is shown (fetched from Evolution into storage, served by a signed link).
    const photo = `IMG${Date.now()}`;
    evo.media.set(photo, { mimetype: "image/png", data: Buffer.from(PNG_1PX, "base64") });
    const image = evolutionUpsert(evo.instance, photo, { imageMessage: { mimetype: "image/png", caption: "foto do boleto" } }, from);
    expect((await post(hookUrl, image, { "x-webhook-token": secret })).status).toBe(200);
    const img = a.locator(".msg.client img");
    await img.waitFor({ timeout: 20_000 });
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth), { timeout: 10_000 }).toBe(1);

    const box = a.getByRole("textbox", { name: "Mensagem" });
    await box.fill("Olá Maria, aqui é o Alex.");
    await box.press("Shift+Enter");
    await box.pressSequentially("Vou verificar seu pedido.");
    await box.press("Enter");
    const sent = await waitFor(async () => evo.sent.find((s) => s.body.text === "Olá Maria, aqui é o Alex.\nVou verificar seu pedido."), 15_000, "text at Evolution");
    expect(sent.number).toBe(from);
    const mine = a.locator(".msg.agent", { hasText: "Vou verificar seu pedido." });
    await mine.waitFor({ timeout: 10_000 });
    await expect.poll(() => mine.locator(".tick").getAttribute("data-status"), { timeout: 15_000 }).toBe("SENT");

    // The provider's read receipt turns the tick to "read" live.
    const read = JSON.stringify({ event: "messages.update", instance: evo.instance, data: { keyId: sent.id, remoteJid: `${from}@s.whatsapp.net`, fromMe: true, status: "READ", instanceId: "i1" } });
    expect((await post(hookUrl, read, { "x-webhook-token": secret })).status).toBe(200);
    await expect.poll(() => mine.locator(".tick").getAttribute("data-status"), { timeout: 10_000 }).toBe("READ");
    expect(await mine.locator(".tick").getAttribute("aria-label")).toBe("Lida");

    // Internal note, then complete with a resolution.
    await box.fill("Cliente pediu segunda via.");
    await a.getByRole("button", { name: "Nota interna" }).click();
    await a.getByText("Notas internas (1)").waitFor({ timeout: 10_000 });
    await a.getByRole("button", { name: "Encerrar" }).click();
    await a.getByLabel("Resolução").fill("Segunda via enviada.");
    await a.getByRole("button", { name: "Confirmar encerramento" }).click();
    await a.waitForURL(/\/fila$/);
    expect(pages.dialogs).toEqual([]);
  });

  it("login with TOTP; a reload keeps the session (cookie, no token in storage); logout ends it", async () => {
    const pages = pageTracker(browser);
    // A supervisor of her own, so her two-step verification does not get in the way of the other tests' logins.
    const email = uniqueEmail("Tania Supervisora");
    await t.admin.client.ok(CreateUserDocument, { input: { name: "Tânia Supervisora", email, password: PASSWORD, role: "SUPERVISOR" } });
    const me = server.client((await server.client().ok(LogInDocument, { input: { email, password: PASSWORD } })).logIn.accessToken);
    const setup = await me.ok(SetupTwoFactorDocument);
    const secretKey = setup.setupTwoFactor.secret;
    await me.ok(EnableTwoFactorDocument, { code: await generate({ secret: secretKey }) });

    const page = await pages.open("supervisor");
    await page.goto(`${server.url}/painel`);
    await page.waitForURL(/\/entrar$/);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Senha").fill("senha-errada-123456");
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("E-mail ou senha inválidos");

    await page.getByLabel("Senha").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    const code = page.getByLabel("Código");
    await code.waitFor();
    // The step after the one enableTwoFactor used (accepted within the ±1 window).
    await code.fill(await generate({ secret: secretKey, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.waitForURL(/\/painel$/);
    await page.getByRole("heading", { name: "Painel" }).waitFor();

    const cookies = await page.context().cookies();
    const refresh = cookies.find((c) => c.name === "atende_refresh")!;
    expect(refresh).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/graphql" });
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(storage).toBe("{}{}");
    expect(await page.evaluate("document.cookie")).toBe("");

    await page.reload();
    await page.getByRole("heading", { name: "Painel" }).waitFor({ timeout: 10_000 });
    expect(page.url()).toMatch(/\/painel$/);

    await page.getByRole("button", { name: "Sair" }).click();
    await page.waitForURL(/\/entrar$/);
    await page.goto(`${server.url}/fila`);
    await page.waitForURL(/\/entrar$/);
    expect((await page.context().cookies()).find((c) => c.name === "atende_refresh")).toBeUndefined();
  });

  it("sign-up at /cadastro creates a company and lands in Administração; a queue of 40 renders only the rows on screen", async () => {
    const pages = pageTracker(browser);
    const page = await pages.open("cadastro");
    await page.goto(`${server.url}/cadastro`);
    await page.getByLabel("Nome da empresa").fill("Padaria Pão Quente");
    await page.getByLabel("Seu nome").fill("Joana Lima");
    await page.getByLabel("E-mail").fill(`joana.${Date.now()}@padaria.com.br`);
    await page.getByLabel("Senha").fill("uma frase longa e secreta 42");
    await page.getByRole("button", { name: "Criar conta" }).click();
    await page.waitForURL(/\/administracao$/);
    await page.getByRole("heading", { name: "Administração" }).waitFor();
    expect(await page.getByText("Joana Lima").count()).toBeGreaterThan(0);

    // Virtualised queue: 40 pending, a handful of rows in the DOM, the list scrolls to the last.
    for (let i = 0; i < 40; i++) await pendingHandoff(t, `Fila Longa ${String(i).padStart(2, "0")}`);
    const agent = await pages.open("agente-fila");
    await logInUi(agent, server.url, t.agent.email, PASSWORD);
    await agent.getByText("pessoas aguardando").filter({ hasText: /^4\d pessoas/ }).waitFor({ timeout: 15_000 });
    const rendered = await agent.getByRole("region", { name: "Fila" }).getByRole("listitem").count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(30);
    await agent.getByRole("region", { name: "Fila" }).evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await queueItem(agent, "Fila Longa 39").waitFor({ timeout: 5_000 });
  });

  it("tickets: filter, open, comment, change status, upload a document and watch its reading finish live", async () => {
    const { clientId } = await openSession(t.supervisor.client, "Rita Moraes");
    const ticket = (await t.supervisor.client.ok(CreateTicketDocument, { input: { clientId, channel: "WEB", subject: "Cobrança em dobro", message: "Fui cobrada duas vezes em novembro." } })).createTicket;
    const pages = pageTracker(browser);
    const page = await pages.open("supervisora-chamados");
    await logInUi(page, server.url, t.supervisor.email, PASSWORD);
    await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Chamados" }).click();
    await page.getByRole("link", { name: "Cobrança em dobro" }).waitFor();
    await page.getByLabel("Situação").selectOption("CLOSED");
    await expect.poll(() => page.getByRole("link", { name: "Cobrança em dobro" }).count()).toBe(0);
    await page.getByLabel("Situação").selectOption("");
    await page.getByRole("link", { name: "Cobrança em dobro" }).click();
    await page.waitForURL(new RegExp(`/chamados/${ticket.id}$`));

    await page.getByLabel("Comentário").fill("Estorno solicitado ao financeiro.");
    await page.getByRole("button", { name: "Comentar" }).click();
    await page.getByText("Estorno solicitado ao financeiro.").waitFor();
    await page.getByLabel("Situação").selectOption("RESOLVED");
    await expect.poll(async () => (await t.supervisor.client.ok(`query($id: ID!) { ticket(id: $id) { status } }`, { id: ticket.id })).ticket.status).toBe("RESOLVED");

    await page.getByLabel("Enviar documento").setInputFiles({ name: "comprovante.pdf", mimeType: "application/pdf", buffer: textPdf([{ text: "Comprovante de pagamento 123,45", x: 50, top: 80 }]) });
    const doc = page.locator(".docs li", { hasText: "comprovante.pdf" });
    await doc.waitFor({ timeout: 15_000 });
    // documentUpdated turns "Na fila" into "Lido" (or "Falhou") without a reload.
    await expect.poll(() => doc.locator(".badge").textContent(), { timeout: 60_000 }).toMatch(/^(Lido|Falhou)$/);
  });

  it("administration: users, settings with business hours and holidays, an API key shown once and revoked, logs and a data-subject request", async () => {
    const { clientId } = await openSession(t.supervisor.client, "Titular Teste");
    await t.supervisor.client.ok(RequestDataSubjectActionDocument, { input: { clientId, type: "DELETION", reason: "Quero que apaguem meus dados" } });
    const pages = pageTracker(browser);
    const page = await pages.open("admin-telas");
    await logInUi(page, server.url, t.admin.email, PASSWORD);
    const tabs = page.getByRole("navigation", { name: "Administração" });
    await page.goto(`${server.url}/administracao/usuarios`);
    await page.getByRole("cell", { name: "Bruno Agente" }).waitFor();
    const form = page.locator("form", { hasText: "Novo usuário" });
    await form.getByLabel("Nome").fill("Dora Nova");
    await form.getByLabel("E-mail").fill(`dora.${Date.now()}@exemplo.com.br`);
    await form.getByLabel("Senha inicial").fill("senha-bem-comprida-da-dora");
    await form.getByRole("button", { name: "Criar usuário" }).click();
    await page.getByRole("cell", { name: "Dora Nova" }).waitFor();

    await tabs.getByRole("link", { name: "Configurações" }).click();
    await page.getByLabel("Fuso horário").waitFor();
    await page.getByRole("button", { name: "Adicionar horário" }).click();
    await page.getByLabel("Feriados (AAAA-MM-DD, um por linha)").fill("2026-12-25");
    await page.getByLabel("Palavras que pedem um atendente (separadas por vírgula)").fill("atendente, humano");
    await page.getByRole("button", { name: "Salvar" }).click();
    await page.getByText("Configurações salvas.").waitFor();
    const saved = (await t.admin.client.ok(`{ tenantSettings { holidays handoffKeywords businessHours { weekday opens closes } } }`)).tenantSettings;
    expect(saved).toEqual({ holidays: ["2026-12-25"], handoffKeywords: ["atendente", "humano"], businessHours: [{ weekday: 1, opens: "08:00", closes: "18:00" }] });

    await tabs.getByRole("link", { name: "Chaves de API" }).click();
    await page.getByLabel("Nome da chave").fill("Integração BI");
    await page.getByRole("button", { name: "Criar chave" }).click();
    const shown = await page.locator(".once code").textContent({ timeout: 10_000 });
    expect(shown!.length).toBeGreaterThan(20);
    await page.getByRole("button", { name: "Já copiei" }).click();
    expect(await page.getByText(shown!).count()).toBe(0);
    await page.getByRole("listitem").filter({ hasText: "Integração BI" }).getByRole("button", { name: "Revogar" }).click();
    await expect.poll(() => page.getByRole("listitem").filter({ hasText: "Integração BI" }).count()).toBe(0);

    await tabs.getByRole("link", { name: "Auditoria" }).click();
    await page.getByRole("cell", { name: "tenant.created" }).first().waitFor();
    await tabs.getByRole("link", { name: "Acessos a dados" }).click();
    await page.getByRole("heading", { name: "Acessos a dados pessoais" }).waitFor();
    await tabs.getByRole("link", { name: "Solicitações LGPD" }).click();
    const row = page.getByRole("row").filter({ hasText: "Titular Teste" });
    await row.getByRole("button", { name: "Aprovar" }).click();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/Aprovada|Concluída/);
  });

  it("admin creates an inbox and sees its webhook URL; supervisor assigns a handoff; the dashboard renders its charts", async () => {
    const pages = pageTracker(browser);
    const admin = await pages.open("admin");
    await logInUi(admin, server.url, t.admin.email, PASSWORD);
    await admin.getByRole("link", { name: "Administração" }).click();
    await admin.getByLabel("Nome", { exact: true }).fill("Webhook do ERP");
    await admin.getByLabel("Provedor").selectOption("GENERIC_WEBHOOK");
    await admin.getByRole("button", { name: "Criar caixa" }).click();
    const url = await admin.getByTestId("webhook-url").textContent({ timeout: 15_000 });
    expect(url).toMatch(new RegExp(`^(${server.url}|http://[^/]+)/webhooks/generic/[\\w-]{20,}$`));
    await admin.getByRole("cell", { name: "Webhook do ERP" }).waitFor();

    // Agents see no admin screens.
    const agent = await pages.open("agente");
    await logInUi(agent, server.url, t.agent.email, PASSWORD);
    const nav = agent.getByRole("navigation", { name: "Principal" });
    expect(await nav.getByRole("link", { name: "Fila" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Administração" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "Painel" }).count()).toBe(0);

    const { handoffId } = await pendingHandoff(t, "Carla Dias", "Dúvida sobre a fatura");
    const sup = await pages.open("supervisor-painel");
    await logInUi(sup, server.url, t.supervisor.email, PASSWORD);
    await sup.getByRole("link", { name: "Painel" }).click();
    await sup.getByRole("heading", { name: "Painel" }).waitFor();
    await sup.locator(".chart canvas").first().waitFor({ timeout: 15_000 });
    expect(await sup.locator(".chart canvas").count()).toBeGreaterThanOrEqual(2);
    await sup.getByLabel("Agente para Carla Dias").selectOption({ label: "Alex Agente (Offline)" });
    await sup.getByRole("listitem").filter({ hasText: "Carla Dias" }).getByRole("button", { name: "Atribuir" }).click();
    const assigned = await waitFor(async () => (await t.agent.client.ok(HandoffQueueDocument)).handoffQueue.every((h) => h.id !== handoffId) || null, 10_000, "assigned");
    expect(assigned).toBe(true);
    await expect.poll(() => sup.getByRole("listitem").filter({ hasText: "Carla Dias" }).count(), { timeout: 10_000 }).toBe(0);
    expect(pages.dialogs).toEqual([]);
  });
});

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

run("console across a server restart (real process)", { timeout: 240_000 }, () => {
  let base: TestServer;
  let t: TestTenant;
  let proc: ServerProcess | undefined;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    base = await startTestServer();
    t = await createTenant(base);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await proc?.stop();
    await base?.close();
  });

  it("the banner shows while the server is down, the console reconnects and shows the handoff and the message sent meanwhile", async () => {
    const port = await freePort();
    const env = { ...base.env, PORT: String(port), LOG_LEVEL: "warn" };
    const ready = /"url":"(http:\/\/[^"/]+)(?:\/graphql)?"/;
    proc = await spawnServer({ ...env, LOG_LEVEL: "info" }, undefined, ready);
    const pages = pageTracker(browser);
    const page = await pages.open("agente", DESKTOP);
    await logInUi(page, proc.url, t.agent.email, PASSWORD);
    await page.locator("[data-connection=connected]").waitFor({ timeout: 10_000 });
    expect(await page.getByText("Reconectando…").count()).toBe(0);
    // A second window of the same agent with a conversation open.
    const { sessionId, handoffId } = await pendingHandoff(t, "Conversa Aberta");
    await t.agent.client.ok(ClaimHandoffDocument, { id: handoffId });
    const chat = await pages.open("agente-conversa", DESKTOP);
    await logInUi(chat, proc.url, t.agent.email, PASSWORD);
    await chat.goto(`${proc.url}/conversas/${sessionId}`);
    await chat.getByRole("textbox", { name: "Mensagem" }).waitFor();
    await chat.locator("[data-connection=connected]").waitFor({ timeout: 10_000 });

    await proc.stop();
    proc = undefined;
    const banner = page.getByRole("status").filter({ hasText: "Reconectando…" });
    await banner.waitFor({ timeout: 10_000 });

    await chat.getByRole("status").filter({ hasText: "Reconectando…" }).waitFor({ timeout: 10_000 });

    await pendingHandoff(t, "Durante Reinício");
    await say(t.supervisor.client, sessionId, "Mensagem enviada durante o reinício");
    proc = await spawnServer({ ...env, LOG_LEVEL: "info" }, undefined, ready);
    await banner.waitFor({ state: "detached", timeout: 30_000 });
    await queueItem(page, "Durante Reinício").waitFor({ timeout: 10_000 });
    await chat.locator(".msg.client", { hasText: "Mensagem enviada durante o reinício" }).waitFor({ timeout: 15_000 });
    expect(pages.dialogs).toEqual([]);
  });
});
