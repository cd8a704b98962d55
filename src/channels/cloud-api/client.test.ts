import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendJson, startFakeServer, type FakeServer } from "../../../test/support/fake-http-server";
import { CircuitBreakerRegistry } from "../../infra/providers/circuit-breaker";
import { CloudApiClient } from "./client";
import { ProviderError } from "../../infra/providers/errors";

const TOKEN = "EAAG-fake-access-token-0123456789abcdef";
const PHONE_NUMBER_ID = "109876543210987";
const noSleep = { sleep: async () => {}, jitter: 0 };

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  await server.close();
});

const client = (extra: Partial<ConstructorParameters<typeof CloudApiClient>[0]> = {}) =>
  new CloudApiClient({ graphApiUrl: `${server.url}/v24.0`, phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN, retry: noSleep, ...extra });

const sendOk = (id: string) => ({ messaging_product: "whatsapp", contacts: [{ input: "5511987654321", wa_id: "5511987654321" }], messages: [{ id }] });

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("CloudApiClient.sendText", () => {
  it("posts the documented payload with the bearer token and returns messages[0].id", async () => {
    server.handle((_req, res) => sendJson(res, 200, sendOk("wamid.OUT1")));
    const result = await client().sendText("552187766554", "Olá! Já verificamos seu pedido.");
    expect(result).toEqual({ providerMessageId: "wamid.OUT1" });
    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe(`/v24.0/${PHONE_NUMBER_ID}/messages`);
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers["content-type"]).toBe("application/json");
    // The 12-digit wa_id goes out exactly as received.
    expect(req.json()).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "552187766554",
      type: "text",
      text: { body: "Olá! Já verificamos seu pedido.", preview_url: false },
    });
  });

  it("adds a reply context when asked", async () => {
    server.handle((_req, res) => sendJson(res, 200, sendOk("wamid.OUT2")));
    await client().sendText("+5511987654321", "ok", { replyTo: "wamid.IN" });
    expect(server.requests[0]!.json()).toMatchObject({ to: "5511987654321", context: { message_id: "wamid.IN" } });
  });

  it("defaults to graph.facebook.com v24.0", async () => {
    const urls: string[] = [];
    const fakeFetch = (async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response(JSON.stringify(sendOk("wamid.D")), { status: 200 });
    }) as typeof fetch;
    await new CloudApiClient({ phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN, fetch: fakeFetch }).sendText("5511987654321", "x");
    expect(urls).toEqual([`https://graph.facebook.com/v24.0/${PHONE_NUMBER_ID}/messages`]);
  });

  it("does not retry a 400, surfaces Graph's code and redacts the token", async () => {
    server.handle((_req, res) =>
      sendJson(res, 400, {
        error: {
          message: `Re-engagement message (token ${TOKEN})`,
          type: "OAuthException",
          code: 131047,
          error_data: { messaging_product: "whatsapp", details: "More than 24 hours have passed since the customer last replied." },
          fbtrace_id: "A1",
        },
      }),
    );
    const error = await rejection(client().sendText("5511987654321", "x"));
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST", providerCode: "131047", retryable: false, provider: "cloud-api" });
    expect(error.message).toContain("131047");
    expect(error.message).toContain("24 hours");
    expect(error.message).not.toContain(TOKEN);
  });

  it("retries a 500 then succeeds, and retries throughput errors sent as 400", async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls++;
      if (calls === 1) return sendJson(res, 500, { error: { message: "Something went wrong", code: 131000 } });
      if (calls === 2) return sendJson(res, 400, { error: { message: "Rate limit hit", code: 130429 } });
      return sendJson(res, 200, sendOk("wamid.R"));
    });
    expect(await client({ retry: { ...noSleep, attempts: 3 } }).sendText("5511987654321", "x")).toEqual({ providerMessageId: "wamid.R" });
    expect(server.requests).toHaveLength(3);
  });

  it("honours Retry-After on 429 within the delay cap", async () => {
    let calls = 0;
    server.handle((_req, res) => (++calls === 1 ? sendJson(res, 429, {}, { "retry-after": "2" }) : sendJson(res, 200, sendOk("wamid.A"))));
    const delays: number[] = [];
    await client({ retry: { ...noSleep, baseDelayMs: 10, maxDelayMs: 5_000, sleep: async (ms) => void delays.push(ms) } }).sendText("5511987654321", "x");
    expect(delays).toEqual([2_000]);
  });
});

describe("CloudApiClient.downloadMedia", () => {
  it("resolves the media id then downloads the URL with the token", async () => {
    const file = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    server.handle((req, res) => {
      if (req.path === "/v24.0/9028334158148891") {
        return sendJson(res, 200, { messaging_product: "whatsapp", url: `${server.url}/whatsapp_business/attachments/?mid=9028334158148891&ext=1`, mime_type: "image/jpeg", sha256: "abc", file_size: 7, id: "9028334158148891" });
      }
      res.writeHead(200, { "content-type": "image/jpeg", "content-length": file.length });
      res.end(file);
    });
    const media = await client().downloadMedia("9028334158148891");
    expect(media).toEqual({ data: file, mimeType: "image/jpeg", sha256: "abc" });
    expect(server.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ["GET", "/v24.0/9028334158148891", `Bearer ${TOKEN}`],
      ["GET", "/whatsapp_business/attachments/?mid=9028334158148891&ext=1", `Bearer ${TOKEN}`],
    ]);
  });

  it("refuses to send the token to an untrusted media host", async () => {
    server.handle((_req, res) => sendJson(res, 200, { url: "http://attacker.example/steal", mime_type: "image/jpeg" }));
    const error = await rejection(client().downloadMedia("1"));
    expect(error.code).toBe("BAD_RESPONSE");
    expect(error.message).toContain("attacker.example");
    expect(server.requests).toHaveLength(1);
  });

  it("enforces the media size cap", async () => {
    server.handle((req, res) => {
      if (req.path.startsWith("/v24.0/")) return sendJson(res, 200, { url: `${server.url}/file`, mime_type: "video/mp4" });
      res.writeHead(200, { "content-type": "video/mp4" }); // no content-length: streamed check
      res.end(Buffer.alloc(4096));
    });
    const error = await rejection(client({ maxMediaBytes: 1024 }).downloadMedia("2"));
    expect(error).toMatchObject({ code: "MEDIA_TOO_LARGE", retryable: false });
  });

  it("maps an expired media id (404) to a non-retryable error", async () => {
    server.handle((_req, res) => sendJson(res, 404, { error: { message: "Unsupported get request", code: 100 } }));
    const error = await rejection(client().downloadMedia("3"));
    expect(error).toMatchObject({ status: 404, code: "NOT_FOUND", retryable: false, providerCode: "100" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("per-inbox circuit breakers", () => {
  it("isolates inboxes and half-opens after the cool-down", async () => {
    let now = 0;
    const registry = new CircuitBreakerRegistry({ failureThreshold: 2, coolDownMs: 1_000, now: () => now, provider: "cloud-api" });
    const broken = client({ breaker: registry.get("inbox-a"), retry: false });
    const healthy = client({ breaker: registry.get("inbox-b"), retry: false });
    server.handle((req, res) => (req.json() as { to: string }).to === "1111111111" ? sendJson(res, 503, {}) : sendJson(res, 200, sendOk("wamid.B")));

    await rejection(broken.sendText("1111111111", "x"));
    await rejection(broken.sendText("1111111111", "x"));
    expect(registry.states()).toEqual({ "inbox-a": "open", "inbox-b": "closed" });
    expect((await rejection(broken.sendText("1111111111", "x"))).code).toBe("CIRCUIT_OPEN");
    expect(await healthy.sendText("5511987654321", "x")).toEqual({ providerMessageId: "wamid.B" });

    now = 1_000;
    expect(registry.get("inbox-a").state).toBe("half-open");
    expect(await broken.sendText("5511987654321", "x")).toEqual({ providerMessageId: "wamid.B" });
    expect(registry.get("inbox-a").state).toBe("closed");
  });
});
