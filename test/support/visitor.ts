import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { CreateInboxDocument, SendVisitorMessageDocument, StartVisitorSessionDocument } from "../generated/graphql";
import { GqlClient, wsUrl } from "./gql";
import type { TestServer } from "./server";
import type { TestTenant } from "./tenant";

export const SITE = "https://www.loja-exemplo.com.br";

/** A web chat inbox allowing `origins`; returns its public key. */
export async function createWebChat(t: TestTenant, origins: string[] = [SITE], extra: Record<string, unknown> = {}): Promise<{ id: string; publicKey: string }> {
  const r = await t.admin.client.ok(`mutation($input: CreateInboxInput!) { createInbox(input: $input) { inbox { id publicKey } } }`, {
    input: { name: "Chat do site", provider: "WEB_CHAT", webChat: { allowedOrigins: origins, color: "#7a1fa2", welcomeText: "Olá! Como podemos ajudar?", privacyNoticeUrl: "https://www.loja-exemplo.com.br/privacidade", privacyNoticeVersion: "2024-05", ...extra } },
  });
  void CreateInboxDocument;
  return r.createInbox.inbox;
}

/** A browser on `origin` calling the API (it sends Origin on every request). */
export function fromSite(server: TestServer, token?: string, origin = SITE): GqlClient {
  return new GqlClient(server.url, token, { origin });
}

export async function startVisitor(server: TestServer, publicKey: string, input: Record<string, unknown> = {}, origin = SITE): Promise<{ token: string; sessionId: string; client: GqlClient }> {
  const r = await fromSite(server, undefined, origin).ok(StartVisitorSessionDocument, { input: { publicKey, acceptedPrivacyNotice: true, ...input } });
  return { token: r.startVisitorSession.token, sessionId: r.startVisitorSession.session.id, client: fromSite(server, r.startVisitorSession.token, origin) };
}

/** graphql-ws from a browser page on `origin` (the upgrade request carries Origin). */
export function visitorWs(server: TestServer, token: string, origin = SITE): Client {
  class BrowserSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin } });
    }
  }
  return createClient({ url: wsUrl(server.url), webSocketImpl: BrowserSocket, connectionParams: { Authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: true });
}

/** sendVisitorMessage with files, as the widget sends it (GraphQL multipart request). */
export async function sendWithFiles(server: TestServer, token: string, text: string, files: Array<{ data: Buffer; name: string; type: string }>, origin = SITE) {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query: print(SendVisitorMessageDocument).replace("sendVisitorMessage(text: $text)", "sendVisitorMessage(text: $text, attachments: $files)").replace("($text: String!)", "($text: String!, $files: [Upload!])"), variables: { text, files: files.map(() => null) } }));
  form.append("map", JSON.stringify(Object.fromEntries(files.map((_, i) => [String(i), [`variables.files.${i}`]]))));
  files.forEach((f, i) => form.append(String(i), new Blob([new Uint8Array(f.data)], { type: f.type }), f.name));
  const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { authorization: `Bearer ${token}`, origin, "apollo-require-preflight": "true" }, body: form });
  return (await res.json()) as { data?: { sendVisitorMessage: { id: string; type: string } } | null; errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }> };
}
