import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignUpDocument } from "./generated/graphql";
import { startSmtpSink, type SmtpSink } from "./support/mail-servers";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, PASSWORD, uniqueEmail, type TestTenant } from "./support/tenant";
import { waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;

/** Issue 20 #12: sign-up answers the same either way; the owner of a taken address hears of it by e-mail. */
run("platform mail (PLATFORM_SMTP_URL)", () => {
  let smtp: SmtpSink;
  let server: TestServer;
  let t: TestTenant;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startTestServer({ env: { PLATFORM_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PLATFORM_MAIL_FROM: "Atende <nao-responda@atende.test>" } });
    t = await createTenant(server);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it("tells the owner of a taken address that someone tried to sign up with it; a new address gets no such mail", async () => {
    const taken = await server.client().raw(SignUpDocument, { input: { tenantName: "Outra Loja", name: "Alguém", email: t.admin.email, password: PASSWORD } });
    expect(taken.errors).toBeUndefined();
    const mail = await waitFor(async () => smtp.mails.find((m) => m.envelopeTo.includes(t.admin.email.toLowerCase())), 15_000, "notice to the owner");
    expect(mail.subject).toBe("Tentativa de cadastro no Atende");
    expect(mail.text).toContain("já tem uma conta");
    expect(mail.from?.text).toContain("nao-responda@atende.test");
    const fresh = uniqueEmail("nova");
    await server.client().ok(SignUpDocument, { input: { tenantName: "Loja Nova", name: "Nova Pessoa", email: fresh, password: PASSWORD } });
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.mails.filter((m) => m.envelopeTo.includes(fresh.toLowerCase()))).toHaveLength(0);
  });
});
