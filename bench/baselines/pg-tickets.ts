/**
 * The tickets list without the platform: node:http + pg running the equivalent SQL
 * (a page of 50 tickets with their clients, the total count) and serialising the
 * same JSON the GraphQL answer has.
 */
import http from "node:http";
import { Pool } from "pg";
import { listen, readBody } from "./common";

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const tenantId = process.env.TENANT_ID!;
const PAGE = 50;

const cursor = (createdAt: Date, id: string) => Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");

const server = http.createServer(async (req, res) => {
  await readBody(req);
  try {
    const [rows, count] = await Promise.all([
      pool.query(
        `SELECT t.id, t.subject, t.status, t.priority, t.created_at, c.id AS client_id, c.name AS client_name
         FROM tickets t JOIN clients c ON c.id = t.client_id
         WHERE t.tenant_id = $1 ORDER BY t.created_at DESC, t.id DESC LIMIT $2`,
        [tenantId, PAGE + 1],
      ),
      pool.query(`SELECT count(*)::int AS n FROM tickets WHERE tenant_id = $1`, [tenantId]),
    ]);
    const page = rows.rows.slice(0, PAGE);
    const edges = page.map((r) => ({
      cursor: cursor(r.created_at, r.id),
      node: { id: r.id, subject: r.subject, status: r.status, priority: r.priority, createdAt: r.created_at.toISOString(), client: { id: r.client_id, name: r.client_name } },
    }));
    const body = JSON.stringify({ data: { tickets: { edges, pageInfo: { hasNextPage: rows.rows.length > PAGE, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: count.rows[0].n } } });
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
    res.end(body);
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});
listen(server);
