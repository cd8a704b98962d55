import type { Principal } from "../context";
import { Role } from "../schema/enums";

/**
 * The one rule of what an agent may see of conversations.
 *
 * A conversation (session) held by an agent is that agent's: other agents see
 * neither it in lists nor its content: messages, internal notes, the handoff's
 * resolution, documents that came with its messages. Agents see the queue, the
 * conversations the assistant is handling and their own. Supervisors, admins and
 * integrators see the whole tenant.
 *
 * Lists apply it in SQL (`sessionSql`, so counts and pages are right); everything
 * else goes through the resolver middleware `conversationVisibility`, which checks
 * every value of these types on every path (queries, nested fields, subscriptions).
 */
export class Visibility {
  /** Whether the rule restricts this caller at all. */
  restricts(p: Principal | null): p is Principal {
    return p?.role === Role.AGENT;
  }

  canSeeSession(p: Principal | null, session: { assignedAgentId: string | null }): boolean {
    if (!this.restricts(p)) return true;
    return !session.assignedAgentId || session.assignedAgentId === p.userId;
  }

  /** SQL condition on a sessions alias (null when the caller sees everything). */
  sessionSql(p: Principal, alias: string): { sql: string; params: Record<string, unknown> } | null {
    if (!this.restricts(p)) return null;
    return { sql: `(${alias}.assigned_agent_id IS NULL OR ${alias}.assigned_agent_id = :visibilityMe)`, params: { visibilityMe: p.userId } };
  }

  /** The same condition for rows that belong to a session through `sessionColumn` (e.g. `h.session_id`). */
  viaSessionSql(p: Principal, sessionColumn: string): { sql: string; params: Record<string, unknown> } | null {
    const own = this.sessionSql(p, "vs");
    return own ? { sql: `EXISTS (SELECT 1 FROM sessions vs WHERE vs.id = ${sessionColumn} AND ${own.sql})`, params: own.params } : null;
  }
}

/** Stateless: one shared instance (services.visibility is this one). */
export const visibility = new Visibility();
