import { describe, expect, it } from "vitest";
import { CreateAiToolDocument, UpdateAiProviderDocument } from "./generated/graphql";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import type { TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;

run("AI provider and tool URLs refuse private addresses (SSRF guard on)", () => {
  let a: TestTenant;
  withTwoTenants((s) => ({ a } = s), { env: { ALLOW_PRIVATE_URLS: "false" } });

  const tool = (url: string) => ({ name: "consultar_pedido", description: "Consulta um pedido.", parametersSchema: { type: "object", properties: {} }, url });

  it.each(["http://127.0.0.1:8080/pedidos", "http://localhost/pedidos", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/erp", "http://[::1]:9000/x"])("refuses a tool at %s", async (url) => {
    const err = await a.admin.client.fail(CreateAiToolDocument, { input: tool(url) });
    expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
  });

  it("refuses a provider base URL on the local network (a tenant's Ollama needs the operator's allowance)", async () => {
    const err = await a.admin.client.fail(UpdateAiProviderDocument, { input: { kind: "OPENAI_COMPATIBLE", baseUrl: "http://192.168.0.10:11434/v1", triageModel: "llama3.1" } });
    expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "baseUrl" });
  });
});
