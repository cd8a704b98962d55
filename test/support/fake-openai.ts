import type { ServerResponse } from "node:http";
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from "./fake-http-server";

/** A chat.completions answer as OpenAI-compatible servers send it. */
export function completion(message: { content?: string | null; tool_calls?: unknown[] }, usage = { prompt_tokens: 120, completion_tokens: 30 }, model = "gpt-4o-mini") {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content: message.content ?? null, ...(message.tool_calls ? { tool_calls: message.tool_calls } : {}) }, finish_reason: message.tool_calls ? "tool_calls" : "stop" }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

export type OpenAiHandler = (body: { model: string; messages: Array<{ role: string; content?: string | null; tool_calls?: unknown[]; tool_call_id?: string }>; tools?: unknown[]; response_format?: unknown }, req: RecordedRequest, res: ServerResponse) => unknown | Promise<unknown>;

/** Fake OpenAI-compatible server on 127.0.0.1: the real SDK calls it at `${url}/v1`. */
/** Text → vector for the fake /embeddings endpoint. */
export type Embedder = (input: string) => number[];

export async function startFakeOpenAi(handler: OpenAiHandler): Promise<FakeServer & { baseUrl: string; setHandler(h: OpenAiHandler): void; setTranscript(t: string | null): void; setEmbedder(e: Embedder | null): void }> {
  let current = handler;
  let transcript: string | null = null; // null: the speech-to-text endpoint fails (500)
  let embedder: Embedder | null = null; // null: the embeddings endpoint fails (500)
  const server = await startFakeServer(async (req, res) => {
    if (req.path.endsWith("/audio/transcriptions")) return transcript === null ? sendJson(res, 500, { error: { message: "unavailable" } }) : sendJson(res, 200, { text: transcript });
    if (req.path.endsWith("/embeddings")) {
      if (!embedder) return sendJson(res, 500, { error: { message: "unavailable" } });
      const body = req.json() as { model: string; input: string | string[] };
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      return sendJson(res, 200, { object: "list", model: body.model, data: inputs.map((t, index) => ({ object: "embedding", index, embedding: embedder!(t) })), usage: { prompt_tokens: inputs.join(" ").split(/\s+/).length, total_tokens: inputs.join(" ").split(/\s+/).length } });
    }
    if (!req.path.endsWith("/chat/completions")) return sendJson(res, 404, { error: { message: "not found" } });
    const out = await current(req.json() as never, req, res);
    if (!res.headersSent && out !== undefined) sendJson(res, 200, out);
  });
  return Object.assign(server, { baseUrl: `${server.url}/v1`, setHandler: (h: OpenAiHandler) => (current = h), setTranscript: (t: string | null) => (transcript = t), setEmbedder: (e: Embedder | null) => (embedder = e) });
}
