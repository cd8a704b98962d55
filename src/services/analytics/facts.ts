/**
 * The tables analytics aggregate ("facts"), each with the time its rows count at, how each
 * dimension (channel, inbox, team, agent, intent, label) reads on it, and the raw aggregates
 * it contributes. Everything here is SQL text; `measures.ts` assembles the queries.
 *
 * Conventions: the fact's alias is `f`; `s` is its conversation (sessions) when joined; `ho`
 * is the conversation's latest handoff (for a conversation's agent and team).
 */
export type Dimension = "CHANNEL" | "INBOX" | "TEAM" | "AGENT" | "INTENT" | "LABEL" | InternalDimension;
/** Groupings that exist on one fact only (AI cost report); a fact without them is left out of such a query. */
export type InternalDimension = "PROVIDER" | "MODEL" | "PURPOSE" | "STATUS";
type PublicDimension = Exclude<Dimension, "LABEL" | InternalDimension>;

export interface Fact {
  name: string;
  /** `FROM` item, aliased `f`. */
  table: string;
  /** The instant a row counts at. */
  time: string;
  /** Extra condition on every row. */
  where?: string;
  /** Joins every query of this fact needs (per-row lookups its aggregates read). */
  joins?: string[];
  /** Expression of the conversation id (joins `s`), or null when the fact is the sessions table itself. */
  sessionId: string | null;
  /** What label links point at for this fact. */
  label: { type: "SESSION" | "TICKET"; id: string };
  /** Each non-label dimension as a text expression over `f`, `s`, `ho`. */
  dims: Record<PublicDimension, string> & Partial<Record<InternalDimension, string>>;
  /** Raw aggregates: name → SQL aggregate. */
  aggregates: Record<string, string>;
}

const epoch = (a: string, b: string) => `extract(epoch FROM ${a} - ${b})`;
const p = (q: number, expr: string, cond: string) => `percentile_cont(${q}) WITHIN GROUP (ORDER BY ${expr}) FILTER (WHERE ${cond})`;
const conversationDims = { CHANNEL: "s.channel::text", INBOX: "s.inbox_id::text", INTENT: "s.intent", AGENT: "ho.agent_id::text", TEAM: "ho.team_id::text" };

export const FACTS: Fact[] = [
  {
    name: "sessions",
    table: "sessions f",
    time: "f.created_at",
    sessionId: null,
    label: { type: "SESSION", id: "f.id" },
    dims: { CHANNEL: "f.channel::text", INBOX: "f.inbox_id::text", INTENT: "f.intent", AGENT: "ho.agent_id::text", TEAM: "ho.team_id::text" },
    // The tenant's handoffs and AI replies since the period began (a conversation's come after its start),
    // each an index range, hashed once: neither a probe per conversation nor a scan of a whole table.
    joins: [
      "LEFT JOIN (SELECT DISTINCT hx.session_id FROM handoffs hx WHERE hx.tenant_id = $1 AND hx.created_at >= $2) hx ON hx.session_id = f.id",
      "LEFT JOIN (SELECT DISTINCT mx.session_id FROM messages mx WHERE mx.tenant_id = $1 AND mx.created_at >= $2 AND mx.sender = 'AI') mx ON mx.session_id = f.id",
    ],
    aggregates: {
      conversations: "count(*)",
      handedOff: "count(*) FILTER (WHERE hx.session_id IS NOT NULL)",
      autoResolved: "count(*) FILTER (WHERE hx.session_id IS NULL AND mx.session_id IS NOT NULL)",
      closed: "count(*) FILTER (WHERE f.status = 'CLOSED')",
      firstResponseP50Seconds: p(0.5, epoch("f.first_response_at", "f.created_at"), "f.first_response_at IS NOT NULL"),
      resolutionP50Seconds: p(0.5, epoch("f.ended_at", "f.created_at"), "f.ended_at IS NOT NULL AND f.status = 'CLOSED'"),
      // the dashboard's averages
      avgSessionMinutes: `avg(${epoch("coalesce(f.ended_at, f.last_message_at, f.created_at)", "f.created_at")}) / 60`,
      avgFirstResponseSeconds: `avg(${epoch("f.first_response_at", "f.created_at")}) FILTER (WHERE f.first_response_at IS NOT NULL)`,
      sessionCostBrl: "coalesce(sum(f.cost_brl), 0)",
    },
  },
  {
    name: "messages",
    table: "messages f",
    time: "f.created_at",
    sessionId: "f.session_id",
    label: { type: "SESSION", id: "f.session_id" },
    dims: conversationDims,
    aggregates: {
      messages: "count(*)",
      messagesIn: "count(*) FILTER (WHERE f.direction = 'INBOUND')",
      messagesOut: "count(*) FILTER (WHERE f.direction = 'OUTBOUND')",
    },
  },
  {
    name: "tickets",
    table: "tickets f",
    time: "f.created_at",
    sessionId: "f.session_id",
    label: { type: "TICKET", id: "f.id" },
    dims: { CHANNEL: "f.channel::text", INBOX: "s.inbox_id::text", INTENT: "f.intent", AGENT: "f.assignee_id::text", TEAM: "f.team_id::text", STATUS: "f.status::text" },
    aggregates: {
      tickets: "count(*)",
      ticketsEscalated: "count(*) FILTER (WHERE (f.triage->>'needsHuman')::boolean)",
      ticketsResolved: "count(*) FILTER (WHERE f.status IN ('RESOLVED', 'CLOSED'))",
      ticketsAutoResolved: "count(*) FILTER (WHERE (f.triage->>'autoResolved')::boolean)",
      slaTotal: "count(*) FILTER (WHERE f.first_response_due_at IS NOT NULL OR f.resolution_due_at IS NOT NULL)",
      slaMet:
        "count(*) FILTER (WHERE (f.first_response_due_at IS NOT NULL OR f.resolution_due_at IS NOT NULL) AND f.first_response_breached_at IS NULL AND f.resolution_breached_at IS NULL)",
    },
  },
  {
    name: "handoffs",
    table: "handoffs f",
    time: "f.created_at",
    sessionId: "f.session_id",
    label: { type: "SESSION", id: "f.session_id" },
    dims: { CHANNEL: "s.channel::text", INBOX: "s.inbox_id::text", INTENT: "s.intent", AGENT: "f.agent_id::text", TEAM: "f.team_id::text" },
    aggregates: {
      handoffs: "count(*)",
      handoffsCompleted: "count(*) FILTER (WHERE f.status = 'COMPLETED')",
      handleTimeAvgSeconds: `avg(${epoch("f.completed_at", "f.assigned_at")}) FILTER (WHERE f.completed_at IS NOT NULL AND f.assigned_at IS NOT NULL)`,
      agentFirstResponseP50Seconds: p(0.5, epoch("f.first_response_at", "coalesce(f.assigned_at, f.created_at)"), "f.first_response_at IS NOT NULL"),
      waitP50Seconds: p(0.5, epoch("f.assigned_at", "f.created_at"), "f.assigned_at IS NOT NULL"),
      waitP90Seconds: p(0.9, epoch("f.assigned_at", "f.created_at"), "f.assigned_at IS NOT NULL"),
      waitMaxSeconds: `max(${epoch("f.assigned_at", "f.created_at")})`,
      avgQueueWaitSeconds: `avg(${epoch("f.assigned_at", "f.created_at")}) FILTER (WHERE f.assigned_at IS NOT NULL)`,
      transfers: "coalesce(sum(f.transfer_count), 0)",
      slaTotal: "count(*) FILTER (WHERE f.first_response_due_at IS NOT NULL OR f.resolution_due_at IS NOT NULL)",
      slaMet:
        "count(*) FILTER (WHERE (f.first_response_due_at IS NOT NULL OR f.resolution_due_at IS NOT NULL) AND f.first_response_breached_at IS NULL AND f.resolution_breached_at IS NULL)",
      // the agent-entered satisfaction (1–5), kept apart from the customer's CSAT
      agentRatedSum: "coalesce(sum(f.satisfaction), 0)",
      agentRated: "count(f.satisfaction)",
      agentRatedPromoters: "count(*) FILTER (WHERE f.satisfaction = 5)",
      agentRatedDetractors: "count(*) FILTER (WHERE f.satisfaction <= 3)",
    },
  },
  {
    name: "surveys",
    table: "survey_responses f",
    time: "f.answered_at",
    where: "f.status = 'ANSWERED' AND f.score IS NOT NULL",
    sessionId: "f.session_id",
    label: { type: "SESSION", id: "f.session_id" },
    dims: { CHANNEL: "f.channel::text", INBOX: "f.inbox_id::text", INTENT: "s.intent", AGENT: "f.agent_id::text", TEAM: "f.team_id::text" },
    aggregates: {
      csatSum: "coalesce(sum(f.score) FILTER (WHERE f.kind = 'CSAT'), 0)",
      csatCount: "count(*) FILTER (WHERE f.kind = 'CSAT')",
      npsCount: "count(*) FILTER (WHERE f.kind = 'NPS')",
      npsPromoters: "count(*) FILTER (WHERE f.kind = 'NPS' AND f.score >= 9)",
      npsDetractors: "count(*) FILTER (WHERE f.kind = 'NPS' AND f.score <= 6)",
    },
  },
  {
    name: "ai_calls",
    table: "ai_calls f",
    time: "f.created_at",
    sessionId: "f.session_id",
    label: { type: "SESSION", id: "f.session_id" },
    dims: { ...conversationDims, PROVIDER: "f.provider_kind", MODEL: "f.model", PURPOSE: "f.purpose" },
    aggregates: {
      aiCostBrl: "coalesce(sum(f.cost_brl), 0)",
      aiTokensInput: "coalesce(sum(f.input_tokens), 0)",
      aiTokensOutput: "coalesce(sum(f.output_tokens), 0)",
      aiCalls: "count(*)",
      aiFallbacks: "count(*) FILTER (WHERE f.outcome = 'fallback')",
    },
  },
];

/** Aggregates that are counts or sums: they add up across facts and fill empty buckets with 0. */
export const ADDITIVE = new Set([
  "conversations", "handedOff", "autoResolved", "closed", "sessionCostBrl", "messages", "messagesIn", "messagesOut", "tickets", "ticketsResolved",
  "ticketsAutoResolved", "ticketsEscalated", "slaTotal", "slaMet", "handoffs", "transfers", "agentRatedSum", "agentRated", "agentRatedPromoters", "agentRatedDetractors",
  "handoffsCompleted", "csatSum", "csatCount", "npsCount", "npsPromoters", "npsDetractors", "aiCostBrl", "aiTokensInput", "aiTokensOutput", "aiCalls", "aiFallbacks",
]);
