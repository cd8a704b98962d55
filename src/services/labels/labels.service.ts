import crypto from "node:crypto";
import { In, type DataSource } from "typeorm";
import { Label, LabelLink } from "../../entities/label";
import { Client } from "../../entities/client";
import { Session } from "../../entities/session";
import { Ticket } from "../../entities/ticket";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Errors } from "../../schema/errors";
import type { AuditService } from "../audit.service";
import { mapUniqueViolation } from "../db-errors";
import { groupLoader } from "../loaders";
import { findOwned, isUuid } from "../scoped";
import { requiredText } from "../validation/input";
import { visibility } from "../visibility";

export type LabelTargetType = LabelLink["targetType"];
export interface LabelTarget { sessionId?: string | null; ticketId?: string | null; clientId?: string | null }

const COLOR = /^#[0-9a-fA-F]{6}$/;
const MAX_LABELS_PER_TARGET = 50;

/**
 * SQL condition "the row at `column` carries label `labelId`" for list filters (a unique
 * parameter name per call, so several filters can share a query).
 */
export function labelFilterSql(type: LabelTargetType, column: string, tenantId: string, labelId: string): { sql: string; params: Record<string, unknown> } {
  if (!isUuid(labelId)) return { sql: "false", params: {} };
  const k = `lbl${crypto.randomBytes(3).toString("hex")}`;
  return {
    sql: `EXISTS (SELECT 1 FROM label_links ${k} WHERE ${k}.tenant_id = :${k}t AND ${k}.target_type = :${k}y AND ${k}.target_id = ${column} AND ${k}.label_id = :${k}l)`,
    params: { [`${k}t`]: tenantId, [`${k}y`]: type, [`${k}l`]: labelId },
  };
}

/** Labels of each target of one type, batched per request (name order). */
export const labelsLoader = (ctx: RequestContext, type: LabelTargetType) =>
  ctx.loaders.get(`labels:${type}`, () =>
    groupLoader(
      async (ids) => {
        const tenantId = requirePrincipal(ctx).tenantId;
        const links = await ctx.em.find(LabelLink, { where: { tenantId, targetType: type, targetId: In([...ids]) } });
        const labels = links.length ? await ctx.em.find(Label, { where: { tenantId, id: In([...new Set(links.map((l) => l.labelId))]) }, order: { name: "ASC" } }) : [];
        const byId = new Map(labels.map((l) => [l.id, l]));
        return labels.length ? links.filter((l) => byId.has(l.labelId)).sort((a, b) => byId.get(a.labelId)!.name.localeCompare(byId.get(b.labelId)!.name)).map((l) => ({ targetId: l.targetId, label: byId.get(l.labelId)! })) : [];
      },
      (r) => r.targetId,
    ),
  );

/** A tenant's labels and where they are put (conversations, tickets, clients). */
export class LabelsService {
  constructor(private readonly ds: DataSource, private readonly audit: AuditService) {}

  list(ctx: RequestContext): Promise<Label[]> {
    return ctx.em.find(Label, { where: { tenantId: requirePrincipal(ctx).tenantId }, order: { name: "ASC" } });
  }

  async create(ctx: RequestContext, input: { name: string; color?: string | null }): Promise<Label> {
    const p = requirePrincipal(ctx);
    const name = requiredText("name", input.name, 60, "O nome");
    const color = input.color ?? "#6b7280";
    if (!COLOR.test(color)) throw Errors.badInput("color", "Cor inválida: use #rrggbb.");
    return inTransaction(this.ds, ctx, async (tx) => {
      try {
        const label = await tx.em.save(tx.em.create(Label, { tenantId: p.tenantId, name, color: color.toLowerCase() }));
        await this.audit.log(tx, "label.created", { labelId: label.id });
        return label;
      } catch (err) {
        mapUniqueViolation(err, { labels_tenant_name_uq: { field: "name", message: "Já existe uma etiqueta com este nome." } });
      }
    });
  }

  async update(ctx: RequestContext, id: string, input: { name: string; color?: string | null }): Promise<Label> {
    const name = requiredText("name", input.name, 60, "O nome");
    if (input.color != null && !COLOR.test(input.color)) throw Errors.badInput("color", "Cor inválida: use #rrggbb.");
    return inTransaction(this.ds, ctx, async (tx) => {
      const label = await findOwned(tx, Label, id, "Etiqueta", { lock: true });
      Object.assign(label, { name, ...(input.color != null ? { color: input.color.toLowerCase() } : {}) });
      try {
        await tx.em.save(label);
      } catch (err) {
        mapUniqueViolation(err, { labels_tenant_name_uq: { field: "name", message: "Já existe uma etiqueta com este nome." } });
      }
      await this.audit.log(tx, "label.updated", { labelId: label.id });
      return label;
    });
  }

  /** Deletes a label and takes it off everything it was on. */
  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const label = await findOwned(tx, Label, id, "Etiqueta", { lock: true });
      await tx.em.delete(Label, { id: label.id });
      await this.audit.log(tx, "label.deleted", { labelId: label.id });
      return true;
    });
  }

  /** Label ids given as input: every one must be the tenant's (BAD_USER_INPUT naming the first that is not). */
  async requireLabels(ctx: RequestContext, field: string, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length > MAX_LABELS_PER_TARGET) throw Errors.badInput(field, `Use no máximo ${MAX_LABELS_PER_TARGET} etiquetas.`);
    const found = unique.some((id) => !isUuid(id)) || !unique.length ? [] : await ctx.em.find(Label, { where: { tenantId: requirePrincipal(ctx).tenantId, id: In(unique) } });
    const known = new Set(found.map((l) => l.id));
    const missing = unique.findIndex((id) => !known.has(id));
    if (missing >= 0) throw Errors.badInput(`${field}.${ids.indexOf(unique[missing]!)}`, "Etiqueta não encontrada.");
    return unique;
  }

  async add(ctx: RequestContext, input: LabelTarget & { labelIds: string[] }): Promise<Label[]> {
    const { type, id } = await this.target(ctx, input);
    const ids = await this.requireLabels(ctx, "labelIds", input.labelIds);
    const tenantId = requirePrincipal(ctx).tenantId;
    if (ids.length) await ctx.em.createQueryBuilder().insert().into(LabelLink).values(ids.map((labelId) => ({ labelId, targetType: type, targetId: id, tenantId }))).orIgnore().execute();
    return this.of(ctx, type, id);
  }

  async remove(ctx: RequestContext, input: LabelTarget & { labelIds: string[] }): Promise<Label[]> {
    const { type, id } = await this.target(ctx, input);
    const ids = await this.requireLabels(ctx, "labelIds", input.labelIds);
    if (ids.length) await ctx.em.delete(LabelLink, { tenantId: requirePrincipal(ctx).tenantId, targetType: type, targetId: id, labelId: In(ids) });
    return this.of(ctx, type, id);
  }

  /** Replaces a target's labels (updateTicket's `labels`), inside the caller's transaction. */
  async set(tx: RequestContext, type: LabelTargetType, targetId: string, labelIds: string[]): Promise<void> {
    const ids = await this.requireLabels(tx, "labels", labelIds);
    const tenantId = requirePrincipal(tx).tenantId;
    await tx.em.delete(LabelLink, { tenantId, targetType: type, targetId });
    if (ids.length) await tx.em.insert(LabelLink, ids.map((labelId) => ({ labelId, targetType: type, targetId, tenantId })));
  }

  private async of(ctx: RequestContext, type: LabelTargetType, id: string): Promise<Label[]> {
    const links = await ctx.em.find(LabelLink, { where: { tenantId: requirePrincipal(ctx).tenantId, targetType: type, targetId: id } });
    return links.length ? ctx.em.find(Label, { where: { tenantId: requirePrincipal(ctx).tenantId, id: In(links.map((l) => l.labelId)) }, order: { name: "ASC" } }) : [];
  }

  /** Exactly one of sessionId, ticketId, clientId; the row must be the tenant's (and a conversation visible to an agent). */
  private async target(ctx: RequestContext, input: LabelTarget): Promise<{ type: LabelTargetType; id: string }> {
    const given = [input.sessionId, input.ticketId, input.clientId].filter(Boolean);
    if (given.length !== 1) throw Errors.badInput("sessionId", "Informe exatamente um de sessionId, ticketId ou clientId.");
    if (input.sessionId) {
      const session = await findOwned(ctx, Session, input.sessionId, "Conversa");
      if (!visibility.canSeeSession(ctx.principal, session)) throw Errors.notFound("Conversa");
      return { type: "SESSION", id: session.id };
    }
    if (input.ticketId) return { type: "TICKET", id: (await findOwned(ctx, Ticket, input.ticketId, "Chamado")).id };
    return { type: "CLIENT", id: (await findOwned(ctx, Client, input.clientId!, "Cliente")).id };
  }
}
