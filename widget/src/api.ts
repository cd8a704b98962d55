import { createClient, type Client } from "graphql-ws";

export interface ChatMessage { id: string; direction: string; sender: string; type: string; text: string | null; createdAt: string }
export interface Settings { name: string; color: string; welcomeText: string | null; privacyNoticeUrl: string | null; privacyNoticeText: string; maxTextLength: number; maxAttachmentBytes: number }
export interface Conversation { id: string; status: string; messages: ChatMessage[] }

export class ApiError extends Error {
  constructor(message: string, readonly code: string | null, readonly field: string | null) {
    super(message);
  }
}

const MESSAGE = "id direction sender type text createdAt";

/** GraphQL over fetch (and graphql-ws for live updates) against the platform that served widget.js. */
export class Api {
  token: string | null = null;
  private ws: Client | null = null;

  constructor(readonly base: string) {}

  private async call<T>(query: string, variables: Record<string, unknown> = {}, body?: FormData): Promise<T> {
    const headers: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}` } : {};
    if (body) headers["apollo-require-preflight"] = "true";
    else headers["content-type"] = "application/json";
    const res = await fetch(`${this.base}/graphql`, { method: "POST", headers, body: body ?? JSON.stringify({ query, variables }), credentials: "omit" });
    const json = (await res.json().catch(() => ({}))) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }> };
    const err = json.errors?.[0];
    if (err || !json.data) throw new ApiError(err?.message ?? "Não foi possível falar com o atendimento.", err?.extensions?.code ?? null, err?.extensions?.field ?? null);
    return json.data;
  }

  settings(publicKey: string): Promise<Settings> {
    return this.call<{ webChatSettings: Settings }>(`query($k: String!) { webChatSettings(publicKey: $k) { name color welcomeText privacyNoticeUrl privacyNoticeText maxTextLength maxAttachmentBytes } }`, { k: publicKey }).then((d) => d.webChatSettings);
  }

  async start(input: { publicKey: string; name?: string; email?: string; phone?: string }): Promise<{ token: string; sessionId: string }> {
    const d = await this.call<{ startVisitorSession: { token: string; session: { id: string } } }>(`mutation($i: VisitorSessionInput!) { startVisitorSession(input: $i) { token session { id } } }`, { i: { ...input, acceptedPrivacyNotice: true } });
    return { token: d.startVisitorSession.token, sessionId: d.startVisitorSession.session.id };
  }

  async conversation(): Promise<Conversation> {
    const d = await this.call<{ visitorSession: { id: string; status: string; messages: { edges: Array<{ node: ChatMessage }> } } }>(`{ visitorSession { id status messages(first: 100) { edges { node { ${MESSAGE} } } } } }`);
    return { id: d.visitorSession.id, status: d.visitorSession.status, messages: d.visitorSession.messages.edges.map((e) => e.node) };
  }

  async send(text: string, files: File[]): Promise<ChatMessage> {
    const query = `mutation($t: String!, $f: [Upload!]) { sendVisitorMessage(text: $t, attachments: $f) { ${MESSAGE} } }`;
    if (!files.length) return (await this.call<{ sendVisitorMessage: ChatMessage }>(query, { t: text })).sendVisitorMessage;
    const form = new FormData();
    form.append("operations", JSON.stringify({ query, variables: { t: text, f: files.map(() => null) } }));
    form.append("map", JSON.stringify(Object.fromEntries(files.map((_, i) => [String(i), [`variables.f.${i}`]]))));
    files.forEach((f, i) => form.append(String(i), f, f.name));
    return (await this.call<{ sendVisitorMessage: ChatMessage }>(query, {}, form)).sendVisitorMessage;
  }

  typing(typing: boolean): Promise<unknown> {
    return this.call(`mutation($t: Boolean) { sendVisitorTyping(typing: $t) }`, { t: typing }).catch(() => undefined);
  }

  /** Live messages and the agent's typing, for this visitor's session only. */
  listen(onMessage: (m: ChatMessage) => void, onTyping: () => void): void {
    this.close();
    const token = this.token;
    this.ws = createClient({ url: `${this.base.replace(/^http/, "ws")}/graphql`, connectionParams: { Authorization: `Bearer ${token}` }, retryAttempts: 20, shouldRetry: () => true, lazy: false });
    const noop = () => undefined;
    this.ws.subscribe<{ visitorMessages: ChatMessage }>({ query: `subscription { visitorMessages { ${MESSAGE} } }` }, { next: (r) => r.data && onMessage(r.data.visitorMessages), error: noop, complete: noop });
    this.ws.subscribe({ query: `subscription { visitorTyping { typing } }` }, { next: onTyping, error: noop, complete: noop });
  }

  close(): void {
    void this.ws?.dispose();
    this.ws = null;
  }
}
