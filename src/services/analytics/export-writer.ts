import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import type { EntityManager } from "typeorm";
import type { ExportKind } from "../../entities/analytics-export";
import { FACTS, type Fact } from "./facts";
import { factScope, type AnalyticsFilterValues } from "./measures";

/** Rows fetched per round trip: memory stays at one page whatever the export's size. */
export const EXPORT_PAGE = 2000;

interface Column { name: string; sql: string; personal?: boolean }
interface RawListSpec { fact: Fact; columns: Column[]; clientJoin: string }

const fact = (name: string, override: Partial<Fact> = {}): Fact => ({ ...FACTS.find((f) => f.name === name)!, ...override });
const epoch = (a: string, b: string) => `round(extract(epoch FROM ${a} - ${b})::numeric, 3)`;
const PERSON: Column[] = [
  { name: "client_name", sql: "c.name", personal: true },
  { name: "client_phone", sql: "c.phone", personal: true },
  { name: "client_email", sql: "c.email", personal: true },
];

/**
 * Raw lists an export can hold. Personal columns (the client's name, phone, e-mail, a survey's
 * comment) are written only when the requester's role may read them. Messages are metadata: no text.
 */
export const RAW_LISTS: Record<Exclude<ExportKind, "MEASURES">, RawListSpec> = {
  CONVERSATIONS: {
    fact: fact("sessions"),
    clientJoin: "LEFT JOIN clients c ON c.id = f.client_id",
    columns: [
      { name: "id", sql: "f.id" }, { name: "created_at", sql: "f.created_at" }, { name: "ended_at", sql: "f.ended_at" }, { name: "status", sql: "f.status::text" },
      { name: "channel", sql: "f.channel::text" }, { name: "inbox_id", sql: "f.inbox_id" }, { name: "intent", sql: "f.intent" }, { name: "assigned_agent_id", sql: "f.assigned_agent_id" },
      { name: "message_count", sql: "f.message_count" }, { name: "first_response_seconds", sql: epoch("f.first_response_at", "f.created_at") },
      { name: "cost_brl", sql: "f.cost_brl" }, { name: "tokens_input", sql: "f.tokens_input" }, { name: "tokens_output", sql: "f.tokens_output" }, { name: "client_id", sql: "f.client_id" },
      ...PERSON,
    ],
  },
  TICKETS: {
    fact: fact("tickets"),
    clientJoin: "LEFT JOIN clients c ON c.id = f.client_id",
    columns: [
      { name: "id", sql: "f.id" }, { name: "created_at", sql: "f.created_at" }, { name: "status", sql: "f.status::text" }, { name: "priority", sql: "f.priority::text" },
      { name: "channel", sql: "f.channel::text" }, { name: "intent", sql: "f.intent" }, { name: "category", sql: "f.category" }, { name: "assignee_id", sql: "f.assignee_id" },
      { name: "team_id", sql: "f.team_id" }, { name: "resolved_at", sql: "f.resolved_at" }, { name: "session_id", sql: "f.session_id" }, { name: "client_id", sql: "f.client_id" },
      { name: "subject", sql: "f.subject", personal: true }, ...PERSON,
    ],
  },
  MESSAGES: {
    fact: fact("messages"),
    clientJoin: "LEFT JOIN sessions sc ON sc.id = f.session_id LEFT JOIN clients c ON c.id = sc.client_id",
    columns: [
      { name: "id", sql: "f.id" }, { name: "created_at", sql: "f.created_at" }, { name: "session_id", sql: "f.session_id" }, { name: "direction", sql: "f.direction::text" },
      { name: "sender", sql: "f.sender::text" }, { name: "type", sql: "f.type::text" }, { name: "delivery_status", sql: "f.delivery_status::text" }, { name: "author_id", sql: "f.author_id" },
      { name: "tokens_input", sql: "f.tokens_input" }, { name: "tokens_output", sql: "f.tokens_output" },
      { name: "client_name", sql: "c.name", personal: true }, { name: "client_phone", sql: "c.phone", personal: true },
    ],
  },
  SURVEYS: {
    // Every survey sent in the period, answered or not.
    fact: fact("surveys", { time: "f.sent_at", where: undefined }),
    clientJoin: "LEFT JOIN clients c ON c.id = f.client_id",
    columns: [
      { name: "id", sql: "f.id" }, { name: "kind", sql: "f.kind" }, { name: "status", sql: "f.status" }, { name: "score", sql: "f.score" }, { name: "channel", sql: "f.channel::text" },
      { name: "inbox_id", sql: "f.inbox_id" }, { name: "agent_id", sql: "f.agent_id" }, { name: "team_id", sql: "f.team_id" }, { name: "session_id", sql: "f.session_id" },
      { name: "sent_at", sql: "f.sent_at" }, { name: "answered_at", sql: "f.answered_at" },
      { name: "comment", sql: "f.comment", personal: true }, ...PERSON,
    ],
  },
};

export interface ListQuery { tenantId: string; from: Date; to: Date; filter: AnalyticsFilterValues; personalData: boolean }

/** The page query of a raw list: keyset on (time, id), so each page is an index range, never an OFFSET. */
export function listPageSql(kind: Exclude<ExportKind, "MEASURES">, q: ListQuery, after: { t: Date; id: string } | null = null, limit = EXPORT_PAGE): { sql: string; params: unknown[]; columns: string[] } {
  const spec = RAW_LISTS[kind];
  const params: unknown[] = [q.tenantId, q.from, q.to];
  const param = (v: unknown) => `$${params.push(v)}`;
  const { joins, where } = factScope(spec.fact, { groupBy: [], filter: q.filter }, param);
  const columns = spec.columns.filter((c) => q.personalData || !c.personal);
  if (columns.some((c) => c.personal)) joins.push(spec.clientJoin);
  if (after) {
    const t = param(after.t);
    where.push(`${spec.fact.time} >= ${t}`, `(${spec.fact.time}, f.id) > (${t}::timestamptz, ${param(after.id)}::uuid)`);
  }
  const sql = `SELECT ${columns.map((c) => `${c.sql} AS "${c.name}"`).join(", ")}, ${spec.fact.time} AS "__t" FROM ${spec.fact.table} ${joins.join(" ")}
    WHERE ${where.join(" AND ")} ORDER BY ${spec.fact.time}, f.id LIMIT ${limit}`;
  return { sql, params, columns: columns.map((c) => c.name) };
}

/** Writes rows as CSV or JSON to a file, waiting for the disk when its buffer is full. */
export class RowFileWriter {
  private readonly out: WriteStream;
  private count = 0;

  constructor(path: string, private readonly format: "CSV" | "JSON", private readonly columns: string[]) {
    this.out = createWriteStream(path, { mode: 0o600 });
  }

  get rows(): number {
    return this.count;
  }

  async start(): Promise<void> {
    await this.write(this.format === "CSV" ? `${this.columns.map(csvField).join(",")}\r\n` : "[");
  }

  async row(values: Record<string, unknown>): Promise<void> {
    const line = this.format === "CSV"
      ? `${this.columns.map((c) => csvField(values[c])).join(",")}\r\n`
      : `${this.count ? "," : ""}\n${JSON.stringify(Object.fromEntries(this.columns.map((c) => [c, jsonValue(values[c])])))}`;
    this.count++;
    await this.write(line);
  }

  async finish(): Promise<void> {
    if (this.format === "JSON") await this.write("\n]\n");
    this.out.end();
    await once(this.out, "close");
  }

  destroy(): void {
    this.out.destroy();
  }

  private async write(chunk: string): Promise<void> {
    if (!this.out.write(chunk)) await once(this.out, "drain");
  }
}

function jsonValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) && v.length < 16) return Number(v);
  return v ?? null;
}

/** RFC 4180; a leading =, +, - or @ is neutralised so spreadsheets never run a formula from a client's text. */
export function csvField(v: unknown): string {
  if (v == null) return "";
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Streams one raw list into `writer`, page by page. */
export async function writeList(em: EntityManager, kind: Exclude<ExportKind, "MEASURES">, q: ListQuery, writer: RowFileWriter, pageSize = EXPORT_PAGE): Promise<void> {
  let after: { t: Date; id: string } | null = null;
  for (;;) {
    const { sql, params } = listPageSql(kind, q, after, pageSize);
    const rows = (await em.query(sql, params)) as Array<Record<string, unknown>>;
    for (const row of rows) await writer.row(row);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { t: last.__t as Date, id: last.id as string };
  }
}
