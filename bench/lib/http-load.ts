import { Pool } from "undici";
import { summarize, type Summary } from "./stats";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  latencyMs: Summary;
  /** First error body seen (to spot a misconfigured scenario). */
  firstError?: string;
}

/**
 * Closed-loop load: `connections` keep-alive connections, each sending its next
 * request as soon as the previous answer is read, for `durationMs`. Request `i` is
 * built by `make(i)` (e.g. a distinct sender per webhook).
 */
export async function closedLoop(origin: string, make: (i: number) => LoadRequest, opts: { connections: number; durationMs: number; okStatus?: (status: number) => boolean }): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: opts.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const ok = opts.okStatus ?? ((s: number) => s >= 200 && s < 300);
  const latencies: number[] = [];
  let errors = 0;
  let seq = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const req = make(seq++);
      const t0 = performance.now();
      try {
        const res = await pool.request({ origin, method: req.method, path: req.path, headers: req.headers, body: req.body });
        const text = await res.body.text();
        if (ok(res.statusCode)) latencies.push(performance.now() - t0);
        else {
          errors++;
          firstError ??= `${res.statusCode} ${text.slice(0, 300)}`;
        }
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return { requests: latencies.length, errors, perSecond: latencies.length / elapsed, latencyMs: summarize(latencies), firstError };
}

/** One request, returning status and body (setup and sanity checks). */
export async function request(origin: string, req: LoadRequest): Promise<{ status: number; body: string }> {
  const res = await fetch(origin + req.path, { method: req.method, headers: req.headers, body: req.body as never });
  return { status: res.status, body: await res.text() };
}
