import { requirePrincipal, type RequestContext } from "../context";
import { Client } from "../entities/client";
import { Ticket } from "../entities/ticket";
import { TicketComment } from "../entities/ticket-comment";
import { pageSize } from "../schema/connection";
import { byIdLoader, firstPagePerParent, groupLoader } from "../services/loaders";
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

/** First page of each client's tickets, batched over the clients of a request. */
export const clientTicketsLoader = (ctx: RequestContext, first: number | null) => {
  const limit = pageSize(first);
  return ctx.loaders.get(`clientTickets:${limit}`, () =>
    firstPagePerParent(ctx.em, Ticket, { tenantId: requirePrincipal(ctx).tenantId, parentColumn: "client_id", parentOf: (t) => t.clientId, limit }),
  );
};
