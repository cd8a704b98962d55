import { Brackets, IsNull, type DataSource } from "typeorm";
import { CannedReply } from "../../entities/canned-reply";
import { Client } from "../../entities/client";
import { Document } from "../../entities/document";
import type { Session } from "../../entities/session";
import { Tenant } from "../../entities/tenant";
import { User } from "../../entities/user";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Errors } from "../../schema/errors";
import { Role } from "../../schema/enums";
import type { AuditService } from "../audit.service";
import { findOwned, findOwnedOrNull } from "../scoped";
import { requiredText } from "../validation/input";

export interface CannedReplyData { shortcut: string; title: string; body: string; personal?: boolean | null; attachmentDocumentId?: string | null }

/** The variables a body may use; anything else between {{ }} is refused when the reply is saved. */
export const CANNED_VARIABLES = ["cliente.nome", "atendente.nome", "empresa.nome", "protocolo"] as const;
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const SHORTCUT = /^\/[a-z0-9][a-z0-9_-]{0,39}$/;

/** The protocol number a customer is given for a conversation (stable, derived from its id). */
export const protocolOfSession = (session: Pick<Session, "id" | "createdAt">) =>
  `${session.createdAt.toISOString().slice(0, 10).replace(/-/g, "")}-${session.id.slice(0, 8).toUpperCase()}`;

/** Fills the variables of `body` (unknown ones cannot exist: they are refused on save). */
export function renderCannedBody(body: string, values: Record<(typeof CANNED_VARIABLES)[number], string>): string {
  return body.replace(VARIABLE, (_m, name: string) => values[name as keyof typeof values] ?? "");
}

/**
 * Saved answers: tenant-wide ones (written by supervisors and admins) and personal ones
 * (each agent's own). Sent with `sendAgentMessage(cannedReplyId)`, rendered here so the
 * variables come from the conversation.
 */
export class CannedRepliesService {
  constructor(private readonly ds: DataSource, private readonly audit: AuditService) {}

  /** What the caller may use: the tenant's plus their own; `search` matches the shortcut's start, the title or the body. */
  async list(ctx: RequestContext, search?: string | null): Promise<CannedReply[]> {
    const p = requirePrincipal(ctx);
    const qb = ctx.em.createQueryBuilder(CannedReply, "c").where("c.tenant_id = :tenantId", { tenantId: p.tenantId });
    qb.andWhere(p.userId ? "(c.owner_id IS NULL OR c.owner_id = :me)" : "c.owner_id IS NULL", { me: p.userId });
    const term = search?.trim().slice(0, 100);
    if (term) {
      const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere(new Brackets((w) => {
        w.where("c.shortcut LIKE :prefix", { prefix: `${like(term.startsWith("/") ? term.toLowerCase() : `/${term.toLowerCase()}`)}%` })
          .orWhere("c.title ILIKE :any", { any: `%${like(term)}%` })
          .orWhere("c.body ILIKE :any", { any: `%${like(term)}%` });
      }));
    }
    return qb.orderBy("c.shortcut", "ASC").addOrderBy("c.owner_id", "ASC", "NULLS FIRST").take(200).getMany();
  }

  async create(ctx: RequestContext, input: CannedReplyData): Promise<CannedReply> {
    const p = requirePrincipal(ctx);
    const fields = await this.validate(ctx, input);
    return inTransaction(this.ds, ctx, async (tx) => {
      await this.assertShortcutFree(tx, fields.shortcut, fields.ownerId, null);
      const reply = await tx.em.save(tx.em.create(CannedReply, { tenantId: p.tenantId, ...fields }));
      await this.audit.log(tx, "canned_reply.created", { cannedReplyId: reply.id, personal: Boolean(reply.ownerId) });
      return reply;
    });
  }

  async update(ctx: RequestContext, id: string, input: CannedReplyData): Promise<CannedReply> {
    const fields = await this.validate(ctx, input);
    return inTransaction(this.ds, ctx, async (tx) => {
      const reply = await this.editable(tx, id);
      await this.assertShortcutFree(tx, fields.shortcut, fields.ownerId, reply.id);
      const saved = await tx.em.save(Object.assign(reply, fields));
      await this.audit.log(tx, "canned_reply.updated", { cannedReplyId: reply.id });
      return saved;
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const reply = await this.editable(tx, id);
      await tx.em.delete(CannedReply, { id: reply.id });
      await this.audit.log(tx, "canned_reply.deleted", { cannedReplyId: reply.id });
      return true;
    });
  }

  /** The reply's text for this conversation and its attachment (as a stored document id). */
  async render(ctx: RequestContext, id: string, session: Session): Promise<{ text: string; documentIds: string[] }> {
    const p = requirePrincipal(ctx);
    const reply = await findOwnedOrNull(ctx, CannedReply, id);
    if (!reply || (reply.ownerId && reply.ownerId !== p.userId)) throw Errors.badInput("cannedReplyId", "Resposta pronta não encontrada.");
    const [client, tenant, agent] = await Promise.all([
      ctx.em.findOne(Client, { where: { id: session.clientId, tenantId: p.tenantId } }),
      ctx.em.findOne(Tenant, { where: { id: p.tenantId } }),
      p.userId ? ctx.em.findOne(User, { where: { id: p.userId, tenantId: p.tenantId } }) : null,
    ]);
    const text = renderCannedBody(reply.body, {
      "cliente.nome": client && !client.anonymizedAt ? client.name : "",
      "atendente.nome": agent?.name ?? "",
      "empresa.nome": tenant?.name ?? "",
      protocolo: protocolOfSession(session),
    }).trim();
    return { text, documentIds: reply.attachmentDocumentId ? [reply.attachmentDocumentId] : [] };
  }

  /** Personal replies are their owner's to change; tenant-wide ones need a supervisor or admin. */
  private async editable(ctx: RequestContext, id: string): Promise<CannedReply> {
    const p = requirePrincipal(ctx);
    const reply = await findOwned(ctx, CannedReply, id, "Resposta pronta", { lock: true });
    if (reply.ownerId && reply.ownerId !== p.userId) throw Errors.notFound("Resposta pronta");
    if (!reply.ownerId && p.role !== Role.ADMIN && p.role !== Role.SUPERVISOR) throw Errors.forbidden("Só supervisores e administradores alteram respostas prontas da empresa.");
    return reply;
  }

  private async validate(ctx: RequestContext, input: CannedReplyData): Promise<Pick<CannedReply, "shortcut" | "title" | "body" | "ownerId" | "attachmentDocumentId">> {
    const p = requirePrincipal(ctx);
    const shortcut = (input.shortcut ?? "").trim().toLowerCase();
    const normalized = shortcut.startsWith("/") ? shortcut : `/${shortcut}`;
    if (!SHORTCUT.test(normalized)) throw Errors.badInput("shortcut", "Atalho inválido: use / seguido de até 40 letras, números, - ou _ (ex.: /boleto).");
    const title = requiredText("title", input.title, 120, "O título");
    const body = requiredText("body", input.body, 4096, "O texto");
    for (const m of body.matchAll(VARIABLE)) {
      if (!(CANNED_VARIABLES as readonly string[]).includes(m[1]!)) {
        throw Errors.badInput("body", `Variável desconhecida: {{${m[1]}}}. Use ${CANNED_VARIABLES.map((v) => `{{${v}}}`).join(", ")}.`);
      }
    }
    const personal = input.personal ?? false;
    if (!personal && p.role !== Role.ADMIN && p.role !== Role.SUPERVISOR) throw Errors.forbidden("Só supervisores e administradores criam respostas prontas da empresa; marque personal: true para uma sua.");
    if (personal && !p.userId) throw Errors.badInput("personal", "Respostas pessoais pertencem a um usuário.");
    let attachmentDocumentId: string | null = null;
    if (input.attachmentDocumentId) {
      const doc = await findOwnedOrNull(ctx, Document, input.attachmentDocumentId);
      if (!doc) throw Errors.badInput("attachmentDocumentId", "Documento não encontrado.");
      attachmentDocumentId = doc.id;
    }
    return { shortcut: normalized, title, body, ownerId: personal ? p.userId : null, attachmentDocumentId };
  }

  private async assertShortcutFree(ctx: RequestContext, shortcut: string, ownerId: string | null, exceptId: string | null): Promise<void> {
    const same = await ctx.em.findOne(CannedReply, { where: { tenantId: requirePrincipal(ctx).tenantId, shortcut, ownerId: ownerId ?? IsNull() } });
    if (same && same.id !== exceptId) throw Errors.conflict("Já existe uma resposta pronta com este atalho.", "shortcut");
  }
}
