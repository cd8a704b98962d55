import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendJson, startFakeServer, type FakeServer } from "../../../test/support/fake-http-server";
import { CircuitBreaker } from "../../infra/providers/circuit-breaker";
import { EvolutionClient } from "./client";
import { CircuitOpenError, ProviderError } from "../../infra/providers/errors";

const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/webhooks");
const API_KEY = "E3B1C4D2-9A7F-4C1B-8D2E-5F6A7B8C9D0E";
const INSTANCE = "atendimento-loja01";
const noSleep = { sleep: async () => {}, jitter: 0 };

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  await server.close();
});

const client = (extra: Partial<ConstructorParameters<typeof EvolutionClient>[0]> = {}) =>
  new EvolutionClient({ baseUrl: `${server.url}/`, instance: INSTANCE, apiKey: API_KEY, retry: noSleep, ...extra });

const sendReply = (id: string) => ({
  key: { remoteJid: "5511987654321@s.whatsapp.net", fromMe: true, id },
  pushName: "",
  status: "PENDING",
  message: { conversation: "oi" },
  messageType: "conversation",
  messageTimestamp: 1795023380,
});

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("EvolutionClient.sendText", () => {
  it("posts the documented body with the apikey header and returns key.id", async () => {
    server.handle((_req, res) => sendJson(res, 201, sendReply("3EB0A1F2C3D4E5F6071829")));
    const result = await client().sendText("+55 11 98765-4321", "Oi Maria!", { delay: 1200 });
    expect(result).toEqual({ providerMessageId: "3EB0A1F2C3D4E5F6071829" });
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe(`/message/sendText/${INSTANCE}`);
    expect(req.headers.apikey).toBe(API_KEY);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers.authorization).toBeUndefined();
    expect(req.json()).toEqual({ number: "5511987654321", text: "Oi Maria!", delay: 1200, linkPreview: false });
  });

  it("omits delay when not given, passes JIDs through and supports quoting", async () => {
    server.handle((_req, res) => sendJson(res, 201, sendReply("ID2")));
    await client().sendText("5511987654321", "a");
    await client().sendText("120363041829374650@g.us", "b", { quoted: { id: "Q1", text: "orig" } });
    expect(server.requests[0]!.json()).toEqual({ number: "5511987654321", text: "a", linkPreview: false });
    expect(server.requests[1]!.json()).toEqual({
      number: "120363041829374650@g.us",
      text: "b",
      linkPreview: false,
      quoted: { key: { id: "Q1" }, message: { conversation: "orig" } },
    });
  });

  it("refuses an unusable recipient without calling Evolution", async () => {
    const error = await rejection(client().sendText("abc", "x"));
    expect(error.code).toBe("INVALID_RECIPIENT");
    expect(server.requests).toHaveLength(0);
  });

  it("retries a 500 and then succeeds", async () => {
    let calls = 0;
    server.handle((_req, res) => (++calls === 1 ? sendJson(res, 500, { status: 500, error: "Internal Server Error" }) : sendJson(res, 201, sendReply("OK1"))));
    const delays: number[] = [];
    const result = await client({ retry: { ...noSleep, baseDelayMs: 100, onRetry: (i) => delays.push(i.delayMs) } }).sendText("5511987654321", "x");
    expect(result.providerMessageId).toBe("OK1");
    expect(server.requests).toHaveLength(2);
    expect(delays).toEqual([100]);
  });

  it("does not retry a 400 and never leaks the apikey", async () => {
    server.handle((_req, res) =>
      sendJson(res, 400, { status: 400, error: "Bad Request", response: { message: [{ exists: false, jid: "5511000000000@s.whatsapp.net", apikey: API_KEY }] } }),
    );
    const error = await rejection(client().sendText("5511000000000", "x"));
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST", retryable: false, provider: "evolution" });
    expect(error.message).toContain("exists");
    expect(error.message).not.toContain(API_KEY);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
  });

  it("treats a 201 without key.id as a bad response", async () => {
    server.handle((_req, res) => sendJson(res, 201, { status: "PENDING" }));
    expect((await rejection(client().sendText("5511987654321", "x"))).code).toBe("BAD_RESPONSE");
  });

  it("times out per request and does not blindly resend after a timeout", async () => {
    server.handle(() => {
      /* never answers */
    });
    const error = await rejection(client({ timeoutMs: 150 }).sendText("5511987654321", "x"));
    expect(error).toMatchObject({ code: "TIMEOUT", retryable: true });
    expect(server.requests).toHaveLength(1);
  });

  it("reports an unreachable server as a retryable network error", async () => {
    const url = server.url;
    await server.close();
    const c = new EvolutionClient({ baseUrl: url, instance: INSTANCE, apiKey: API_KEY, retry: false });
    const error = await rejection(c.sendText("5511987654321", "x"));
    expect(error).toMatchObject({ code: "NETWORK", retryable: true, status: null });
    server = await startFakeServer(); // for afterEach
  });
});

describe("EvolutionClient.getMediaBase64", () => {
  it("posts the whole webhook data object and decodes the file", async () => {
    const fixture = JSON.parse(readFileSync(path.join(FIXTURES, "evolution/messages-upsert-audio-ptt.json"), "utf8"));
    const file = Buffer.from("OggS fake opus bytes \u0000\u00ff", "latin1");
    server.handle((_req, res) =>
      sendJson(res, 201, {
        mediaType: "audioMessage",
        fileName: "5D2B8E41F09A37C6E1B4D8F2A60C9E73.oga",
        caption: null,
        size: { fileLength: { low: 23817, high: 0, unsigned: true } },
        mimetype: "audio/ogg; codecs=opus",
        base64: file.toString("base64"),
        buffer: null,
      }),
    );
    const media = await client().getMediaBase64(fixture.data);
    expect(media).toEqual({ mimeType: "audio/ogg; codecs=opus", fileName: "5D2B8E41F09A37C6E1B4D8F2A60C9E73.oga", data: file });
    const req = server.requests[0]!;
    expect(req.path).toBe(`/chat/getBase64FromMediaMessage/${INSTANCE}`);
    expect(req.headers.apikey).toBe(API_KEY);
    expect(req.json()).toEqual({ message: fixture.data, convertToMp4: false });
  });

  it("accepts a data: URI and retries 503 for idempotent media fetches", async () => {
    let calls = 0;
    server.handle((_req, res) =>
      ++calls === 1 ? sendJson(res, 503, {}) : sendJson(res, 201, { mimetype: "image/jpeg", fileName: null, base64: "data:image/jpeg;base64,/9j/4A==" }),
    );
    const media = await client().getMediaBase64({ key: { id: "X" } });
    expect(media.data).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect(media.fileName).toBeNull();
    expect(calls).toBe(2);
  });
});

describe("EvolutionClient with a circuit breaker", () => {
  it("opens after repeated failures and half-opens after the cool-down", async () => {
    let now = 1_000_000;
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 30_000, now: () => now });
    const c = client({ breaker, retry: false });
    server.handle((_req, res) => sendJson(res, 502, {}));

    for (let i = 0; i < 3; i++) expect((await rejection(c.sendText("5511987654321", "x"))).status).toBe(502);
    expect(breaker.state).toBe("open");
    const open = await rejection(c.sendText("5511987654321", "x"));
    expect(open).toBeInstanceOf(CircuitOpenError);
    expect(open).toMatchObject({ code: "CIRCUIT_OPEN", retryable: false });
    expect(server.requests).toHaveLength(3); // short-circuited: Evolution not called

    now += 29_999;
    expect(breaker.state).toBe("open");
    now += 1;
    expect(breaker.state).toBe("half-open");
    // A failed trial re-opens immediately.
    await rejection(c.sendText("5511987654321", "x"));
    expect(breaker.state).toBe("open");
    expect(server.requests).toHaveLength(4);

    now += 30_000;
    server.handle((_req, res) => sendJson(res, 201, sendReply("BACK")));
    expect(await c.sendText("5511987654321", "x")).toEqual({ providerMessageId: "BACK" });
    expect(breaker.state).toBe("closed");
  });

  it("stops retrying once the circuit opens mid-retry", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 60_000 });
    server.handle((_req, res) => sendJson(res, 500, {}));
    const error = await rejection(client({ breaker, retry: { ...noSleep, attempts: 5 } }).sendText("5511987654321", "x"));
    expect(error.code).toBe("CIRCUIT_OPEN");
    expect(server.requests).toHaveLength(2);
  });
});
