import { ProviderError } from "../../infra/providers/errors";
import { badResponse, httpRequest, parseJson, type FetchLike } from "../../infra/providers/http";
import { isRetryableSend, runWithPolicies, type ResilienceOptions } from "../../infra/providers/policy";

export interface CloudApiClientOptions extends ResilienceOptions {
  /** Defaults to "https://graph.facebook.com/v24.0". */
  graphApiUrl?: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs?: number;
  /** Cloud API documents are capped at 100 MB. */
  maxMediaBytes?: number;
  fetch?: FetchLike;
}

export interface CloudSendTextOptions {
  /** wamid of the message being answered (shown as a quote). */
  replyTo?: string;
}

export interface CloudMedia {
  data: Buffer;
  mimeType: string | null;
  sha256: string | null;
}

function isObj(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Graph error codes that are transient even though they come as HTTP 400/500:
// 4 / 80007 / 130429 throughput limits, 131000 / 131016 / 133004 service issues.
const RETRYABLE_GRAPH_CODES = new Set(["4", "80007", "130429", "131000", "131016", "133004"]);

function describeGraphError(body: unknown): { message: string | null; providerCode?: string | null; retryable?: boolean } {
  if (!isObj(body) || !isObj(body.error)) return { message: typeof body === "string" && body ? body : null };
  const err = body.error;
  const code = err.code === undefined ? null : String(err.code);
  const details = isObj(err.error_data) && typeof err.error_data.details === "string" ? err.error_data.details : null;
  const base = typeof err.message === "string" ? err.message : "unknown error";
  return {
    message: `${code ? `(#${code}) ` : ""}${base}${details && details !== base ? ` — ${details}` : ""}`,
    providerCode: code,
    ...(code && RETRYABLE_GRAPH_CODES.has(code) ? { retryable: true } : {}),
  };
}

// The bearer token is sent to the media URL, so only Meta's CDN (or the Graph
// host itself) may receive it — never a host named in an unexpected reply.
const MEDIA_HOST_SUFFIXES = [".fbsbx.com", ".facebook.com", ".whatsapp.net", ".fbcdn.net"];

export class CloudApiClient {
  private readonly graphApiUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: CloudApiClientOptions) {
    this.graphApiUrl = (options.graphApiUrl ?? "https://graph.facebook.com/v24.0").replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  private request(method: "GET" | "POST", url: string, json?: unknown, maxBytes?: number, accept = "application/json") {
    return httpRequest({
      provider: "cloud-api",
      method,
      url,
      headers: { authorization: `Bearer ${this.options.accessToken}`, accept },
      json,
      timeoutMs: this.timeoutMs,
      secrets: [this.options.accessToken],
      fetchImpl: this.options.fetch,
      describeError: describeGraphError,
      maxBytes,
    });
  }

  /** `to` is the customer's wa_id exactly as received (a leading "+" is dropped). */
  async sendText(to: string, text: string, opts: CloudSendTextOptions = {}): Promise<{ providerMessageId: string }> {
    const recipient = to.trim().replace(/^\+/, "");
    if (!recipient) {
      throw new ProviderError("The recipient is empty.", { provider: "cloud-api", status: null, code: "INVALID_RECIPIENT", retryable: false });
    }
    const body: Record<string, unknown> = {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: recipient,
      type: "text",
      text: { body: text, preview_url: false },
    };
    if (opts.replyTo) body.context = { message_id: opts.replyTo };
    const url = `${this.graphApiUrl}/${encodeURIComponent(this.options.phoneNumberId)}/messages`;
    return runWithPolicies(
      async () => {
        const res = await this.request("POST", url, body);
        const json = parseJson(res.body);
        const first = isObj(json) && Array.isArray(json.messages) ? json.messages[0] : null;
        const id = isObj(first) && typeof first.id === "string" ? first.id : null;
        if (!id) throw badResponse("cloud-api", res.status, "no messages[0].id in the send reply");
        return { providerMessageId: id };
      },
      this.options,
      isRetryableSend,
    );
  }

  private assertMediaUrl(raw: string, status: number): string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw badResponse("cloud-api", status, "invalid media url");
    }
    const graph = new URL(this.graphApiUrl);
    const trusted =
      url.origin === graph.origin ||
      (url.protocol === "https:" && MEDIA_HOST_SUFFIXES.some((s) => `.${url.hostname}`.endsWith(s)));
    if (!trusted) throw badResponse("cloud-api", status, `media url on untrusted host ${url.hostname}`);
    return url.toString();
  }

  /** GET /{media-id} for a short-lived URL, then download it with the token. */
  async downloadMedia(mediaId: string): Promise<CloudMedia> {
    return runWithPolicies(async () => {
      const meta = await this.request("GET", `${this.graphApiUrl}/${encodeURIComponent(mediaId)}`);
      const info = parseJson(meta.body);
      if (!isObj(info) || typeof info.url !== "string") throw badResponse("cloud-api", meta.status, "no url for the media id");
      const url = this.assertMediaUrl(info.url, meta.status);
      const file = await this.request("GET", url, undefined, this.options.maxMediaBytes ?? 100 * 1024 * 1024, "*/*");
      return {
        data: file.body,
        mimeType: typeof info.mime_type === "string" ? info.mime_type : file.headers.get("content-type"),
        sha256: typeof info.sha256 === "string" ? info.sha256 : null,
      };
    }, this.options);
  }
}
