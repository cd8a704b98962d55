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

/** A template as the Graph API lists it. */
export interface GraphTemplate {
  id?: string;
  name: string;
  language?: string;
  category?: string;
  status?: string;
  components?: Array<{ type?: string; text?: string; format?: string }>;
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

  private messagesUrl(): string {
    return `${this.graphApiUrl}/${encodeURIComponent(this.options.phoneNumberId)}/messages`;
  }

  /** One POST /{phone-number-id}/messages: `content` is the type-specific part (`{ type, <type>: … }`). */
  async sendMessage(to: string, content: Record<string, unknown>, opts: CloudSendTextOptions = {}): Promise<{ providerMessageId: string }> {
    const recipient = to.trim().replace(/^\+/, "");
    if (!recipient) {
      throw new ProviderError("The recipient is empty.", { provider: "cloud-api", status: null, code: "INVALID_RECIPIENT", retryable: false });
    }
    const body: Record<string, unknown> = { messaging_product: "whatsapp", recipient_type: "individual", to: recipient, ...content };
    if (opts.replyTo) body.context = { message_id: opts.replyTo };
    return runWithPolicies(
      async () => {
        const res = await this.request("POST", this.messagesUrl(), body);
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

  /** `to` is the customer's wa_id exactly as received (a leading "+" is dropped). */
  sendText(to: string, text: string, opts: CloudSendTextOptions = {}): Promise<{ providerMessageId: string }> {
    return this.sendMessage(to, { type: "text", text: { body: text, preview_url: false } }, opts);
  }

  /** Uploads a file (multipart) and returns the media id a message can reference. */
  async uploadMedia(data: Buffer, mimeType: string, fileName: string): Promise<string> {
    const url = `${this.graphApiUrl}/${encodeURIComponent(this.options.phoneNumberId)}/media`;
    return runWithPolicies(
      async () => {
        const form = new FormData();
        form.append("messaging_product", "whatsapp");
        form.append("type", mimeType);
        form.append("file", new Blob([new Uint8Array(data)], { type: mimeType }), fileName);
        const res = await httpRequest({
          provider: "cloud-api",
          method: "POST",
          url,
          headers: { authorization: `Bearer ${this.options.accessToken}` },
          form,
          timeoutMs: Math.max(this.timeoutMs, 60_000),
          secrets: [this.options.accessToken],
          fetchImpl: this.options.fetch,
          describeError: describeGraphError,
        });
        const json = parseJson(res.body);
        if (!isObj(json) || typeof json.id !== "string") throw badResponse("cloud-api", res.status, "no id in the media upload reply");
        return json.id;
      },
      this.options,
      isRetryableSend,
    );
  }

  /** Marks a message (and every earlier one) as read; with `typing`, also shows "typing…" for up to 25 s. */
  async markRead(messageId: string, typing = false): Promise<void> {
    const body: Record<string, unknown> = { messaging_product: "whatsapp", status: "read", message_id: messageId };
    if (typing) body.typing_indicator = { type: "text" };
    await runWithPolicies(() => this.request("POST", this.messagesUrl(), body), { ...this.options, retry: typing ? false : this.options.retry });
  }

  /** GET /{phone-number-id}: proves the token reaches that number. */
  async phoneNumber(): Promise<{ id: string; displayPhoneNumber: string | null; verifiedName: string | null }> {
    const url = `${this.graphApiUrl}/${encodeURIComponent(this.options.phoneNumberId)}?fields=id,display_phone_number,verified_name`;
    return runWithPolicies(async () => {
      const res = await this.request("GET", url);
      const json = parseJson(res.body);
      if (!isObj(json) || typeof json.id !== "string") throw badResponse("cloud-api", res.status, "no id for the phone number");
      return { id: json.id, displayPhoneNumber: typeof json.display_phone_number === "string" ? json.display_phone_number : null, verifiedName: typeof json.verified_name === "string" ? json.verified_name : null };
    }, this.options);
  }

  /** Every template of a WhatsApp Business Account, following `paging.cursors.after` / `paging.next`. */
  async listTemplates(wabaId: string, pageLimit = 100): Promise<GraphTemplate[]> {
    const out: GraphTemplate[] = [];
    let url: string | null = `${this.graphApiUrl}/${encodeURIComponent(wabaId)}/message_templates?fields=id,name,language,category,status,components&limit=${pageLimit}`;
    for (let page = 0; url && page < 50; page++) {
      const current: string = url;
      const json = await runWithPolicies(async () => parseJson((await this.request("GET", current)).body), this.options);
      if (!isObj(json) || !Array.isArray(json.data)) throw badResponse("cloud-api", 200, "no data[] in the templates reply");
      for (const t of json.data) if (isObj(t) && typeof t.name === "string") out.push(t as unknown as GraphTemplate);
      const paging = isObj(json.paging) ? json.paging : null;
      const after = paging && isObj(paging.cursors) && typeof paging.cursors.after === "string" ? paging.cursors.after : null;
      // Only a `next` link means there is another page; it is rebuilt on our base URL (never followed elsewhere).
      url = paging && typeof paging.next === "string" && after
        ? `${this.graphApiUrl}/${encodeURIComponent(wabaId)}/message_templates?fields=id,name,language,category,status,components&limit=${pageLimit}&after=${encodeURIComponent(after)}`
        : null;
    }
    return out;
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
