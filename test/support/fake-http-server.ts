import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// Minimal programmable HTTP server on 127.0.0.1:0 for provider-client tests.

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json(): unknown;
}

export type FakeHandler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  /** Replace the handler between test steps. */
  handle(handler: FakeHandler): void;
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

export async function startFakeServer(initial: FakeHandler = (_req, res) => sendJson(res, 404, {})): Promise<FakeServer> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body,
        json: () => JSON.parse(body.toString("utf8")),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res)).catch((error: unknown) => {
        res.writeHead(599);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (h) => {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Answers the credentials checks `createInbox` makes: Evolution's `connectionState` (`open`) and the Graph API's
 * phone-number lookup; true when it did.
 */
export function answerCredentialChecks(req: RecordedRequest, res: ServerResponse): boolean {
  if (req.method !== "GET") return false;
  const [path = "", query = ""] = req.path.split("?");
  if (path.startsWith("/instance/connectionState/")) {
    sendJson(res, 200, { instance: { instanceName: decodeURIComponent(path.split("/").at(-1) ?? ""), state: "open" } });
    return true;
  }
  if (query.startsWith("fields=id")) {
    sendJson(res, 200, { id: decodeURIComponent(path.split("/").at(-1) ?? ""), display_phone_number: "+55 11 3004-5678", verified_name: "Loja" });
    return true;
  }
  return false;
}
