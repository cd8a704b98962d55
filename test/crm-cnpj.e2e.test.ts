import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CreateClientDocument, EnrichClientDocument, ExportClientDataDocument, LookupCnpjDocument } from "./generated/graphql";
import { sendJson, startFakeServer, type FakeHandler, type FakeServer } from "./support/fake-http-server";
import { hasPostgres, hasRedis } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";

const run = hasPostgres() && hasRedis() ? describe : describe.skip;

// Answers in the shapes the real public APIs use (BrasilAPI /api/cnpj/v1, ReceitaWS /v1/cnpj, CNPJá open /office).
const brasilApi = (cnpj: string) => ({
  cnpj, razao_social: "BANCO DO BRASIL SA", nome_fantasia: "DIRECAO GERAL", situacao_cadastral: 2, descricao_situacao_cadastral: "ATIVA", data_situacao_cadastral: "2005-11-03",
  identificador_matriz_filial: 1, descricao_identificador_matriz_filial: "MATRIZ", data_inicio_atividade: "1966-08-01", cnae_fiscal: 6422100,
  cnae_fiscal_descricao: "Bancos múltiplos, com carteira comercial", cnaes_secundarios: [{ codigo: 6499999, descricao: "Outras atividades de serviços financeiros" }, { codigo: 0, descricao: "" }],
  natureza_juridica: "Sociedade de Economia Mista", porte: "DEMAIS", capital_social: 120000000000, opcao_pelo_simples: false, opcao_pelo_mei: false,
  descricao_tipo_de_logradouro: "QUADRA", logradouro: "SAUN QUADRA 5 BLOCO B TORRE I, II, III", numero: "SN", complemento: "ANDAR T I", bairro: "ASA NORTE", cep: "70040912",
  municipio: "BRASILIA", uf: "DF", ddd_telefone_1: "6134939002", ddd_telefone_2: "", email: null,
  qsa: [{ nome_socio: "ALAN CARLOS GUEDES DE OLIVEIRA", qualificacao_socio: "Diretor", cnpj_cpf_do_socio: "***550179**", data_entrada_sociedade: "2023-05-17" }],
});
const receitaWs = (cnpj: string) => ({
  status: "OK", cnpj: `${cnpj.slice(0, 2)}.${cnpj.slice(2, 5)}.${cnpj.slice(5, 8)}/${cnpj.slice(8, 12)}-${cnpj.slice(12)}`, nome: "OPEN KNOWLEDGE BRASIL", fantasia: "REDE PELO CONHECIMENTO LIVRE",
  situacao: "ATIVA", data_situacao: "03/10/2013", abertura: "03/10/2013", tipo: "MATRIZ", porte: "DEMAIS", natureza_juridica: "399-9 - Associação Privada",
  atividade_principal: [{ code: "94.30-8-00", text: "Atividades de associações de defesa de direitos sociais" }], atividades_secundarias: [{ code: "00.00-0-00", text: "Não informada" }],
  qsa: [{ nome: "MARIA EXEMPLO DA SILVA", qual: "16-Presidente" }], logradouro: "AVENIDA PAULISTA", numero: "37", complemento: "ANDAR 4", municipio: "SAO PAULO", bairro: "BELA VISTA",
  uf: "SP", cep: "01.311-902", email: "contato@ok.org.br", telefone: "(11) 2385-1939", capital_social: "0.00", simples: { optante: false }, simei: { optante: false },
});
const cnpja = (cnpj: string) => ({
  taxId: cnpj, alias: "Loja Solar", founded: "2019-02-11", head: true, statusDate: "2019-02-11", status: { id: 2, text: "Ativa" },
  company: { name: "SOLAR DO VALE ENERGIA LTDA", equity: 150000, nature: { id: 2062, text: "Sociedade Empresária Limitada" }, size: { id: 3, acronym: "EPP", text: "Empresa de Pequeno Porte" },
    simples: { optant: true }, simei: { optant: false }, members: [{ since: "2019-02-11", person: { name: "JOANA VALE", type: "NATURAL" }, role: { id: 49, text: "Sócio-Administrador" } }] },
  address: { municipality: 3509502, street: "Rua das Palmeiras", number: "120", details: "Sala 3", district: "Centro", city: "Campinas", state: "SP", zip: "13010000" },
  phones: [{ area: "19", number: "32345678" }], emails: [{ address: "Contato@SolarDoVale.com.br", domain: "solardovale.com.br" }],
  mainActivity: { id: 4321500, text: "Instalação e manutenção elétrica" }, sideActivities: [{ id: 7112000, text: "Serviços de engenharia" }],
});

const cnpjOf = (path: string) => path.split("/").pop()!;

run("CRM: CNPJ lookup with fallback, circuit breaker and cache (fake BrasilAPI, ReceitaWS and CNPJá)", () => {
  let server: TestServer;
  let t: TestTenant;
  let other: TestTenant;
  let fakes: Record<"brasil" | "receita" | "cnpja", FakeServer>;
  const count = () => ({ brasil: fakes.brasil.requests.length, receita: fakes.receita.requests.length, cnpja: fakes.cnpja.requests.length });
  const ok = (body: (cnpj: string) => unknown): FakeHandler => (req, res) => sendJson(res, 200, body(cnpjOf(req.path)));
  const down: FakeHandler = (_req, res) => sendJson(res, 503, { message: "indisponível" });
  const lookup = (cnpj: string) => t.agent.client.ok(LookupCnpjDocument, { cnpj }).then((r) => r.lookupCnpj);

  beforeAll(async () => {
    fakes = { brasil: await startFakeServer(), receita: await startFakeServer(), cnpja: await startFakeServer() };
    server = await startTestServer({
      redis: true,
      env: {
        CNPJ_SOURCES: `brasilapi=${fakes.brasil.url}/api/cnpj/v1,receitaws=${fakes.receita.url}/v1/cnpj,cnpja=${fakes.cnpja.url}/office`,
        CNPJ_TIMEOUT_MS: "300",
        CNPJ_CACHE_HOURS: "24",
      },
    });
    t = await createTenant(server);
    other = await createTenant(server);
  });
  beforeEach(() => {
    server.app.services.cnpj.resetHealth();
    fakes.brasil.handle(ok(brasilApi));
    fakes.receita.handle(ok(receitaWs));
    fakes.cnpja.handle(ok(cnpja));
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all(Object.values(fakes ?? {}).map((f) => f.close()));
  });

  it("asks BrasilAPI first and normalises its answer", async () => {
    const before = count();
    const c = await lookup("00.000.000/0001-91");
    expect(c).toMatchObject({
      cnpj: "00000000000191", legalName: "BANCO DO BRASIL SA", tradeName: "DIRECAO GERAL", status: "ATIVA", openedOn: "1966-08-01", headquarters: true, simples: false,
      mainActivity: { code: "6422100", description: "Bancos múltiplos, com carteira comercial" }, secondaryActivities: [{ code: "6499999" }],
      address: { street: "QUADRA SAUN QUADRA 5 BLOCO B TORRE I, II, III", number: "SN", district: "ASA NORTE", city: "BRASILIA", state: "DF", postalCode: "70040912" },
      phones: ["6134939002"], email: null, partners: [{ name: "ALAN CARLOS GUEDES DE OLIVEIRA", role: "Diretor", since: "2023-05-17" }], source: "brasilapi", stale: false,
    });
    expect(fakes.brasil.requests.at(-1)!.path).toBe("/api/cnpj/v1/00000000000191");
    expect(count()).toEqual({ ...before, brasil: before.brasil + 1 });
  });

  it("falls back past a source that is down and one that rate-limits (which then rests for its Retry-After), and caches the answer", async () => {
    fakes.brasil.handle(down);
    fakes.receita.handle((_req, res) => sendJson(res, 429, { status: "ERROR", message: "Too many requests" }, { "retry-after": "120" }));
    const before = count();
    const c = await lookup("19131243000197");
    expect(c).toMatchObject({ source: "cnpja", legalName: "SOLAR DO VALE ENERGIA LTDA", tradeName: "Loja Solar", status: "ATIVA", size: "Empresa de Pequeno Porte", simples: true, email: "contato@solardovale.com.br", phones: ["1932345678"] });
    expect(c.partners).toEqual([{ name: "JOANA VALE", role: "Sócio-Administrador", since: "2019-02-11" }]);
    expect(count()).toEqual({ brasil: before.brasil + 1, receita: before.receita + 1, cnpja: before.cnpja + 1 });

    // Cache hit: Redis answers, no source is called; the entry carries the freshness window as TTL.
    expect(await lookup("19.131.243/0001-97")).toMatchObject({ source: "cnpja", fetchedAt: c.fetchedAt });
    expect(count()).toEqual({ brasil: before.brasil + 1, receita: before.receita + 1, cnpja: before.cnpja + 1 });
    const redis = server.app.services.infra.redis!;
    const key = `${server.env.REDIS_PREFIX}:cnpj:19131243000197`;
    expect(await redis.pttl(key)).toBeGreaterThan(23 * 3_600_000);
    // Without Redis' copy, Postgres answers (and refills Redis).
    await redis.del(key);
    expect((await lookup("19131243000197")).fetchedAt).toBe(c.fetchedAt);
    expect(await redis.exists(key)).toBe(1);
    expect(count().cnpja).toBe(before.cnpja + 1);

    // Another CNPJ right after: ReceitaWS still rests (Retry-After 120 s) and is not called.
    const next = await lookup("11.222.333/0001-81");
    expect(next.source).toBe("cnpja");
    expect(count().receita).toBe(before.receita + 1);
  });

  it("skips a source that hangs past CNPJ_TIMEOUT_MS, and stops calling one whose circuit opened", async () => {
    fakes.brasil.handle(async (req, res) => {
      await new Promise((r) => setTimeout(r, 1_500));
      if (!res.destroyed) sendJson(res, 200, brasilApi(cnpjOf(req.path)));
    });
    const r1 = await lookup("27.865.757/0001-02");
    expect(r1).toMatchObject({ source: "receitaws", legalName: "OPEN KNOWLEDGE BRASIL", legalNature: "Associação Privada", openedOn: "2013-10-03", mainActivity: { code: "9430800" }, secondaryActivities: [] });
    expect(r1.partners).toEqual([{ name: "MARIA EXEMPLO DA SILVA", role: "Presidente", since: null }]);
    expect(r1.address).toMatchObject({ postalCode: "01311902", city: "SAO PAULO" });
    // Two more failures (3 in a row) open BrasilAPI's circuit; the next lookups do not call it at all.
    fakes.brasil.handle(down);
    await lookup("33.000.167/0001-01");
    await lookup("60.746.948/0001-12");
    const brasilCalls = count().brasil;
    fakes.brasil.handle(ok(brasilApi));
    expect((await lookup("61.198.164/0001-60")).source).toBe("receitaws");
    expect(count().brasil).toBe(brasilCalls);
  });

  it("refuses an invalid CNPJ (check digits) or a CPF before any call", async () => {
    const before = count();
    for (const bad of ["00.000.000/0001-00", "123", "11111111111111", ""]) {
      expect((await t.agent.client.fail(LookupCnpjDocument, { cnpj: bad })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "cnpj" });
    }
    expect((await t.agent.client.fail(LookupCnpjDocument, { cnpj: "529.982.247-25" })).message).toMatch(/CPF/);
    expect(count()).toEqual(before);
  });

  it("says NOT_FOUND when the sources do not know the CNPJ, and RATE_LIMITED when none answers", async () => {
    fakes.brasil.handle((_req, res) => sendJson(res, 404, { message: "CNPJ 04.252.011/0001-10 não encontrado.", type: "not_found", name: "NotFoundError" }));
    fakes.receita.handle((_req, res) => sendJson(res, 200, { status: "ERROR", message: "CNPJ rejeitado pela Receita Federal" }));
    fakes.cnpja.handle((_req, res) => sendJson(res, 404, { code: 404, message: "office not found" }));
    expect((await t.agent.client.fail(LookupCnpjDocument, { cnpj: "04.252.011/0001-10" })).extensions?.code).toBe("NOT_FOUND");
    for (const f of Object.values(fakes)) f.handle(down);
    const err = await t.agent.client.fail(LookupCnpjDocument, { cnpj: "07.526.557/0001-00" });
    expect(err.extensions).toMatchObject({ code: "RATE_LIMITED", reason: "CNPJ_SOURCES_UNAVAILABLE" });
  });

  it("serves a stale cache entry when every source is down", async () => {
    const fresh = await lookup("45.997.418/0001-53");
    await server.app.ds.query(`UPDATE cnpj_registrations SET fetched_at = now() - interval '30 days' WHERE cnpj = '45997418000153'`);
    await server.app.services.infra.redis!.del(`${server.env.REDIS_PREFIX}:cnpj:45997418000153`);
    for (const f of Object.values(fakes)) f.handle(down);
    expect(await lookup("45997418000153")).toMatchObject({ legalName: fresh.legalName, stale: true });
  });

  it("enrichClient fills a company client from its CNPJ (only what is missing) and the data is exported and erased with the client", async () => {
    fakes.brasil.handle(down);
    const { createClient } = await t.agent.client.ok(CreateClientDocument, { input: { name: "34.238.864/0001-68", document: "34.238.864/0001-68" } });
    const enriched = (await t.agent.client.ok(EnrichClientDocument, { clientId: createClient.id })).enrichClient;
    expect(enriched).toMatchObject({ name: "REDE PELO CONHECIMENTO LIVRE", email: "contato@ok.org.br", phone: "+551123851939", company: { cnpj: "34238864000168", legalName: "OPEN KNOWLEDGE BRASIL", source: "receitaws" } });
    // A named client with contacts keeps them.
    const named = (await t.agent.client.ok(CreateClientDocument, { input: { name: "Minha Empresa", email: "eu@minha.com.br", document: "12.345.678/0001-95" } })).createClient;
    const kept = (await t.agent.client.ok(EnrichClientDocument, { clientId: named.id })).enrichClient;
    expect(kept).toMatchObject({ name: "Minha Empresa", email: "eu@minha.com.br", phone: null, company: { legalName: "OPEN KNOWLEDGE BRASIL" } });

    const person = (await t.agent.client.ok(CreateClientDocument, { input: { name: "Pessoa Física", document: "529.982.247-25" } })).createClient;
    expect((await t.agent.client.fail(EnrichClientDocument, { clientId: person.id })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "clientId" });
    expect((await other.agent.client.fail(EnrichClientDocument, { clientId: createClient.id })).extensions?.code).toBe("NOT_FOUND");

    const exported = (await t.admin.client.ok(ExportClientDataDocument, { clientId: createClient.id })).exportClientData;
    expect(exported.data.crm.company.legalName).toBe("OPEN KNOWLEDGE BRASIL");
    await server.app.services.personalData.erasersInOrder().find((e) => e.name === "crm")!.erase(server.app.ds.manager, t.id, createClient.id, { tenantId: t.id, clientId: createClient.id, requestId: "x", afterErase: [] });
    const [row] = await server.app.ds.query(`SELECT company FROM clients WHERE id = $1`, [createClient.id]);
    expect(row.company).toBeNull();
  });
});
