import { In } from "typeorm";
import { requirePrincipal, type RequestContext } from "../context";
import { Handoff } from "../entities/handoff";
import { HandoffNote } from "../entities/handoff-note";
import { Session } from "../entities/session";
import { HandoffStatus } from "../schema/enums";
import DataLoader from "dataloader";
import { byIdLoader, firstPagePerParent, groupLoader } from "../services/loaders";
import { pageSize } from "../schema/connection";
import { visibility } from "../services/visibility";
import { queuePositions } from "../services/handoffs/queue";

export const sessionLoader = (ctx: RequestContext) => ctx.loaders.get("session", () => byIdLoader(ctx.em, Session, requirePrincipal(ctx).tenantId));

/** First page of each client's sessions, batched; an agent sees only unassigned sessions and its own (as `sessions`). */
export const clientSessionsLoader = (ctx: RequestContext, first: number | null) => {
  const limit = pageSize(first);
  const p = requirePrincipal(ctx);
  const visible = visibility.sessionSql(p, "r") ?? undefined;
  return ctx.loaders.get(`clientSessions:${limit}`, () =>
    firstPagePerParent(ctx.em, Session, { tenantId: p.tenantId, parentColumn: "client_id", parentOf: (s) => s.clientId, limit, visible }),
  );
};

/** The open handoff of each session, else its latest one. */
export const sessionHandoffLoader = (ctx: RequestContext) =>
  ctx.loaders.get("sessionHandoff", () =>
    new DataLoader<string, Handoff | null>(async (ids) => {
      const rows = await ctx.em.find(Handoff, { where: { tenantId: requirePrincipal(ctx).tenantId, sessionId: In([...ids]) }, order: { createdAt: "DESC" } });
      const pick = new Map<string, Handoff>();
      for (const h of rows) {
        const cur = pick.get(h.sessionId);
        const open = (x: Handoff) => x.status === HandoffStatus.PENDING || x.status === HandoffStatus.ASSIGNED;
        if (!cur || (!open(cur) && open(h))) pick.set(h.sessionId, h);
      }
      return ids.map((id) => pick.get(id) ?? null);
    }),
  );

export const handoffNotesLoader = (ctx: RequestContext) =>
  ctx.loaders.get("handoffNotes", () =>
    groupLoader((ids) => ctx.em.find(HandoffNote, { where: { tenantId: requirePrincipal(ctx).tenantId, handoffId: In([...ids]) }, order: { createdAt: "ASC" } }), (n) => n.handoffId),
  );

/** queuePosition for every handoff of a response in one query. */
export const queuePositionLoader = (ctx: RequestContext) =>
  ctx.loaders.get("queuePosition", () =>
    new DataLoader<Handoff, number | null, string>(async (handoffs) => {
      const positions = await queuePositions(ctx.em, handoffs);
      return handoffs.map((h) => positions.get(h.id) ?? null);
    }, { cacheKeyFn: (h) => `${h.id}:${h.status}` }),
  );
