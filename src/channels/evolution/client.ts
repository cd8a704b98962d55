import { ProviderError } from "../../infra/providers/errors";
import { badResponse, httpRequest, parseJson, type FetchLike } from "../../infra/providers/http";
import { isRetryableSend, runWithPolicies, type ResilienceOptions } from "../../infra/providers/policy";

export interface EvolutionClientOptions extends ResilienceOptions {
  /** e.g. "https://evo.lojaexemplo.com.br" (no trailing path). */
  baseUrl: string;
  instance: string;
  /** Instance token or global AUTHENTICATION_API_KEY. */
  apiKey: string;
  timeoutMs?: number;
  /** Media is base64 inside JSON; videos can be tens of MB. */
  maxMediaBytes?: number;
  fetch?: FetchLike;
}

export interface EvolutionSendTextOptions {
  /** Milliseconds Evolution shows "typing…" before sending. */
  delay?: number;
  /** Quote a previous message (needs its key id; text helps when Evolution has no DB). */
  quoted?: { id: string; text?: string };
}

export interface EvolutionSendMediaInput {
  mediatype: "image" | "video" | "document";
  mimetype: string;
  data: Buffer;
  fileName?: string | null;
  caption?: string | null;
  quoted?: { id: string; text?: string | null } | null;
}

export interface EvolutionConnect {
  qrCodeBase64: string | null;
  pairingCode: string | null;
  /** Present when Evolution answers with the state instead (already connected). */
  state: string | null;
}

export interface EvolutionMedia {
  mimeType: string | null;
  fileName: string | null;
  data: Buffer;
}

function isObj(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Evolution errors look like {status, error, response: {message: [...]}}. */
function describeEvolutionError(body: unknown): { message: string | null } {
  if (typeof body === "string") return { message: body || null };
  if (!isObj(body)) return { message: null };
  const inner = isObj(body.response) ? body.response.message : (body.message ?? body.error);
  if (inner === undefined || inner === null) return { message: null };
  return { message: typeof inner === "string" ? inner : JSON.stringify(inner) };
}

/** Evolution takes bare digits or a full JID; E.164 "+55…" loses its "+". */
function toEvolutionNumber(number: string): string | null {
  const trimmed = number.trim();
  if (trimmed.includes("@")) return trimmed;
  const digits = trimmed.replace(/\D/g, "");
  return /^\d{8,15}$/.test(digits) ? digits : null;
}

export class EvolutionClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: EvolutionClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  private url(path: string): string {
    return `${this.baseUrl}${path}/${encodeURIComponent(this.options.instance)}`;
  }

  private call(method: "GET" | "POST" | "DELETE", path: string, json?: unknown, maxBytes?: number, query = "") {
    return httpRequest({
      provider: "evolution",
      method,
      url: this.url(path) + query,
      headers: { apikey: this.options.apiKey },
      json,
      timeoutMs: this.timeoutMs,
      secrets: [this.options.apiKey],
      fetchImpl: this.options.fetch,
      describeError: describeEvolutionError,
      maxBytes,
    });
  }

  private post(path: string, json: unknown, maxBytes?: number) {
    return this.call("POST", path, json, maxBytes);
  }

  private recipient(number: string): string {
    const recipient = toEvolutionNumber(number);
    if (!recipient) {
      throw new ProviderError("The recipient number is not valid for WhatsApp.", {
        provider: "evolution",
        status: null,
        code: "INVALID_RECIPIENT",
        retryable: false,
      });
    }
    return recipient;
  }

  /** Every send endpoint answers the stored WebMessageInfo: its key.id is the provider id. */
  private send(path: string, body: Record<string, unknown>): Promise<{ providerMessageId: string }> {
    return runWithPolicies(
      async () => {
        const res = await this.post(path, body);
        const json = parseJson(res.body);
        const id = isObj(json) && isObj(json.key) && typeof json.key.id === "string" ? json.key.id : null;
        if (!id) throw badResponse("evolution", res.status, `no key.id in the ${path.split("/").pop()} reply`);
        return { providerMessageId: id };
      },
      this.options,
      isRetryableSend,
    );
  }

  async sendText(number: string, text: string, opts: EvolutionSendTextOptions = {}): Promise<{ providerMessageId: string }> {
    const body: Record<string, unknown> = { number: this.recipient(number), text };
    if (opts.delay !== undefined) body.delay = opts.delay;
    body.linkPreview = false;
    if (opts.quoted) body.quoted = quotedOf(opts.quoted);
    return this.send("/message/sendText", body);
  }

  /** Image, video or document as raw base64 (`media`), with its file name and caption. */
  async sendMedia(number: string, input: EvolutionSendMediaInput): Promise<{ providerMessageId: string }> {
    const body: Record<string, unknown> = {
      number: this.recipient(number),
      mediatype: input.mediatype,
      mimetype: input.mimetype,
      media: input.data.toString("base64"),
      caption: input.caption ?? "",
      fileName: input.fileName ?? defaultFileName(input.mediatype, input.mimetype),
    };
    if (input.quoted) body.quoted = quotedOf(input.quoted);
    return this.send("/message/sendMedia", body);
  }

  /** A voice note (push-to-talk); `encoding: true` lets Evolution convert it to Opus when needed. */
  async sendWhatsAppAudio(number: string, audio: Buffer, quoted?: { id: string; text?: string | null } | null): Promise<{ providerMessageId: string }> {
    const body: Record<string, unknown> = { number: this.recipient(number), audio: audio.toString("base64"), encoding: true };
    if (quoted) body.quoted = quotedOf(quoted);
    return this.send("/message/sendWhatsAppAudio", body);
  }

  /** Blue ticks for the client's messages. */
  async markMessageAsRead(number: string, ids: string[]): Promise<void> {
    const remoteJid = toJid(this.recipient(number));
    await runWithPolicies(() => this.post("/chat/markMessageAsRead", { readMessages: ids.map((id) => ({ remoteJid, fromMe: false, id })) }), this.options);
  }

  /**
   * "typing…" for `delayMs`. v2.2+ reads the flat fields, 2.1 the `options` object: both are
   * sent so either accepts the request.
   */
  async sendPresence(number: string, presence: "composing" | "recording" | "paused", delayMs: number): Promise<void> {
    const to = this.recipient(number);
    await runWithPolicies(() => this.post("/chat/sendPresence", { number: to, presence, delay: delayMs, options: { number: to, presence, delay: delayMs } }), { ...this.options, retry: false });
  }

  /** Points the instance's webhook at us (v2 body: `{ webhook: {…} }`). */
  async setWebhook(hook: { url: string; headers: Record<string, string>; events: readonly string[] }): Promise<void> {
    await runWithPolicies(
      () => this.post("/webhook/set", { webhook: { enabled: true, url: hook.url, headers: hook.headers, byEvents: false, base64: true, events: hook.events } }),
      this.options,
    );
  }

  /** `open`, `close`, `connecting`… or throws (401: wrong key; 404: no such instance). */
  async connectionState(): Promise<string> {
    return runWithPolicies(async () => {
      const res = await this.call("GET", "/instance/connectionState");
      const json = parseJson(res.body);
      const inner = isObj(json) && isObj(json.instance) ? json.instance : json;
      const state = isObj(inner) && typeof inner.state === "string" ? inner.state : null;
      if (!state) throw badResponse("evolution", res.status, "no instance.state in the connectionState reply");
      return state;
    }, this.options);
  }

  /** QR code (base64 PNG data URI) and, with a phone number, the 8-character pairing code. */
  async connect(phoneNumber?: string | null): Promise<EvolutionConnect> {
    const digits = phoneNumber ? phoneNumber.replace(/\D/g, "") : "";
    return runWithPolicies(async () => {
      const res = await this.call("GET", "/instance/connect", undefined, undefined, digits ? `?number=${digits}` : "");
      const json = parseJson(res.body);
      if (!isObj(json)) throw badResponse("evolution", res.status, "the connect reply is not an object");
      const state = isObj(json.instance) && typeof json.instance.state === "string" ? json.instance.state : null;
      const base64 = typeof json.base64 === "string" && json.base64 ? json.base64 : null;
      return { qrCodeBase64: base64 ? base64.replace(/^data:[^,]*,/, "") : null, pairingCode: typeof json.pairingCode === "string" && json.pairingCode ? json.pairingCode : null, state };
    }, this.options);
  }

  async logout(): Promise<void> {
    await runWithPolicies(() => this.call("DELETE", "/instance/logout"), { ...this.options, retry: false });
  }

  async restart(): Promise<void> {
    await runWithPolicies(() => this.call("POST", "/instance/restart"), { ...this.options, retry: false });
  }

  /**
   * Downloads and decrypts the media of a webhook message. Passing the whole
   * webhook `data` works without Evolution's message DB (a key-only lookup needs it).
   */
  async getMediaBase64(webhookData: unknown): Promise<EvolutionMedia> {
    return runWithPolicies(async () => {
      const res = await this.post(
        "/chat/getBase64FromMediaMessage",
        { message: webhookData, convertToMp4: false },
        // base64 inflates by 4/3, plus the JSON envelope.
        Math.ceil((this.options.maxMediaBytes ?? 64 * 1024 * 1024) * 1.4) + 64 * 1024,
      );
      const json = parseJson(res.body);
      if (!isObj(json) || typeof json.base64 !== "string") throw badResponse("evolution", res.status, "no base64 in the media reply");
      // Some deployments return a data: URI instead of bare base64.
      const b64 = json.base64.replace(/^data:[^,]*,/, "");
      return {
        mimeType: typeof json.mimetype === "string" ? json.mimetype : null,
        fileName: typeof json.fileName === "string" ? json.fileName : null,
        data: Buffer.from(b64, "base64"),
      };
    }, this.options);
  }
}

function quotedOf(q: { id: string; text?: string | null }) {
  return { key: { id: q.id }, message: { conversation: q.text ?? "" } };
}

function toJid(recipient: string): string {
  return recipient.includes("@") ? recipient : `${recipient}@s.whatsapp.net`;
}

const EXT: Record<string, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "video/mp4": "mp4" };

function defaultFileName(kind: string, mime: string): string {
  return `${kind === "document" ? "documento" : kind}.${EXT[mime] ?? "bin"}`;
}
