/**
 * Durable webhook intake without the platform: node:http verifying the Cloud API's
 * X-Hub-Signature-256 (HMAC-SHA256 of the raw body) and storing the event with
 * INSERT … ON CONFLICT DO NOTHING (unique per inbox and event key) before answering.
 */
import crypto from "node:crypto";
import http from "node:http";
import { Pool } from "pg";
import { listen, readBody } from "./common";

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const secret = process.env.APP_SECRET!;

async function main(): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_inbound_events (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), inbox_id uuid NOT NULL, event_key text NOT NULL, payload jsonb, received_at timestamptz NOT NULL DEFAULT now(), UNIQUE (inbox_id, event_key))`);
  const inboxId = crypto.randomUUID();
  const server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    const header = String(req.headers["x-hub-signature-256"] ?? "");
    const expected = "sha256=" + crypto.createHmac("sha256", secret).update(raw).digest("hex");
    if (header.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(header), Buffer.from(expected))) return void res.writeHead(401).end();
    let key: string;
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
      key = `msg:${(body as any).entry[0].changes[0].value.messages[0].id}`;
    } catch {
      return void res.writeHead(400).end();
    }
    try {
      const r = await pool.query(`INSERT INTO bench_inbound_events (inbox_id, event_key, payload) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`, [inboxId, key, body]);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok", accepted: r.rowCount, duplicates: 1 - (r.rowCount ?? 0) }));
    } catch {
      res.writeHead(503).end();
    }
  });
  listen(server);
}
void main();
