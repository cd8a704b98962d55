import DataLoader from "dataloader";
import { requirePrincipal, type RequestContext } from "../context";
import { Client } from "../entities/client";
import { Ticket } from "../entities/ticket";
import { TicketComment } from "../entities/ticket-comment";
import { encodeCursor, pageSize, type Connection } from "../schema/connection";
import { byIdLoader, groupLoader } from "./loaders";
import { In } from "typeorm";

export const clientLoader = (ctx: RequestContext) =>
  ctx.loaders.get("client", () => byIdLoader(ctx.em, Client, requirePrincipal(ctx).tenantId));

export const ticketCommentsLoader = (ctx: RequestContext) =>
  ctx.loaders.get("ticketComments", () =>
    groupLoader(
      (ids) => ctx.em.find(TicketComment, { where: { tenantId: requirePrincipal(ctx).tenantId, ticketId: In([...ids]) }, order: { createdAt: "ASC", id: "ASC" } }),
      (c) => c.ticketId,
    ),
  );

/**
 * First page of each client's tickets in two queries for any number of clients: a
 * window function ranks tickets per client, and one grouped count gives totalCount.
 */
export const clientTicketsLoader = (ctx: RequestContext, first: number | null) => {
  const limit = pageSize(first);
  return ctx.loaders.get(`clientTickets:${limit}`, () =>
    new DataLoader<string, Connection<Ticket>>(async (clientIds) => {
      const tenantId = requirePrincipal(ctx).tenantId;
      const ids = [...clientIds];
      const ranked = limit === 0 ? [] : await ctx.em
        .createQueryBuilder()
        .select("r.id", "id")
        .from((sq) => sq
          .select("t.id", "id").addSelect("row_number() OVER (PARTITION BY t.client_id ORDER BY t.created_at DESC, t.id DESC)", "rn")
          .from(Ticket, "t").where("t.tenant_id = :tenantId AND t.client_id IN (:...ids)", { tenantId, ids }), "r")
        .where("r.rn <= :n", { n: limit + 1 })
        .getRawMany<{ id: string }>();
      const tickets = ranked.length ? await ctx.em.find(Ticket, { where: { id: In(ranked.map((r) => r.id)) }, order: { createdAt: "DESC", id: "DESC" } }) : [];
      const counts = await ctx.em.createQueryBuilder(Ticket, "t").select("t.client_id", "clientId").addSelect("count(*)::int", "n")
        .where("t.tenant_id = :tenantId AND t.client_id IN (:...ids)", { tenantId, ids }).groupBy("t.client_id").getRawMany<{ clientId: string; n: number }>();
      const countOf = new Map(counts.map((c) => [c.clientId, c.n]));
      return ids.map((id) => {
        const mine = tickets.filter((t) => t.clientId === id);
        const nodes = mine.slice(0, limit);
        const edges = nodes.map((node) => ({ cursor: encodeCursor(node.createdAt, node.id), node }));
        return { edges, pageInfo: { hasNextPage: mine.length > limit, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: countOf.get(id) ?? 0 };
      });
    }),
  );
};
