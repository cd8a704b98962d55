import { In, type DataSource, type EntityManager } from "typeorm";
import { Team, TeamMember } from "../../entities/team";
import { User } from "../../entities/user";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Errors } from "../../schema/errors";
import { HandoffStatus, QueueEventKind, Role } from "../../schema/enums";
import { Handoff } from "../../entities/handoff";
import type { Events } from "../events";
import type { AuditService } from "../audit.service";
import { groupLoader } from "../loaders";
import { findOwned, isUuid } from "../scoped";
import { optionalText, requiredText } from "../validation/input";
import { mapUniqueViolation } from "../db-errors";

/** Teams a user belongs to (ids). */
export async function teamIdsOf(em: EntityManager, tenantId: string, userId: string | null): Promise<string[]> {
  if (!userId) return [];
  const rows = await em.find(TeamMember, { where: { tenantId, userId }, select: { teamId: true } });
  return rows.map((r) => r.teamId);
}

/** Departments of a tenant and who is in them. */
export class TeamsService {
  constructor(private readonly ds: DataSource, private readonly audit: AuditService, private readonly events: Events) {}

  list(ctx: RequestContext): Promise<Team[]> {
    return ctx.em.find(Team, { where: { tenantId: requirePrincipal(ctx).tenantId }, order: { name: "ASC" } });
  }

  get(ctx: RequestContext, id: string): Promise<Team> {
    return findOwned(ctx, Team, id, "Equipe");
  }

  /** A team id given as input: BAD_USER_INPUT naming `field` when it is not one of the tenant's. */
  async requireTeam(ctx: RequestContext, field: string, id: string): Promise<Team> {
    const team = isUuid(id) ? await ctx.em.findOne(Team, { where: { id, tenantId: requirePrincipal(ctx).tenantId } }) : null;
    if (!team) throw Errors.badInput(field, "Equipe não encontrada.");
    return team;
  }

  async create(ctx: RequestContext, input: { name: string; description?: string | null }): Promise<Team> {
    const p = requirePrincipal(ctx);
    const name = requiredText("name", input.name, 80, "O nome");
    const description = optionalText("description", input.description, 500, "A descrição");
    return inTransaction(this.ds, ctx, async (tx) => {
      const team = await this.saveUnique(tx, tx.em.create(Team, { tenantId: p.tenantId, name, description }));
      await this.audit.log(tx, "team.created", { teamId: team.id });
      return team;
    });
  }

  async update(ctx: RequestContext, id: string, input: { name: string; description?: string | null }): Promise<Team> {
    const name = requiredText("name", input.name, 80, "O nome");
    const description = optionalText("description", input.description, 500, "A descrição");
    return inTransaction(this.ds, ctx, async (tx) => {
      const team = await findOwned(tx, Team, id, "Equipe", { lock: true });
      Object.assign(team, { name, description });
      const saved = await this.saveUnique(tx, team);
      await this.audit.log(tx, "team.updated", { teamId: team.id });
      return saved;
    });
  }

  /** Replaces the members (active staff users of the tenant). */
  async setMembers(ctx: RequestContext, teamId: string, userIds: string[]): Promise<Team> {
    const p = requirePrincipal(ctx);
    const ids = [...new Set(userIds)];
    if (ids.length > 500) throw Errors.badInput("userIds", "Uma equipe tem no máximo 500 membros.");
    return inTransaction(this.ds, ctx, async (tx) => {
      const team = await findOwned(tx, Team, teamId, "Equipe", { lock: true });
      const valid = ids.every(isUuid) && ids.length ? await tx.em.find(User, { where: { id: In(ids), tenantId: p.tenantId } }) : [];
      const users = new Map(valid.map((u) => [u.id, u]));
      ids.forEach((id, i) => {
        const u = users.get(id);
        if (!u || u.deactivatedAt || u.role === Role.INTEGRATOR) throw Errors.badInput(`userIds.${i}`, "Usuário não encontrado.");
      });
      await tx.em.delete(TeamMember, { teamId: team.id });
      if (ids.length) await tx.em.insert(TeamMember, ids.map((userId) => ({ teamId: team.id, userId, tenantId: p.tenantId })));
      await this.audit.log(tx, "team.members_set", { teamId: team.id, members: ids.length });
      return team;
    });
  }

  /**
   * Deletes a team: its members, routing rules and SLA policies go with it; its open
   * handoffs and tickets fall back to the general queue (consoles hear of each handoff).
   */
  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const team = await findOwned(tx, Team, id, "Equipe", { lock: true });
      const open = await tx.em.find(Handoff, { where: { tenantId: team.tenantId, teamId: team.id, status: In([HandoffStatus.PENDING, HandoffStatus.ASSIGNED]) } });
      await tx.em.delete(Team, { id: team.id });
      for (const h of open) await this.events.queue(tx, h.tenantId, QueueEventKind.REORDERED, { ...h, teamId: null }, team.id);
      await this.audit.log(tx, "team.deleted", { teamId: team.id, openHandoffs: open.length });
      return true;
    });
  }

  private async saveUnique(ctx: RequestContext, team: Team): Promise<Team> {
    try {
      return await ctx.em.save(team);
    } catch (err) {
      mapUniqueViolation(err, { teams_tenant_name_uq: { field: "name", message: "Já existe uma equipe com este nome." } });
    }
  }
}

/** Members of each team of a request, batched. */
export const teamMembersLoader = (ctx: RequestContext) =>
  ctx.loaders.get("teamMembers", () =>
    groupLoader(
      async (teamIds) => {
        const tenantId = requirePrincipal(ctx).tenantId;
        const links = await ctx.em.find(TeamMember, { where: { tenantId, teamId: In([...teamIds]) } });
        const users = links.length ? await ctx.em.find(User, { where: { tenantId, id: In(links.map((l) => l.userId)) }, order: { name: "ASC" } }) : [];
        const byId = new Map(users.map((u) => [u.id, u]));
        return links.flatMap((l) => (byId.has(l.userId) ? [{ teamId: l.teamId, user: byId.get(l.userId)! }] : []));
      },
      (r) => r.teamId,
    ),
  );
