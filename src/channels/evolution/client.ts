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

  private post(path: string, json: unknown, maxBytes?: number) {
    return httpRequest({
      provider: "evolution",
      method: "POST",
      url: this.url(path),
      headers: { apikey: this.options.apiKey },
      json,
      timeoutMs: this.timeoutMs,
      secrets: [this.options.apiKey],
      fetchImpl: this.options.fetch,
      describeError: describeEvolutionError,
      maxBytes,
    });
  }

  async sendText(number: string, text: string, opts: EvolutionSendTextOptions = {}): Promise<{ providerMessageId: string }> {
    const recipient = toEvolutionNumber(number);
    if (!recipient) {
      throw new ProviderError("The recipient number is not valid for WhatsApp.", {
        provider: "evolution",
        status: null,
        code: "INVALID_RECIPIENT",
        retryable: false,
      });
    }
    const body: Record<string, unknown> = { number: recipient, text };
    if (opts.delay !== undefined) body.delay = opts.delay;
    body.linkPreview = false;
    if (opts.quoted) {
      body.quoted = { key: { id: opts.quoted.id }, message: { conversation: opts.quoted.text ?? "" } };
    }
    return runWithPolicies(
      async () => {
        const res = await this.post("/message/sendText", body);
        const json = parseJson(res.body);
        const id = isObj(json) && isObj(json.key) && typeof json.key.id === "string" ? json.key.id : null;
        if (!id) throw badResponse("evolution", res.status, "no key.id in the sendText reply");
        return { providerMessageId: id };
      },
      this.options,
      isRetryableSend,
    );
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
