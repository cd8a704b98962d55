import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CreateTeamDocument, CreateTicketDocument, CreateLabelDocument, FollowUpsDocument, GrantConsentDocument, WebhookSubscriptionsDocument, HelpdeskHandoffsDocument, RequestHandoffDocument, SetSlaPolicyDocument, TeamsDocument } from "../generated/graphql";
import { browserSuite, ensureConsoleBuilt, launchChromium, logInUi, pageTracker, queueItem } from "../support/console";
import { openSession } from "../support/conversation";
import { startTestServer, type TestServer } from "../support/server";
import { createTenant, PASSWORD, type TestTenant } from "../support/tenant";
import { waitFor } from "../support/webhooks";

const run = browserSuite();

run("help-desk tools in the console (Chromium)", { timeout: 240_000 }, () => {
  let server: TestServer;
  let t: TestTenant;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startTestServer();
    t = await createTenant(server);
    // Generous targets: the countdown shows "faltam …" whatever the business hours.
    for (const priority of ["URGENT", "HIGH", "MEDIUM", "LOW"] as const) {
      await t.admin.client.ok(SetSlaPolicyDocument, { input: { priority, firstResponseMinutes: 600, resolutionMinutes: 2400 } });
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("admin creates a team (with a member) and a canned reply; the agent sees the SLA countdown, sends the reply with '/', labels the conversation and transfers it to the team", async () => {
    const pages = pageTracker(browser);
    const admin = await pages.open("admin");
    await logInUi(admin, server.url, t.admin.email, PASSWORD);

    // Equipes: create "Financeiro" and put Bruno (agent2) in it.
    await admin.getByRole("link", { name: "Administração" }).click();
    await admin.getByRole("link", { name: "Equipes" }).click();
    await admin.getByLabel("Nome da equipe").fill("Financeiro");
    await admin.getByRole("button", { name: "Criar equipe" }).click();
    const card = admin.getByRole("listitem", { name: "Equipe Financeiro" });
    await card.waitFor({ timeout: 10_000 });
    await card.getByRole("checkbox", { name: "Bruno Agente" }).check();
    await waitFor(async () => (await t.admin.client.ok(TeamsDocument)).teams.find((x) => x.name === "Financeiro" && x.members.some((m) => m.id === t.agent2.id)), 10_000, "team member");
    const team = (await t.admin.client.ok(TeamsDocument)).teams.find((x) => x.name === "Financeiro")!;

    // Respostas prontas: a company reply with variables.
    await admin.getByRole("link", { name: "Respostas prontas" }).click();
    await admin.getByLabel("Atalho").fill("/saudacao");
    await admin.getByLabel("Título").fill("Saudação");
    await admin.getByLabel("Texto da resposta").fill("Olá {{cliente.nome}}, aqui é {{atendente.nome}}.");
    await admin.getByRole("button", { name: "Criar resposta" }).click();
    await admin.getByRole("cell", { name: "/saudacao" }).waitFor({ timeout: 10_000 });

    await t.admin.client.ok(CreateLabelDocument, { input: { name: "Boleto", color: "#f79009" } });

    // A pending handoff with SLA due dates: the countdown shows in the agent's queue.
    const { sessionId } = await openSession(t.supervisor.client, "Carla Cliente");
    const handoffId = (await t.supervisor.client.ok(RequestHandoffDocument, { input: { sessionId, reason: "Segunda via do boleto" } })).requestHandoff.id;
    const pagesB = pageTracker(browser);
    const agent = await pages.open("agente");
    const bruno = await pagesB.open("bruno");
    await logInUi(agent, server.url, t.agent.email, PASSWORD);
    await logInUi(bruno, server.url, t.agent2.email, PASSWORD);
    const item = queueItem(agent, "Carla Cliente");
    await item.waitFor({ timeout: 10_000 });
    await expect.poll(() => item.textContent(), { timeout: 5_000 }).toMatch(/1ª resposta: faltam \d/);

    await item.getByRole("button", { name: "Assumir" }).click();
    await agent.waitForURL(/\/conversas\/[0-9a-f-]{36}$/);
    const timers = agent.getByRole("group", { name: "Prazos de SLA" });
    await expect.poll(() => timers.textContent(), { timeout: 10_000 }).toMatch(/1ª resposta: faltam \d.*Resolução: faltam \d/);

    // "/" opens the canned replies; typing filters; Enter sends it, rendered by the server.
    const box = agent.getByRole("textbox", { name: "Mensagem" });
    await box.fill("/sau");
    const list = agent.getByRole("listbox", { name: "Respostas prontas" });
    await list.getByRole("option", { name: /\/saudacao/ }).waitFor({ timeout: 10_000 });
    await box.press("ArrowDown");
    await box.press("Enter");
    await agent.locator(".msg.agent", { hasText: "Olá Carla Cliente, aqui é Alex Agente." }).waitFor({ timeout: 10_000 });
    expect(await agent.locator(".msg.agent", { hasText: "{{" }).count()).toBe(0);
    await expect.poll(() => list.count()).toBe(0);

    // Labels: the combobox "Etiquetas" adds a chip.
    const labels = agent.getByRole("combobox", { name: "Etiquetas" });
    await labels.fill("Boleto");
    await labels.press("Enter");
    await agent.getByRole("list", { name: "Etiquetas da conversa" }).getByText("Boleto").waitFor({ timeout: 10_000 });

    // Transfer to Financeiro: it leaves Alex (not a member) and shows up in Bruno's team queue.
    await agent.getByRole("button", { name: "Transferir" }).click();
    await agent.getByLabel("Destino").selectOption({ label: "Financeiro" });
    await agent.getByLabel("Nota da transferência").fill("Cliente quer negociar a dívida.");
    await agent.getByRole("button", { name: "Confirmar transferência" }).click();
    await agent.waitForURL(/\/fila$/);
    const brunoItem = queueItem(bruno, "Carla Cliente");
    await brunoItem.waitFor({ timeout: 10_000 });
    expect(await brunoItem.textContent()).toContain("Equipe Financeiro");
    await expect.poll(() => queueItem(agent, "Carla Cliente").count()).toBe(0);
    const after = (await t.supervisor.client.ok(HelpdeskHandoffsDocument, {})).handoffs.edges.map((e) => e.node).find((h) => h.id === handoffId);
    expect(after?.status).toBe("PENDING");
    expect(after?.team?.id).toBe(team.id);
    expect(pages.dialogs).toEqual([]);
  });

  it("a follow-up is scheduled and cancelled in the conversation; the Painel shows survey results; an admin creates a webhook and sees its secret once", async () => {
    const pages = pageTracker(browser);
    const sup = await pages.open("supervisora");
    await logInUi(sup, server.url, t.supervisor.email, PASSWORD);
    const { sessionId, clientId } = await openSession(t.supervisor.client, "Diego Cliente");
    // A follow-up is a proactive contact: it needs the client's consent.
    await t.supervisor.client.ok(GrantConsentDocument, { input: { clientId, purpose: "WHATSAPP_CONTACT", source: "web", text: "Aceito contato", textVersion: "v1" } });
    await t.supervisor.client.ok(RequestHandoffDocument, { input: { sessionId, reason: "Dúvida sobre o pagamento" } });
    await sup.goto(`${server.url}/conversas/${sessionId}`);
    await sup.getByText(/Retornos agendados \(0\)/).click();
    await sup.getByLabel("Texto do retorno").fill("Conseguiu pagar o boleto?");
    await sup.getByLabel("ou após silêncio do cliente (minutos)").fill("120");
    await sup.getByRole("button", { name: "Agendar retorno" }).click();
    await sup.getByText(/Retornos agendados \(1\)/).waitFor({ timeout: 10_000 });
    const scheduled = (await t.supervisor.client.ok(FollowUpsDocument, { sessionId })).followUps;
    expect(scheduled.map((f) => [f.status, f.text])).toEqual([["SCHEDULED", "Conseguiu pagar o boleto?"]]);
    await sup.getByRole("button", { name: "Cancelar retorno" }).click();
    await sup.getByText(/Retornos agendados \(0\)/).waitFor({ timeout: 10_000 });
    expect((await t.supervisor.client.ok(FollowUpsDocument, { sessionId })).followUps[0].status).toBe("CANCELLED");

    await sup.getByRole("link", { name: "Painel" }).click();
    const surveys = sup.getByRole("region", { name: "Pesquisas de satisfação" });
    await surveys.waitFor({ timeout: 10_000 });
    await expect.poll(() => surveys.textContent()).toMatch(/CSAT \(1 a 5\).*0 resposta\(s\).*NPS/);
    await sup.getByRole("region", { name: "Alertas de SLA" }).waitFor();

    const admin = await pages.open("admin");
    await logInUi(admin, server.url, t.admin.email, PASSWORD);
    await admin.goto(`${server.url}/administracao/webhooks`);
    await admin.getByLabel("URL de destino").fill("http://127.0.0.1:9/atende");
    await admin.getByRole("checkbox", { name: "ticket.created" }).check();
    await admin.getByRole("button", { name: "Criar webhook" }).click();
    const secret = admin.getByRole("status").filter({ hasText: "Segredo de assinatura" });
    await secret.waitFor({ timeout: 10_000 });
    expect((await secret.locator("code").textContent())?.length).toBeGreaterThan(10);
    const subs = (await t.admin.client.ok(WebhookSubscriptionsDocument)).webhookSubscriptions;
    expect(subs.map((w) => [w.url, w.events])).toEqual([["http://127.0.0.1:9/atende", ["ticket.created"]]]);
    expect(pages.dialogs).toEqual([]);
  });

  it("a ticket gets a team, a due date in the past and a label in its detail; the list shows them and filters by team, label and overdue", async () => {
    const team = (await t.admin.client.ok(CreateTeamDocument, { input: { name: "Cobrança" } })).createTeam;
    await t.admin.client.ok(CreateLabelDocument, { input: { name: "Estorno", color: "#12b76a" } });
    const { clientId } = await openSession(t.supervisor.client, "Elisa Cliente");
    await t.supervisor.client.ok(CreateTicketDocument, { input: { clientId, channel: "WEB", subject: "Cobrança em dobro no cartão", message: "Fui cobrada duas vezes." } });
    const pages = pageTracker(browser);
    const sup = await pages.open("supervisora");
    await logInUi(sup, server.url, t.supervisor.email, PASSWORD);
    await sup.getByRole("link", { name: "Chamados" }).click();
    await sup.getByRole("link", { name: "Cobrança em dobro no cartão" }).click();
    await sup.getByLabel("Equipe do chamado").selectOption({ label: "Cobrança" });
    await expect.poll(() => sup.getByLabel("Equipe do chamado").inputValue(), { timeout: 10_000 }).toBe(team.id);
    const due = sup.getByLabel("Prazo");
    await due.fill("2025-01-10T09:30");
    await due.blur();
    await sup.getByText(/Prazo: 10\/01\/2025/).waitFor({ timeout: 10_000 });
    await sup.getByRole("checkbox", { name: "Estorno" }).check();

    await sup.getByRole("link", { name: "Chamados" }).click();
    const row = sup.getByRole("row").filter({ hasText: "Cobrança em dobro no cartão" });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/Cobrança.*10\/01\/2025.*Estorno/);
    await sup.getByLabel("Equipe").selectOption({ label: "Cobrança" });
    await sup.getByLabel("Etiqueta").selectOption({ label: "Estorno" });
    await sup.getByRole("checkbox", { name: "Só atrasados" }).check();
    await expect.poll(() => sup.getByText(/\d+ chamado\(s\)/).textContent(), { timeout: 10_000 }).toBe("1 chamado(s)");
    await row.waitFor();
    expect(pages.dialogs).toEqual([]);
  });
});
