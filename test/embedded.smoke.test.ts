import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LogInDocument, MeDocument, SignUpDocument } from "./generated/graphql";
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
      expect((await server.client(s.signUp.accessToken).ok(MeDocument)).me.email).toBe(email);
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
