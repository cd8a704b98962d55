import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AiUsageDocument, CreateArticleDocument, DeleteArticleDocument, SearchArticlesDocument, UpdateAiProviderDocument, UpdateArticleDocument } from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { completion, startFakeOpenAi, type OpenAiHandler } from "./support/fake-openai";
import { pollUntil } from "./support/lgpd";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;

const TROCAS = {
  title: "Política de trocas e devoluções",
  body: "## Prazo\n\nVocê pode trocar ou devolver qualquer produto em até **7 dias** após o recebimento, sem custo.\n\n## Como pedir\n\nAcesse *Meus pedidos*, escolha o item e toque em [Solicitar troca](https://loja.exemplo/trocas). A coleta é agendada por e-mail.",
  tags: ["Trocas", "devolução"],
  url: "https://loja.exemplo/ajuda/trocas",
};
const PAGAMENTO = { title: "Pagamento com cartão, Pix e boleto", body: "Aceitamos cartões de crédito das principais bandeiras em até 10 vezes sem juros.\n\nNo Pix a confirmação é imediata; o boleto compensa em até 2 dias úteis.", tags: ["pagamento"] };
const ENTREGA = { title: "Prazos de entrega", body: "Entregamos em todo o Brasil. Nas capitais, de 2 a 5 dias úteis; no interior, de 4 a 10 dias úteis.", tags: ["frete", "entregas"] };
const RASCUNHO = { title: "Rascunho: trocas no Natal", body: "Trocas de presentes de Natal até 31 de janeiro.", published: false };

/** Bag-of-words vectors over a tiny vocabulary with synonyms, so similarity means shared meaning. */
const CONCEPTS: Record<string, number> = { expediente: 0, funcionamento: 0, horario: 0, abrimos: 0, aberto: 0, troca: 1, trocas: 1, devolver: 1, entrega: 2, entregamos: 2, frete: 2, pagamento: 3, pix: 3, cartao: 3 };
const embed = (text: string) => {
  const v = new Array(8).fill(0.01);
  for (const w of text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").split(/\W+/)) if (w in CONCEPTS) v[CONCEPTS[w]!] += 1;
  return v;
};

run("knowledge base: Portuguese search, offline answers from articles, LLM answers that cite them", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
  const ids: Record<string, string> = {};
  const system = (body: Parameters<OpenAiHandler>[0]) => String(body.messages[0]?.content ?? "");
  const lastUser = (body: Parameters<OpenAiHandler>[0]) => String(body.messages.filter((m) => m.role === "user").at(-1)?.content ?? "");
  const triage = (intent: string) => completion({ content: JSON.stringify({ intent, priority: "LOW", needsHuman: false, confidence: 0.95, response: null }) });

  beforeAll(async () => {
    fake = await startFakeOpenAi(() => triage("product_info"));
    fake.setEmbedder(embed);
  });
  withTwoTenants(async (s) => {
    ({ server, a, b } = s);
    for (const [k, input] of Object.entries({ TROCAS, PAGAMENTO, ENTREGA, RASCUNHO })) ids[k] = (await a.admin.client.ok(CreateArticleDocument, { input })).createArticle.id;
    await b.admin.client.ok(UpdateAiProviderDocument, { input: { kind: "OPENAI_COMPATIBLE", baseUrl: fake.baseUrl, triageModel: "m-triagem", replyModel: "m-resposta", embeddingModel: "emb-1", timeoutMs: 3000 } });
  });
  afterAll(async () => fake?.close());

  const search = async (t: TestTenant, q: string, first = 10, after?: string) => (await t.agent.client.ok(SearchArticlesDocument, { search: q, first, after })).articles;
  const titles = async (t: TestTenant, q: string) => (await search(t, q)).edges.map((e) => e.node.title);

  it("manages articles with validation by field and tenant isolation", async () => {
    const created = (await a.admin.client.ok(CreateArticleDocument, { input: { title: "  Horário  ", body: "Das 9h às 18h.", tags: ["Loja", "loja", " horário "] } })).createArticle;
    expect(created).toMatchObject({ title: "Horário", tags: ["loja", "horário"], published: true, url: null });
    const updated = (await a.admin.client.ok(UpdateArticleDocument, { id: created.id, input: { title: "Horário da loja", body: "Das 8h às 20h.", published: false } })).updateArticle;
    expect(updated).toMatchObject({ title: "Horário da loja", body: "Das 8h às 20h.", published: false, tags: [] });
    expect((await a.admin.client.fail(CreateArticleDocument, { input: { title: " ", body: "x" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "title" });
    expect((await a.admin.client.fail(CreateArticleDocument, { input: { title: "x", body: "y", url: "javascript:alert(1)" } })).extensions).toMatchObject({ field: "url" });
    expect((await b.admin.client.fail(UpdateArticleDocument, { id: created.id, input: { title: "x", body: "y" } })).extensions!.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(DeleteArticleDocument, { id: created.id })).extensions!.code).toBe("NOT_FOUND");
    expect((await a.agent.client.fail(DeleteArticleDocument, { id: created.id })).extensions!.code).toBe("FORBIDDEN");
    expect((await a.admin.client.ok(DeleteArticleDocument, { id: created.id })).deleteArticle).toBe(true);
    expect(await titles(a, "horário")).toEqual([]);
  });

  it("finds articles in Portuguese whatever the accents and plurals, ranked, page by page", async () => {
    expect(await titles(a, "devolucao")).toEqual([TROCAS.title]);
    expect(await titles(a, "DEVOLUÇÕES")).toEqual([TROCAS.title]);
    expect(await titles(a, "cartão")).toEqual([PAGAMENTO.title]); // the body says "cartões"
    expect(await titles(a, "entregas")).toEqual([ENTREGA.title]);
    expect(await titles(a, "prazo entrega")).toEqual([ENTREGA.title]);
    // The title weighs more than the body: both mention "trocas", the titled one first.
    expect((await titles(a, "trocas")).slice(0, 2)).toEqual([TROCAS.title, RASCUNHO.title]);
    expect(await titles(b, "trocas")).toEqual([]);

    const p1 = await search(a, "dias", 1);
    expect(p1.totalCount).toBe(3);
    const p2 = await search(a, "dias", 1, p1.pageInfo.endCursor!);
    const p3 = await search(a, "dias", 5, p2.pageInfo.endCursor!);
    const seen = [...p1.edges, ...p2.edges, ...p3.edges].map((e) => e.node.id);
    expect(new Set(seen).size).toBe(3);
    expect(p3.pageInfo.hasNextPage).toBe(false);
    expect((await a.agent.client.fail(SearchArticlesDocument, { search: "dias", after: "lixo" })).extensions).toMatchObject({ field: "after" });
  });

  it("offline, answers a question an article covers with its most relevant passage and the source", async () => {
    const { sessionId } = await openSession(a.agent.client, "Cliente KB");
    const r = await say(a.integrator, sessionId, "como funciona a política de trocas?");
    expect(r.handoff).toBeNull();
    expect(r.reply!.text).toContain("7 dias");
    expect(r.reply!.text).not.toMatch(/\*\*|##/);
    expect(r.reply!.text).toContain(`Fonte: ${TROCAS.title} — ${TROCAS.url}`);
    const r2 = await say(a.integrator, sessionId, "vocês aceitam cartão de crédito?");
    expect(r2.reply!.text).toContain("10 vezes sem juros");
    expect(r2.reply!.text).toContain(`Fonte: ${PAGAMENTO.title}`);
    // Nothing covers opening hours: the generic answer, no invented facts.
    const r3 = await say(a.integrator, sessionId, "qual o horário de funcionamento da loja?");
    expect(r3.reply!.text).not.toContain("Fonte:");
  });

  it("with an LLM, gives the top articles as context; the answer cites them, and an answer from outside them goes to a person", async () => {
    for (const input of [TROCAS, ENTREGA]) await b.admin.client.ok(CreateArticleDocument, { input: { ...input, title: `${input.title} (B)` } });
    const hours = (await b.admin.client.ok(CreateArticleDocument, { input: { title: "Funcionamento", body: "Abrimos de segunda a sábado, das 9h às 18h." } })).createArticle;
    // Embeddings are computed in a job; wait for them.
    await pollUntil(async () => (await server.app.ds.query(`SELECT count(*)::int AS n FROM articles WHERE tenant_id = $1 AND embedding IS NOT NULL AND embedding_model = 'emb-1'`, [b.id]))[0].n === 3, 30_000);

    let context = "";
    fake.setHandler((body) => {
      if (!body.tools) return triage("product_info");
      context = system(body);
      if (/trocar/.test(lastUser(body))) return completion({ content: "Você pode trocar em até 7 dias após o recebimento [1]." });
      if (/expediente/.test(lastUser(body))) return completion({ content: `Funcionamos de segunda a sábado, das 9h às 18h [${/\[(\d)\] Funcionamento/.exec(system(body))?.[1]}].` });
      return completion({ content: "Sim, entregamos em Fernando de Noronha em 1 dia." });
    });
    const { sessionId } = await openSession(b.agent.client, "Cliente LLM");
    const r = await say(b.integrator, sessionId, "em quantos dias posso trocar um produto?");
    expect(context).toContain(`[1] ${TROCAS.title} (B)`);
    expect(r.reply!.text).toBe(`Você pode trocar em até 7 dias após o recebimento.\n\nFonte: ${TROCAS.title} (B) — ${TROCAS.url}`);
    expect(r.handoff).toBeNull();

    // Found by meaning only (no shared word with the article): the embeddings bring it in.
    const r2 = await say(b.integrator, sessionId, "qual o expediente de vocês?");
    expect(context).toContain("Funcionamento");
    expect(r2.reply!.text).toContain(`Fonte: ${hours.title}`);

    const { sessionId: s2 } = await openSession(b.agent.client, "Pergunta sem artigo");
    const r3 = await say(b.integrator, s2, "vocês entregam em Fernando de Noronha?");
    expect(r3.handoff).toMatchObject({ status: "PENDING", reason: "Pergunta sem resposta na base de conhecimento" });
    expect(r3.reply!.text).not.toContain("Noronha");
    const usage = (await b.admin.client.ok(AiUsageDocument, {})).aiUsage;
    expect(usage.find((u) => u.purpose === "embedding")).toMatchObject({ model: "emb-1", providerKind: "OPENAI_COMPATIBLE" });
    expect(usage.find((u) => u.purpose === "embedding")!.calls).toBeGreaterThanOrEqual(5);
  });
});
