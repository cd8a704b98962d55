import crypto from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from "./fake-http-server";

/**
 * Fake Evolution API v2 and Graph API (WhatsApp Cloud API) servers for end-to-end tests. They
 * check the request shapes the real APIs document (answering 400 like the real ones when a
 * body is wrong) and record what they received, with media bytes decoded.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isB64 = (v: unknown) => typeof v === "string" && v.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(v);

function bad(res: ServerResponse, message: string) {
  sendJson(res, 400, { status: 400, error: "Bad Request", response: { message: [message] } });
}

// ------------------------------------------------------------------ Evolution

export interface EvolutionSent {
  path: string;
  number: string;
  body: Obj;
  /** Decoded `media` / `audio`. */
  bytes?: Buffer;
  id: string;
}

export interface FakeEvolution extends FakeServer {
  apiKey: string;
  instance: string;
  state: "open" | "close" | "connecting";
  sent: EvolutionSent[];
  webhooks: Obj[];
  reads: Obj[];
  presences: Obj[];
  /** Media served by getBase64FromMediaMessage, by message key id. */
  media: Map<string, { mimetype: string; data: Buffer }>;
  calls(path: string): RecordedRequest[];
}

const PHONE = /^(\d{8,15}|\d+@s\.whatsapp\.net)$/;

function checkQuoted(body: Obj): string | null {
  if (body.quoted === undefined) return null;
  const q = body.quoted;
  if (!isObj(q) || !isObj(q.key) || typeof q.key.id !== "string" || !isObj(q.message)) return "quoted must be { key: { id }, message: { conversation } }";
  return null;
}

export async function startFakeEvolution(opts: { apiKey?: string; instance?: string } = {}): Promise<FakeEvolution> {
  const apiKey = opts.apiKey ?? "E3B1C4D2-9A7F-4C1B-8D2E-5F6A7B8C9D0E";
  const instance = opts.instance ?? "atendimento-loja01";
  let seq = 0;
  const fake = (await startFakeServer()) as FakeEvolution;
  Object.assign(fake, { apiKey, instance, state: "close", sent: [], webhooks: [], reads: [], presences: [], media: new Map() });
  fake.calls = (path) => fake.requests.filter((r) => r.path.split("?")[0] === `${path}/${instance}`);

  const reply = (res: ServerResponse, number: string, message: Obj) => {
    const id = `3EB0${(++seq).toString(16).padStart(4, "0").toUpperCase()}${crypto.randomBytes(6).toString("hex").toUpperCase()}`;
    sendJson(res, 201, { key: { remoteJid: number.includes("@") ? number : `${number}@s.whatsapp.net`, fromMe: true, id }, pushName: "", status: "PENDING", message, messageTimestamp: Math.floor(Date.now() / 1000) });
    return id;
  };

  fake.handle((req, res) => {
    if (req.headers.apikey !== fake.apiKey) return sendJson(res, 401, { status: 401, error: "Unauthorized", response: { message: "Unauthorized" } });
    const [path, query = ""] = req.path.split("?");
    const m = /^(\/[a-z]+\/[A-Za-z0-9]+)\/([^/]+)$/.exec(path!);
    if (!m) return sendJson(res, 404, { status: 404, error: "Not Found" });
    const [, route, inst] = m;
    if (decodeURIComponent(inst!) !== instance) return sendJson(res, 404, { status: 404, error: "Not Found", response: { message: [`The "${inst}" instance does not exist`] } });
    const body = req.method === "POST" && req.body.length ? (req.json() as Obj) : {};
    switch (`${req.method} ${route}`) {
      case "GET /instance/connectionState":
        return sendJson(res, 200, { instance: { instanceName: instance, state: fake.state } });
      case "GET /instance/connect": {
        const number = new URLSearchParams(query).get("number");
        fake.state = "connecting";
        return sendJson(res, 200, { pairingCode: number ? "WZYEH1YY" : null, code: "2@y8eK+bjtEjUWy9/FOM", base64: `data:image/png;base64,${PNG_1PX}`, count: 1 });
      }
      case "DELETE /instance/logout":
        fake.state = "close";
        return sendJson(res, 200, { status: "SUCCESS", error: false, response: { message: "Instance logged out" } });
      case "POST /instance/restart":
        fake.state = "connecting";
        return sendJson(res, 200, { instance: { instanceName: instance, state: "connecting" } });
      case "POST /webhook/set": {
        const w = body.webhook;
        if (!isObj(w) || w.enabled !== true || typeof w.url !== "string" || !Array.isArray(w.events) || !isObj(w.headers)) return bad(res, "instance requires property \"webhook\" { enabled, url, events, headers }");
        fake.webhooks.push(w);
        return sendJson(res, 201, { webhook: { instanceName: instance, webhook: { ...w, id: "wh1" } } });
      }
      case "POST /message/sendText": {
        if (typeof body.number !== "string" || !PHONE.test(body.number) || typeof body.text !== "string") return bad(res, "number and text are required");
        const q = checkQuoted(body);
        if (q) return bad(res, q);
        const id = reply(res, body.number, { conversation: body.text });
        fake.sent.push({ path: route!, number: body.number, body, id });
        return;
      }
      case "POST /message/sendMedia": {
        if (typeof body.number !== "string" || !PHONE.test(body.number)) return bad(res, "number is required");
        if (!["image", "video", "document", "audio"].includes(String(body.mediatype))) return bad(res, "mediatype must be image, video, document or audio");
        if (typeof body.mimetype !== "string" || !isB64(body.media) || typeof body.fileName !== "string") return bad(res, "mimetype, media (base64) and fileName are required");
        const q = checkQuoted(body);
        if (q) return bad(res, q);
        const id = reply(res, body.number, { [`${body.mediatype}Message`]: { mimetype: body.mimetype, caption: body.caption } });
        fake.sent.push({ path: route!, number: body.number, body, bytes: Buffer.from(String(body.media), "base64"), id });
        return;
      }
      case "POST /message/sendWhatsAppAudio": {
        if (typeof body.number !== "string" || !PHONE.test(body.number) || !isB64(body.audio)) return bad(res, "number and audio (base64) are required");
        const q = checkQuoted(body);
        if (q) return bad(res, q);
        const id = reply(res, body.number, { audioMessage: { ptt: true, mimetype: "audio/ogg; codecs=opus" } });
        fake.sent.push({ path: route!, number: body.number, body, bytes: Buffer.from(String(body.audio), "base64"), id });
        return;
      }
      case "POST /chat/markMessageAsRead": {
        const list = body.readMessages;
        if (!Array.isArray(list) || !list.length || !list.every((r) => isObj(r) && typeof r.remoteJid === "string" && /@s\.whatsapp\.net$/.test(r.remoteJid) && r.fromMe === false && typeof r.id === "string")) {
          return bad(res, "readMessages must be [{ remoteJid, fromMe, id }]");
        }
        fake.reads.push(body);
        return sendJson(res, 201, { message: "Read messages", read: "success" });
      }
      case "POST /chat/sendPresence": {
        const presence = body.presence ?? (isObj(body.options) ? body.options.presence : undefined);
        const delay = body.delay ?? (isObj(body.options) ? body.options.delay : undefined);
        if (typeof body.number !== "string" || !["composing", "recording", "paused"].includes(String(presence)) || typeof delay !== "number") return bad(res, "number, presence and delay are required");
        fake.presences.push(body);
        return sendJson(res, 201, { presence, number: body.number });
      }
      case "POST /chat/getBase64FromMediaMessage": {
        const key = isObj(body.message) && isObj(body.message.key) ? String(body.message.key.id) : "";
        const file = fake.media.get(key);
        if (!file) return sendJson(res, 400, { status: 400, error: "Bad Request", response: { message: ["Message not found"] } });
        return sendJson(res, 201, { mediaType: "imageMessage", fileName: null, mimetype: file.mimetype, base64: file.data.toString("base64") });
      }
      default:
        return sendJson(res, 404, { status: 404, error: "Not Found" });
    }
  });
  return fake;
}

// ------------------------------------------------------------------ Graph API

export interface GraphUpload {
  id: string;
  type: string;
  fileName: string | null;
  data: Buffer;
}

export interface FakeGraph extends FakeServer {
  /** `${url}/v24.0`, what the inbox is configured with. */
  base: string;
  token: string;
  phoneNumberId: string;
  wabaId: string;
  uploads: Map<string, GraphUpload>;
  /** Bodies of POST /{phone}/messages that were messages (not read receipts). */
  messages: Obj[];
  /** Read receipts and typing indicators. */
  statuses: Obj[];
  /** Recipients for which free-form messages fail with 131047 (window closed). */
  windowClosedFor: Set<string>;
  templates: Obj[];
  /** Media a client sent (GET /{media-id} then the download). */
  inboundMedia: Map<string, { mime: string; data: Buffer }>;
}

const GRAPH_ERROR = (res: ServerResponse, status: number, code: number, message: string, details?: string) =>
  sendJson(res, status, { error: { message, type: "OAuthException", code, ...(details ? { error_data: { messaging_product: "whatsapp", details } } : {}), fbtrace_id: "Atr0" } });

function checkMessage(body: Obj, uploads: Map<string, GraphUpload>): string | null {
  if (body.messaging_product !== "whatsapp") return "messaging_product must be whatsapp";
  if (typeof body.to !== "string" || !/^\d{8,15}$/.test(body.to)) return "to must be a wa_id";
  if (body.context !== undefined && !(isObj(body.context) && typeof body.context.message_id === "string")) return "context.message_id must be a string";
  const type = String(body.type);
  const payload = body[type];
  if (!isObj(payload)) return `missing ${type} object`;
  switch (type) {
    case "text":
      return typeof payload.body === "string" ? null : "text.body is required";
    case "image":
    case "video":
    case "audio":
    case "document": {
      if (typeof payload.id !== "string" || !uploads.has(payload.id)) return `${type}.id must be an uploaded media id`;
      if (type === "audio" && payload.caption !== undefined) return "audio does not take a caption";
      return null;
    }
    case "template": {
      if (typeof payload.name !== "string" || !isObj(payload.language) || typeof payload.language.code !== "string") return "template.name and template.language.code are required";
      if (payload.components !== undefined && !Array.isArray(payload.components)) return "template.components must be an array";
      return null;
    }
    default:
      return `unsupported type ${type}`;
  }
}

export async function startFakeGraph(opts: { token?: string; phoneNumberId?: string; wabaId?: string } = {}): Promise<FakeGraph> {
  const fake = (await startFakeServer()) as FakeGraph;
  Object.assign(fake, {
    base: `${fake.url}/v24.0`,
    token: opts.token ?? "token-de-teste",
    phoneNumberId: opts.phoneNumberId ?? "109876543210987",
    wabaId: opts.wabaId ?? "102290129340398",
    uploads: new Map(),
    messages: [],
    statuses: [],
    windowClosedFor: new Set(),
    templates: [],
    inboundMedia: new Map(),
  });
  fake.handle(async (req, res) => {
    if (req.headers.authorization !== `Bearer ${fake.token}`) return GRAPH_ERROR(res, 401, 190, "Invalid OAuth access token - Cannot parse access token");
    const url = new URL(req.path, fake.url);
    const p = url.pathname;
    if (req.method === "GET" && p === `/v24.0/${fake.phoneNumberId}`) {
      return sendJson(res, 200, { verified_name: "Loja Exemplo", display_phone_number: "+55 11 3004-5678", id: fake.phoneNumberId, quality_rating: "GREEN" });
    }
    if (req.method === "GET" && p === `/v24.0/${fake.wabaId}/message_templates`) {
      const limit = Number(url.searchParams.get("limit") ?? 25);
      const start = Number(url.searchParams.get("after") ?? 0);
      const page = fake.templates.slice(start, start + Math.min(limit, 2)); // small pages: pagination is exercised
      const next = start + page.length < fake.templates.length ? String(start + page.length) : null;
      return sendJson(res, 200, { data: page, paging: { cursors: { before: String(start), after: next ?? String(start + page.length) }, ...(next ? { next: `${fake.base}/${fake.wabaId}/message_templates?after=${next}` } : {}) } });
    }
    if (req.method === "POST" && p === `/v24.0/${fake.phoneNumberId}/media`) {
      const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": String(req.headers["content-type"]) } }).formData().catch(() => null);
      const file = form?.get("file");
      if (!form || form.get("messaging_product") !== "whatsapp" || typeof form.get("type") !== "string" || !(file instanceof Blob)) {
        return GRAPH_ERROR(res, 400, 100, "(#100) The parameter messaging_product, type and file are required.");
      }
      const id = String(1_000_000_000_000_000 + fake.uploads.size);
      fake.uploads.set(id, { id, type: String(form.get("type")), fileName: (file as File).name ?? null, data: Buffer.from(await file.arrayBuffer()) });
      return sendJson(res, 200, { id });
    }
    if (req.method === "POST" && p === `/v24.0/${fake.phoneNumberId}/messages`) {
      const body = req.json() as Obj;
      if (body.status === "read") {
        if (body.messaging_product !== "whatsapp" || typeof body.message_id !== "string") return GRAPH_ERROR(res, 400, 100, "(#100) message_id is required");
        if (body.typing_indicator !== undefined && !(isObj(body.typing_indicator) && body.typing_indicator.type === "text")) return GRAPH_ERROR(res, 400, 100, "(#100) typing_indicator.type must be text");
        fake.statuses.push(body);
        return sendJson(res, 200, { success: true });
      }
      const problem = checkMessage(body, fake.uploads);
      if (problem) return GRAPH_ERROR(res, 400, 100, `(#100) ${problem}`);
      if (body.type !== "template" && fake.windowClosedFor.has(String(body.to))) {
        return GRAPH_ERROR(res, 400, 131047, "Re-engagement message", "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");
      }
      fake.messages.push(body);
      return sendJson(res, 200, { messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.${crypto.randomBytes(12).toString("hex")}` }] });
    }
    const mediaInfo = /^\/v24\.0\/(\d+)$/.exec(p);
    if (req.method === "GET" && mediaInfo && fake.inboundMedia.has(mediaInfo[1]!)) {
      const m = fake.inboundMedia.get(mediaInfo[1]!)!;
      return sendJson(res, 200, { url: `${fake.base}/media-download/${mediaInfo[1]}`, mime_type: m.mime, sha256: crypto.createHash("sha256").update(m.data).digest("hex"), file_size: m.data.length, id: mediaInfo[1], messaging_product: "whatsapp" });
    }
    const download = /^\/v24\.0\/media-download\/(\d+)$/.exec(p);
    if (req.method === "GET" && download && fake.inboundMedia.has(download[1]!)) {
      const m = fake.inboundMedia.get(download[1]!)!;
      res.writeHead(200, { "content-type": m.mime, "content-length": m.data.length });
      return void res.end(m.data);
    }
    return GRAPH_ERROR(res, 400, 100, `Unsupported ${req.method} request. Object with ID '${p.split("/").pop()}' does not exist.`);
  });
  return fake;
}

/** A 1×1 PNG, what the QR code looks like to a test. */
export const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** Signs a Cloud API webhook body like Meta does (X-Hub-Signature-256). */
export function metaSignature(body: string | Buffer, appSecret: string): string {
  return `sha256=${crypto.createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

/** A Cloud API notification with the given messages from one client. */
export function cloudNotification(phoneNumberId: string, messages: Obj[], contact = { wa_id: "5511987654321", name: "Maria Souza" }): string {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "102290129340398", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "551130045678", phone_number_id: phoneNumberId }, contacts: [{ profile: { name: contact.name }, wa_id: contact.wa_id }], messages } }] }],
  });
}

/** An Evolution messages.upsert body from one client. */
export function evolutionUpsert(instance: string, id: string, message: Obj, from = "5511987654321"): string {
  return JSON.stringify({
    event: "messages.upsert",
    instance,
    data: { key: { remoteJid: `${from}@s.whatsapp.net`, fromMe: false, id }, pushName: "Maria Souza", status: "DELIVERY_ACK", message, messageType: Object.keys(message)[0], messageTimestamp: Math.floor(Date.now() / 1000), instanceId: "i1", source: "android" },
    destination: "http://x",
    date_time: new Date().toISOString(),
    sender: "551130045678@s.whatsapp.net",
    server_url: "http://evo",
    apikey: "x",
  });
}
