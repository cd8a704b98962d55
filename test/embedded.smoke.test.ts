import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CreateArticleDocument, CreateClientDocument, LogInDocument, MeDocument, SearchArticlesDocument, SignUpDocument, StartSessionDocument, SubmitClientMessageDocument } from "./generated/graphql";
import { startTestServer } from "./support/server";
import { PASSWORD, uniqueEmail } from "./support/tenant";

/** The default `npm start` path: PGlite in DATA_DIR, in-process events and jobs. */
describe("embedded mode (PGlite) smoke", () => {
  it("serves GraphQL on PGlite and keeps data across a restart", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-pglite-"));
    const email = uniqueEmail("pglite");
    const env = { JWT_SECRET: "", ENCRYPTION_KEY: "" }; // generated and kept in DATA_DIR
    let server = await startTestServer({ database: "pglite", dataDir, env });
    try {
      const s = await server.client().ok(SignUpDocument, { input: { tenantName: "Padaria", name: "Paula", email, password: PASSWORD } });
      const admin = server.client(s.signUp.accessToken);
      expect((await admin.ok(MeDocument)).me.email).toBe(email);
      // Portuguese full-text search and answers from articles run on PGlite too.
      await admin.ok(CreateArticleDocument, { input: { title: "Política de trocas e devoluções", body: "Trocas e devoluções em até 7 dias após o recebimento." } });
      const found = await admin.ok(SearchArticlesDocument, { search: "DEVOLUCAO" });
      expect(found.articles.edges.map((e) => e.node.title)).toEqual(["Política de trocas e devoluções"]);
      const clientId = (await admin.ok(CreateClientDocument, { input: { name: "Cliente" } })).createClient.id;
      const sessionId = (await admin.ok(StartSessionDocument, { input: { clientId, channel: "WEB" } })).startSession.id;
      const r = await admin.ok(SubmitClientMessageDocument, { input: { sessionId, text: "como funciona a política de trocas?" } });
      expect(r.submitClientMessage.reply!.text).toContain("Fonte: Política de trocas e devoluções");
    } finally {
      await server.close();
    }
    server = await startTestServer({ database: "pglite", dataDir, env });
    try {
      const l = await server.client().ok(LogInDocument, { input: { email, password: PASSWORD } });
      expect(l.logIn.user.tenant.name).toBe("Padaria");
      expect(fs.existsSync(path.join(dataDir, "pg"))).toBe(true);
    } finally {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
