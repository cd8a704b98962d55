import { In, type EntityManager } from "typeorm";
import { Handoff } from "../../entities/handoff";
import { HandoffStatus } from "../../schema/enums";
import { isUuid } from "../../infra/ids";
import { labelFilterSql } from "../labels/labels.service";

/** Which queues a caller sees: `teams` null = every team; else the general queue plus these teams. */
export interface QueueScope { teams: string[] | null; teamId?: string | null; labelId?: string | null }

/** PENDING handoffs of a tenant in queue order: priority first, then age. */
export function pendingQueue(em: EntityManager, tenantId: string, scope: QueueScope = { teams: null }): Promise<Handoff[]> {
  const qb = em.createQueryBuilder(Handoff, "h").where("h.tenant_id = :tenantId AND h.status = :pending", { tenantId, pending: HandoffStatus.PENDING });
  if (scope.teams) qb.andWhere(scope.teams.length ? "(h.team_id IS NULL OR h.team_id IN (:...myTeams))" : "h.team_id IS NULL", { myTeams: scope.teams });
  if (scope.teamId) qb.andWhere(isUuid(scope.teamId) ? "h.team_id = :teamId" : "false", { teamId: scope.teamId });
  if (scope.labelId) {
    const l = labelFilterSql("SESSION", "h.session_id", tenantId, scope.labelId);
    qb.andWhere(l.sql, l.params);
  }
  return qb
    .orderBy("h.priority_rank", "DESC")
    .addOrderBy("h.created_at", "ASC")
    .addOrderBy("h.id", "ASC")
    .getMany();
}

export async function queueLength(em: EntityManager, tenantId: string): Promise<number> {
  return em.count(Handoff, { where: { tenantId, status: HandoffStatus.PENDING } });
}

/** 1-based positions of the given PENDING handoffs, computed in one query (null for others). */
export async function queuePositions(em: EntityManager, handoffs: readonly Handoff[]): Promise<Map<string, number>> {
  const pending = handoffs.filter((h) => h.status === HandoffStatus.PENDING);
  if (!pending.length) return new Map();
  const rows = await em.query(
    `SELECT id, position FROM (
       SELECT h.id, row_number() OVER (PARTITION BY h.tenant_id ORDER BY h.priority_rank DESC, h.created_at ASC, h.id ASC)::int AS position
       FROM handoffs h WHERE h.status = 'PENDING' AND h.tenant_id = ANY($1::uuid[])
     ) q WHERE q.id = ANY($2::uuid[])`,
    [[...new Set(pending.map((h) => h.tenantId))], pending.map((h) => h.id)],
  );
  return new Map((rows as Array<{ id: string; position: number }>).map((r) => [r.id, r.position]));
}

/** Open (ASSIGNED) handoffs per agent, for least-loaded assignment. */
export async function activeLoad(em: EntityManager, agentIds: string[]): Promise<Map<string, number>> {
  if (!agentIds.length) return new Map();
  const rows = await em
    .createQueryBuilder(Handoff, "h")
    .select("h.agent_id", "agentId")
    .addSelect("count(*)::int", "n")
    .where({ agentId: In(agentIds), status: HandoffStatus.ASSIGNED })
    .groupBy("h.agent_id")
    .getRawMany<{ agentId: string; n: number }>();
  return new Map(rows.map((r) => [r.agentId, r.n]));
}
