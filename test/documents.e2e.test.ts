import fs from "node:fs";
import path from "node:path";
import { print } from "graphql";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../src/context";
import { normalizeName } from "../src/services/documents/extract/br-format";
import type { ErasureRun } from "../src/services/privacy/registry";
import {
  CreateClientDocument, CreateTicketDocument, GetDocumentDocument, OnDocumentUpdatedDocument, TicketDocumentsDocument, UploadDocumentDocument,
  type DocumentPartsFragment, type OnDocumentUpdatedSubscription,
} from "./generated/graphql";
import { JOBS } from "../src/modules";
import { newStorageKey } from "../src/infra/storage";
import { openSession, say } from "./support/conversation";
import { Subscription, wsClient } from "./support/gql";
import { pollUntil, serviceContext } from "./support/lgpd";
import { imagePdf, textPdf } from "./support/minimal-pdf";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { withTwoTenants } from "./support/suite";

const run = hasPostgres() ? describe : describe.skip;

const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/documents/dev");
const fixture = (id: string) => ({
  image: fs.readFileSync(path.join(FIXTURES, `${id}.png`)),
  truth: JSON.parse(fs.readFileSync(path.join(FIXTURES, `${id}.json`), "utf8")).fields as Record<string, string | number>,
});
const norm = (v: unknown) => (typeof v === "string" ? normalizeName(v) : v);
const OCR_WAIT_MS = 90_000;

/** A digital payslip (PDF with a text layer). */
const payslipPdf = (name: string) =>
  textPdf([
    { text: "DEMONSTRATIVO DE PAGAMENTO", x: 40, top: 40, size: 14 },
    { text: `Funcionário: ${name}`, x: 40, top: 80 },
    { text: "CPF: 533.947.843-27", x: 330, top: 80 },
    { text: "Cargo: ANALISTA FINANCEIRO", x: 40, top: 100 },
    { text: "Competência: Março/2026", x: 330, top: 100 },
    { text: "Total de Vencimentos", x: 40, top: 140 },
    { text: "Total de Descontos", x: 220, top: 140 },
    { text: "Líquido a Receber", x: 400, top: 140 },
    { text: "3.612,40", x: 40, top: 156 },
    { text: "612,40", x: 220, top: 156 },
    { text: "3.000,00", x: 400, top: 156 },
  ]);

interface UploadResponse { status: number; data?: { uploadDocument: DocumentPartsFragment } | null; errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>; raw?: string }

/** A GraphQL multipart request (operations + map + file), built by hand as a browser would. */
async function upload(
  server: TestServer,
  token: string,
  file: { data: Buffer; name: string; type?: string },
  input: { kind: string; clientId?: string | null; ticketId?: string | null },
  headers: Record<string, string> = { "apollo-require-preflight": "true" },
): Promise<UploadResponse> {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query: print(UploadDocumentDocument), variables: { file: null, input } }));
  form.append("map", JSON.stringify({ 0: ["variables.file"] }));
  form.append("0", new Blob([new Uint8Array(file.data)], { type: file.type ?? "application/octet-stream" }), file.name);
  const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { authorization: `Bearer ${token}`, ...headers }, body: form });
  const text = await res.text();
  try {
    return { status: res.status, ...(JSON.parse(text) as object) };
  } catch {
    return { status: res.status, raw: text };
  }
}

const countDocuments = async (server: TestServer) => Number((await server.app.ds.query(`SELECT count(*)::int AS n FROM documents`))[0].n);
const storedFiles = (server: TestServer) => {
  const dir = path.join(server.dataDir, "files");
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
};

async function waitDone(t: TestTenant, id: string): Promise<DocumentPartsFragment> {
  return pollUntil(async () => {
    const d = (await t.agent.client.ok(GetDocumentDocument, { id })).document!;
    return d.ocrStatus === "DONE" || d.ocrStatus === "FAILED" ? d : null;
  }, OCR_WAIT_MS, 500);
}

run("documents (upload, OCR job, ticket comment)", { timeout: 240_000 }, () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let clientId: string;
  let ticketId: string;
  withTwoTenants(async (s) => {
    ({ server, a, b } = s);
    clientId = (await a.agent.client.ok(CreateClientDocument, { input: { name: "Simone Helena Oliveira", phone: "(11) 98765-4321" } })).createClient.id;
    ticketId = (await a.agent.client.ok(CreateTicketDocument, { input: { clientId, channel: "WHATSAPP", message: "Auditoria da folha: segue o holerite de fevereiro para conferência dos descontos" } })).createTicket.id;
  }, { env: { OCR_WORKERS: "1" } });

  it("uploads a payslip image to a ticket: PENDING at once, then DONE with the fields and a system comment", async () => {
    const { image, truth } = fixture("payslip-01");
    const r = await upload(server, a.agent.token, { data: image, name: "../../holerite fev.png", type: "image/png" }, { kind: "PAYSLIP", ticketId });
    expect(r.errors).toBeUndefined();
    const created = r.data!.uploadDocument;
    expect(created).toMatchObject({ ocrStatus: "PENDING", kind: "PAYSLIP", mimeType: "image/png", size: image.length, ocrText: null, fields: null });
    expect(created.filename).toBe("holerite fev.png"); // no path from the client

    const done = await waitDone(a, created.id);
    expect(done.ocrStatus).toBe("DONE");
    expect(done.ocrConfidence).toBeGreaterThan(0.6);
    for (const [field, want] of Object.entries(truth)) expect(norm(done.fields[field]), field).toEqual(norm(want));

    const t = (await a.agent.client.ok(TicketDocumentsDocument, { id: ticketId })).ticket!;
    expect(t.documents.map((d) => d.id)).toEqual([created.id]);
    const comment = t.comments.find((c) => c.system && c.text.includes("holerite"))!;
    expect(comment.text).toContain("R$ 8.447,37"); // grossPay
    expect(comment.text).toContain("R$ 5.799,06"); // netPay
    expect(comment.text).toContain("***.124.521-**"); // masked CPF 453.124.521-06
    expect(comment.text).not.toContain("453.124.521-06");
    expect(comment.text).toContain("02/2025");
    expect(comment.text).toMatch(/Confiança da leitura: \d+%/);

    // The document belongs to the ticket's client, and reading it is access-logged.
    const row = (await server.app.ds.query(`SELECT client_id, storage_key FROM documents WHERE id = $1`, [created.id]))[0];
    expect(row.client_id).toBe(clientId);
    expect(row.storage_key).toMatch(new RegExp(`^${a.id}/documents/\\d{4}/\\d{2}/[0-9a-f-]{36}\\.png$`));
    const logs = await server.app.ds.query(`SELECT action FROM data_access_logs WHERE client_id = $1 AND action = 'document.read'`, [clientId]);
    expect(logs.length).toBeGreaterThan(0);
  });

  it("reads a PDF text layer and notifies documentUpdated subscribers", async () => {
    const ws = wsClient(server.url, { token: a.supervisor.token });
    const sub = new Subscription<OnDocumentUpdatedSubscription>(ws, OnDocumentUpdatedDocument, {});
    const other = wsClient(server.url, { token: b.admin.token });
    const otherSub = new Subscription<OnDocumentUpdatedSubscription>(other, OnDocumentUpdatedDocument, {});
    try {
      await Promise.all([sub.ready, otherSub.ready]);
      const pdf = payslipPdf("JOÃO CARLOS DA SILVA");
      const r = await upload(server, a.agent.token, { data: pdf, name: "holerite.pdf", type: "application/pdf" }, { kind: "PAYSLIP", clientId });
      expect(r.errors).toBeUndefined();
      const id = r.data!.uploadDocument.id;
      const event = (await sub.next(OCR_WAIT_MS)).documentUpdated;
      expect(event).toMatchObject({ id, ocrStatus: "DONE", ocrConfidence: 1, mimeType: "application/pdf" });
      expect(event.fields).toEqual({ employeeName: "JOÃO CARLOS DA SILVA", cpf: "53394784327", position: "ANALISTA FINANCEIRO", competence: "2026-03", grossPay: 3612.4, totalDeductions: 612.4, netPay: 3000 });
      expect(await otherSub.none(300)).toEqual([]); // another tenant hears nothing
      // Receiving the OCR result live is a read of the client's data: logged for the subscriber.
      const logged = await server.app.ds.query(`SELECT 1 FROM data_access_logs WHERE action = 'document.read' AND actor_id = $1 AND resource = $2`, [a.supervisor.id, `Document:${id}`]);
      expect(logged).toHaveLength(1);
    } finally {
      sub.close();
      otherSub.close();
      await Promise.all([ws.dispose(), other.dispose()]);
    }
  });

  it("OCRs a scanned PDF (embedded JPEG, no text layer)", async () => {
    const { image, truth } = fixture("payslip-05");
    const { data, info } = await sharp(image).greyscale().jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
    const r = await upload(server, a.admin.token, { data: imagePdf(data, info.width, info.height), name: "digitalizado.pdf" }, { kind: "PAYSLIP", clientId });
    expect(r.errors).toBeUndefined();
    const done = await waitDone(a, r.data!.uploadDocument.id);
    expect(done).toMatchObject({ ocrStatus: "DONE", mimeType: "application/pdf" });
    for (const [field, want] of Object.entries(truth)) expect(norm(done.fields[field]), field).toEqual(norm(want));
  });

  it("refuses a renamed executable by its bytes (BAD_USER_INPUT on file), storing nothing", async () => {
    const [rows, files] = [await countDocuments(server), storedFiles(server)];
    const r = await upload(server, a.agent.token, { data: fs.readFileSync("/bin/ls"), name: "holerite.png", type: "image/png" }, { kind: "PAYSLIP", clientId });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "file" });
    expect([await countDocuments(server), storedFiles(server)]).toEqual([rows, files]);
  });

  it("refuses a multipart mutation without the CSRF preflight header (400), storing nothing", async () => {
    const [rows, files] = [await countDocuments(server), storedFiles(server)];
    const r = await upload(server, a.agent.token, { data: fixture("payslip-02").image, name: "holerite.png", type: "image/png" }, { kind: "PAYSLIP", clientId }, {});
    expect(r.status).toBe(400);
    expect(r.data ?? null).toBeNull();
    expect([await countDocuments(server), storedFiles(server)]).toEqual([rows, files]);
  });

  it("answers a malformed multipart request with 400 and keeps running", async () => {
    const r = await upload(server, a.agent.token, { data: fixture("payslip-02").image, name: "bad\u0000name.png", type: "image/png" }, { kind: "PAYSLIP", clientId });
    if (r.status < 400) expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "file" });
    expect(r.data?.uploadDocument ?? null).toBeNull();
    expect((await a.agent.client.raw(`{ __typename }`)).status).toBe(200);
  });

  it("keeps documents inside their tenant", async () => {
    const { image } = fixture("cnpj_card-02");
    const r = await upload(server, a.integrator.token!, { data: image, name: "cnpj.png", type: "image/png" }, { kind: "CNPJ_CARD", clientId });
    expect(r.errors).toBeUndefined();
    const id = r.data!.uploadDocument.id;
    expect((await b.admin.client.fail(GetDocumentDocument, { id })).extensions?.code).toBe("NOT_FOUND");
    expect((await a.integrator.ok(GetDocumentDocument, { id })).document?.id).toBe(id);
    // Another tenant's ticket or client is refused, naming the field.
    const byTicket = await upload(server, b.admin.token, { data: image, name: "x.png" }, { kind: "CNPJ_CARD", ticketId });
    expect(byTicket.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ticketId" });
    const byClient = await upload(server, b.admin.token, { data: image, name: "x.png" }, { kind: "CNPJ_CARD", clientId });
    expect(byClient.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "clientId" });
    // A ticket's document belongs to the ticket's client.
    const otherClient = (await a.agent.client.ok(CreateClientDocument, { input: { name: "Outro Cliente" } })).createClient.id;
    const mismatch = await upload(server, a.agent.token, { data: image, name: "x.png" }, { kind: "CNPJ_CARD", ticketId, clientId: otherClient });
    expect(mismatch.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "clientId" });
    await waitDone(a, id); // let the job finish before the server stops
  });

  it("ingests WhatsApp media: links the message and writes the OCR text into extracted_text", async () => {
    const { clientId: cid, sessionId } = await openSession(a.agent.client, "Cliente WhatsApp");
    const sent = await say(a.agent.client, sessionId, "segue meu holerite");
    const ctx = serviceContext(server, a);
    const pdf = payslipPdf("MARIA DE SOUZA");
    const docs = server.app.services.documents;
    expect(await docs.ingestMessageMedia(ctx, { tenantId: a.id, clientId: cid, messageId: sent.message.id, data: Buffer.from("OggS\0\0\0\0"), mimeType: "audio/ogg", fileName: "audio.ogg" })).toBeNull();
    // As the WhatsApp intake hands it over: already stored as the message's media.
    const mediaKey = newStorageKey(a.id, "media", "application/pdf");
    await server.app.services.infra.storage.put(mediaKey, pdf, "application/pdf");
    const filesBefore = storedFiles(server);
    const doc = (await docs.ingestMessageMedia(ctx, { tenantId: a.id, clientId: cid, messageId: sent.message.id, data: pdf, storageKey: mediaKey, mimeType: "application/pdf", fileName: "holerite-marco.pdf" }))!;
    expect(doc).toMatchObject({ kind: "PAYSLIP", ocrStatus: "PENDING", clientId: cid, messageId: sent.message.id, storageKey: mediaKey });
    expect(storedFiles(server)).toBe(filesBefore); // one file, shared, not a second copy
    const msg = await pollUntil(async () => {
      const [m] = await server.app.ds.query(`SELECT document_id, extracted_text FROM messages WHERE id = $1`, [sent.message.id]);
      return m.extracted_text !== null ? m : null;
    }, OCR_WAIT_MS, 200);
    expect(msg.document_id).toBe(doc.id);
    expect(msg.extracted_text).toContain("MARIA DE SOUZA");
  });

  it("LGPD: the documents eraser blanks text, fields and names and deletes the files after the commit", async () => {
    const cid = (await a.agent.client.ok(CreateClientDocument, { input: { name: "Titular Apagável" } })).createClient.id;
    const pdf = payslipPdf("TITULAR APAGAVEL");
    const r = await upload(server, a.agent.token, { data: pdf, name: "meu-holerite.pdf" }, { kind: "PAYSLIP", clientId: cid });
    const id = r.data!.uploadDocument.id;
    await waitDone(a, id);
    const exported = await server.app.services.personalData.exportersInOrder().find((e) => e.name === "documents")!.export(server.app.ds.manager, a.id, cid);
    expect(exported.documents).toMatchObject([{ id, filename: "meu-holerite.pdf", kind: "PAYSLIP", ocrStatus: "DONE" }]);
    const [{ storage_key: key }] = await server.app.ds.query(`SELECT storage_key FROM documents WHERE id = $1`, [id]);
    expect(await server.app.services.infra.storage.exists(key)).toBe(true);

    const erase = server.app.services.personalData.erasersInOrder().find((e) => e.name === "documents")!.erase;
    const run: ErasureRun = { tenantId: a.id, clientId: cid, requestId: "test", afterErase: [] };
    await inTransaction(server.app.ds, serviceContext(server, a), (tx) => erase(tx.em, a.id, cid, run));
    for (const hook of run.afterErase) await hook();
    const [row] = await server.app.ds.query(`SELECT filename, ocr_text, fields, storage_key FROM documents WHERE id = $1`, [id]);
    expect(row).toEqual({ filename: "[removido]", ocr_text: null, fields: null, storage_key: null });
    expect(await server.app.services.infra.storage.exists(key)).toBe(false);
  });

  it("picks up a document whose OCR job was lost, and fails one stuck for hours with a ticket comment", async () => {
    const first = (await upload(server, a.agent.token, { data: payslipPdf("ANA PERDIDA"), name: "perdido.pdf" }, { kind: "PAYSLIP", clientId })).data!.uploadDocument;
    await waitDone(a, first.id);
    // As a crash leaves it: PENDING, no result, nobody holding the job.
    await server.app.ds.query(`UPDATE documents SET ocr_status = 'PENDING', ocr_text = NULL, fields = NULL, updated_at = now() - interval '5 minutes' WHERE id = $1`, [first.id]);
    await server.app.jobs.enqueue(JOBS.requeueLost, {}); // the scheduled sweep
    const again = await waitDone(a, first.id);
    expect(again).toMatchObject({ ocrStatus: "DONE", fields: { employeeName: "ANA PERDIDA" } });

    const stuck = (await upload(server, a.agent.token, { data: payslipPdf("BRUNO TRAVADO"), name: "travado.pdf" }, { kind: "PAYSLIP", ticketId })).data!.uploadDocument;
    await waitDone(a, stuck.id);
    await server.app.ds.query(`UPDATE documents SET ocr_status = 'PROCESSING', created_at = now() - interval '3 hours', updated_at = now() - interval '20 minutes' WHERE id = $1`, [stuck.id]);
    expect(await server.app.services.documents.reader.requeueStale()).toEqual({ requeued: 0, failed: 1 });
    const failed = (await a.agent.client.ok(GetDocumentDocument, { id: stuck.id })).document!;
    expect(failed.ocrStatus).toBe("FAILED");
    expect(failed.error).toMatch(/não terminou a tempo/);
    const comments = (await a.agent.client.ok(TicketDocumentsDocument, { id: ticketId })).ticket!.comments;
    expect(comments.some((c) => c.system && /não terminou a tempo/.test(c.text))).toBe(true);
    expect(await server.app.services.documents.reader.requeueStale()).toEqual({ requeued: 0, failed: 0 });
  });
});

run("documents: upload size limit", () => {
  let server: TestServer;
  let a: TestTenant;
  beforeAll(async () => {
    server = await startTestServer({ env: { UPLOAD_MAX_BYTES: "50000" } });
    a = await createTenant(server);
  });
  afterAll(async () => server?.close());

  it("refuses a file over UPLOAD_MAX_BYTES (413 or BAD_USER_INPUT on file), storing nothing", async () => {
    const { image } = fixture("payslip-01"); // ~67 KB
    expect(image.length).toBeGreaterThan(50_000);
    const r = await upload(server, a.agent.token, { data: image, name: "holerite.png", type: "image/png" }, { kind: "PAYSLIP" });
    if (r.status !== 413) expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "file" });
    expect(r.data?.uploadDocument ?? null).toBeNull();
    expect(await countDocuments(server)).toBe(0);
    expect(storedFiles(server)).toBe(0);
    // Just under the limit is accepted.
    const small = await sharp(image).resize({ width: 300 }).png().toBuffer();
    expect(small.length).toBeLessThan(50_000);
    const ok = await upload(server, a.agent.token, { data: small, name: "pequeno.png", type: "image/png" }, { kind: "OTHER" });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.uploadDocument.size).toBe(small.length);
  });
});
