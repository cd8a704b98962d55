import crypto from "node:crypto";
import type { DataSource } from "typeorm";

/**
 * A small data set with known answers for the analytics tests, inserted with SQL at chosen
 * instants (tenant time zone America/Sao_Paulo, UTC−3). The period is Friday 2026-03-06 00:00
 * to Tuesday 2026-03-10 00:00 in São Paulo; Monday has nothing (a zero bucket).
 *
 *   S0 WHATSAPP Thu 23:59 local (02:59Z Fri)  outside the period
 *   S1 WHATSAPP inbox I1 "boleto"   Fri 10:00  AI answered, closed after 600 s, first response 30 s
 *   S2 WHATSAPP inbox I1 "suporte"  Fri 23:30  (Saturday in UTC) handoff H2 → agent A, team T1, label L1
 *   S3 WEB "suporte"                Sat 00:00  AI answered, then handoff H3 → agent B, team T2
 *   S4 EMAIL                        Sun 12:00  label L1, nothing else
 */
export interface AnalyticsSeed {
  inboxId: string;
  teamA: string;
  teamB: string;
  labelL1: string;
  labelL2: string;
  sessions: Record<"S0" | "S1" | "S2" | "S3" | "S4", string>;
  clientIds: string[];
}

export const PERIOD = { from: "2026-03-06T03:00:00.000Z", to: "2026-03-10T03:00:00.000Z" };
const uuid = () => crypto.randomUUID();
const at = (iso: string, plusSeconds = 0) => new Date(new Date(iso).getTime() + plusSeconds * 1000).toISOString();

export async function seedAnalytics(ds: DataSource, tenantId: string, agents: { a: string; b: string }): Promise<AnalyticsSeed> {
  const q = (sql: string, params: unknown[]) => ds.query(sql, params);
  const inboxId = uuid();
  await q(
    `INSERT INTO inboxes (id, tenant_id, name, provider, channel, webhook_key_hash, webhook_key_sealed, webhook_secret_sealed, config_sealed)
     VALUES ($1, $2, 'WhatsApp Vendas', 'EVOLUTION', 'WHATSAPP', $3, 'x', 'x', 'x')`,
    [inboxId, tenantId, crypto.randomBytes(16).toString("hex")],
  );
  const [teamA, teamB, labelL1, labelL2] = [uuid(), uuid(), uuid(), uuid()];
  await q(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $3, 'Financeiro'), ($2, $3, 'Suporte')`, [teamA, teamB, tenantId]);
  await q(`INSERT INTO labels (id, tenant_id, name) VALUES ($1, $3, 'VIP'), ($2, $3, 'Reclamação')`, [labelL1, labelL2, tenantId]);

  const clientIds: string[] = [];
  const client = async (name: string, phone: string, email: string) => {
    const id = uuid();
    await q(`INSERT INTO clients (id, tenant_id, name, phone, email) VALUES ($1, $2, $3, $4, $5)`, [id, tenantId, name, phone, email]);
    clientIds.push(id);
    return id;
  };
  const c1 = await client("Maria Souza", "+5511987654321", "maria@cliente.com.br");
  const c2 = await client("João Lima", "+5511912345678", "joao@cliente.com.br");

  const session = async (o: { created: string; channel: string; client: string; inbox?: string | null; intent?: string | null; status?: string; ended?: string | null; firstResponse?: number | null; cost?: number }) => {
    const id = uuid();
    await q(
      `INSERT INTO sessions (id, tenant_id, client_id, inbox_id, inbox_key, channel, status, created_at, updated_at, ended_at, first_response_at, intent, cost_brl, last_message_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12, $8)`,
      [id, tenantId, o.client, o.inbox ?? null, o.status === "CLOSED" ? `closed-${id}` : o.inbox ?? `k-${id}`, o.channel, o.status ?? "ACTIVE", o.created, o.ended ?? null, o.firstResponse == null ? null : at(o.created, o.firstResponse), o.intent ?? null, o.cost ?? 0],
    );
    return id;
  };
  const S0 = await session({ created: "2026-03-06T02:59:00.000Z", channel: "WHATSAPP", client: c1, inbox: inboxId, intent: "boleto", status: "CLOSED", ended: "2026-03-06T03:10:00.000Z", firstResponse: 5 });
  const S1 = await session({ created: "2026-03-06T13:00:00.000Z", channel: "WHATSAPP", client: c1, inbox: inboxId, intent: "boleto", status: "CLOSED", ended: at("2026-03-06T13:00:00.000Z", 600), firstResponse: 30, cost: 0.03 });
  const S2 = await session({ created: "2026-03-07T02:30:00.000Z", channel: "WHATSAPP", client: c2, inbox: inboxId, intent: "suporte", status: "CLOSED", ended: at("2026-03-07T02:30:00.000Z", 3700), firstResponse: 20 });
  const S3 = await session({ created: "2026-03-07T03:00:00.000Z", channel: "WEB", client: c2, intent: "suporte", status: "WITH_AGENT", firstResponse: 60 });
  const S4 = await session({ created: "2026-03-08T15:00:00.000Z", channel: "EMAIL", client: c1 });

  const message = (sessionId: string, when: string, direction: string, sender: string, author: string | null = null) =>
    q(`INSERT INTO messages (id, tenant_id, session_id, direction, sender, author_id, text, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'texto', $7, $7)`, [uuid(), tenantId, sessionId, direction, sender, author, when]);
  await message(S0, "2026-03-06T02:59:00.000Z", "INBOUND", "CLIENT");
  await message(S0, "2026-03-06T02:59:30.000Z", "OUTBOUND", "AI");
  await message(S1, "2026-03-06T13:00:00.000Z", "INBOUND", "CLIENT");
  await message(S1, "2026-03-06T13:00:30.000Z", "OUTBOUND", "AI");
  await message(S2, "2026-03-07T02:30:00.000Z", "INBOUND", "CLIENT");
  await message(S2, "2026-03-07T03:10:00.000Z", "OUTBOUND", "AGENT", agents.a); // Saturday 00:10 local
  await message(S3, "2026-03-07T03:00:00.000Z", "INBOUND", "CLIENT");
  await message(S3, "2026-03-07T03:01:00.000Z", "OUTBOUND", "AI");
  await message(S4, "2026-03-08T15:00:00.000Z", "INBOUND", "CLIENT");
  await message(S4, "2026-03-08T15:05:00.000Z", "INBOUND", "CLIENT");

  const handoff = (o: { session: string; created: string; wait: number; agent: string; team: string; status: string; completedAfter?: number; satisfaction: number; breached: boolean; transfers: number }) =>
    q(
      `INSERT INTO handoffs (id, tenant_id, session_id, reason, priority, priority_rank, status, agent_id, team_id, created_at, updated_at, assigned_at, completed_at, satisfaction,
                             first_response_due_at, first_response_breached_at, transfer_count, first_response_at)
       VALUES ($1, $2, $3, 'teste', 'MEDIUM', 2, $4, $5, $6, $7, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [uuid(), tenantId, o.session, o.status, o.agent, o.team, o.created, at(o.created, o.wait), o.completedAfter ? at(o.created, o.completedAfter) : null, o.satisfaction,
        at(o.created, 300), o.breached ? at(o.created, 300) : null, o.transfers, at(o.created, o.wait + 30)],
    );
  await handoff({ session: S0, created: "2026-03-06T02:59:40.000Z", wait: 9999, agent: agents.a, team: teamA, status: "COMPLETED", completedAfter: 10000, satisfaction: 1, breached: true, transfers: 0 });
  await handoff({ session: S2, created: "2026-03-07T02:31:00.000Z", wait: 120, agent: agents.a, team: teamA, status: "COMPLETED", completedAfter: 3600, satisfaction: 5, breached: false, transfers: 1 });
  await handoff({ session: S3, created: "2026-03-07T03:01:00.000Z", wait: 600, agent: agents.b, team: teamB, status: "ASSIGNED", satisfaction: 2, breached: true, transfers: 0 });

  const ticket = (o: { created: string; channel: string; client: string; session: string | null; status: string; intent: string; assignee: string | null; team: string | null; breached: boolean }) => {
    const id = uuid();
    return q(
      `INSERT INTO tickets (id, tenant_id, client_id, session_id, channel, message, status, priority, intent, triage, assignee_id, team_id, created_at, updated_at, resolution_due_at, resolution_breached_at)
       VALUES ($1, $2, $3, $4, $5, 'pedido', $6, 'MEDIUM', $7, $8, $9, $10, $11, $11, $12, $13)`,
      [id, tenantId, o.client, o.session, o.channel, o.status, o.intent, JSON.stringify({ intent: o.intent, autoResolved: o.status === "RESOLVED" }), o.assignee, o.team, o.created, at(o.created, 3600), o.breached ? at(o.created, 3600) : null],
    ).then(() => id);
  };
  await ticket({ created: "2026-03-06T14:00:00.000Z", channel: "WHATSAPP", client: c1, session: S1, status: "RESOLVED", intent: "boleto", assignee: null, team: null, breached: false });
  const tb = await ticket({ created: "2026-03-08T12:00:00.000Z", channel: "WEB", client: c2, session: null, status: "OPEN", intent: "troca", assignee: agents.b, team: teamB, breached: true });

  await q(`INSERT INTO label_links (label_id, target_type, target_id, tenant_id) VALUES ($1, 'SESSION', $2, $5), ($1, 'SESSION', $3, $5), ($4, 'TICKET', $6, $5)`, [labelL1, S2, S4, labelL2, tenantId, tb]);

  const survey = (o: { kind: string; score: number | null; answered: string | null; session: string; client: string; channel: string; agent?: string | null; team?: string | null; inbox?: string | null }) =>
    q(
      `INSERT INTO survey_responses (id, tenant_id, kind, status, client_id, session_id, agent_id, team_id, channel, inbox_id, score, sent_at, answered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [uuid(), tenantId, o.kind, o.answered ? "ANSWERED" : "SENT", o.client, o.session, o.agent ?? null, o.team ?? null, o.channel, o.inbox ?? null, o.score, o.answered ?? "2026-03-07T00:00:00.000Z", o.answered],
    );
  await survey({ kind: "CSAT", score: 5, answered: "2026-03-07T12:00:00.000Z", session: S2, client: c2, channel: "WHATSAPP", agent: agents.a, team: teamA, inbox: inboxId });
  await survey({ kind: "CSAT", score: 3, answered: "2026-03-08T12:00:00.000Z", session: S3, client: c2, channel: "WEB", agent: agents.b, team: teamB });
  await survey({ kind: "CSAT", score: null, answered: null, session: S3, client: c2, channel: "WEB", agent: agents.b, team: teamB });
  await survey({ kind: "NPS", score: 10, answered: "2026-03-06T20:00:00.000Z", session: S1, client: c1, channel: "WHATSAPP", inbox: inboxId });
  await survey({ kind: "NPS", score: 9, answered: "2026-03-07T20:00:00.000Z", session: S2, client: c2, channel: "WHATSAPP", inbox: inboxId });
  await survey({ kind: "NPS", score: 6, answered: "2026-03-08T20:00:00.000Z", session: S4, client: c1, channel: "EMAIL" });

  const aiCall = (session: string | null, provider: string, model: string, purpose: string, input: number, output: number, cost: number, when: string, outcome = "ok") =>
    q(
      `INSERT INTO ai_calls (id, tenant_id, session_id, provider_kind, model, purpose, input_tokens, output_tokens, cost_brl, outcome, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [uuid(), tenantId, session, provider, model, purpose, input, output, cost, outcome, when],
    );
  await aiCall(S0, "OPENAI", "gpt-4o-mini", "triage", 1000, 1000, 1, "2026-03-06T02:59:10.000Z");
  await aiCall(S1, "OPENAI", "gpt-4o-mini", "triage", 100, 20, 0.01, "2026-03-06T13:00:05.000Z");
  await aiCall(S1, "OPENAI", "gpt-4o-mini", "reply", 200, 50, 0.02, "2026-03-06T13:00:25.000Z");
  await aiCall(S3, "GROQ", "llama-3.1-8b", "triage", 50, 10, 0.005, "2026-03-07T03:00:05.000Z", "fallback");

  return { inboxId, teamA, teamB, labelL1, labelL2, sessions: { S0, S1, S2, S3, S4 }, clientIds };
}

/** Another tenant's rows in the same period: must never show in the first tenant's numbers. */
export async function seedNoise(ds: DataSource, tenantId: string): Promise<void> {
  const client = uuid();
  const session = uuid();
  await ds.query(`INSERT INTO clients (id, tenant_id, name, phone) VALUES ($1, $2, 'Outro Cliente', '+5521999990000')`, [client, tenantId]);
  await ds.query(`INSERT INTO sessions (id, tenant_id, client_id, channel, created_at, updated_at, inbox_key) VALUES ($1, $2, $3, 'WHATSAPP', '2026-03-06T15:00:00Z', '2026-03-06T15:00:00Z', 'x')`, [session, tenantId, client]);
  await ds.query(`INSERT INTO messages (id, tenant_id, session_id, direction, sender, text, created_at, updated_at) VALUES ($1, $2, $3, 'INBOUND', 'CLIENT', 'oi', '2026-03-06T15:00:00Z', '2026-03-06T15:00:00Z')`, [uuid(), tenantId, session]);
  await ds.query(`INSERT INTO ai_calls (id, tenant_id, session_id, provider_kind, model, purpose, cost_brl, outcome, created_at) VALUES ($1, $2, $3, 'OPENAI', 'gpt-4o', 'reply', 5, 'ok', '2026-03-06T15:00:01Z')`, [uuid(), tenantId, session]);
}
