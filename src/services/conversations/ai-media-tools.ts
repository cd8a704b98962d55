import { IsNull, Not } from "typeorm";
import { Document } from "../../entities/document";
import { Session } from "../../entities/session";
import { DomainError } from "../../schema/errors";
import { MessageSender } from "../../schema/enums";
import { isUuid } from "../scoped";
import type { ToolContext, ToolOutcome } from "./ai-tools";

/** Tools with which the assistant sends the client one of the client's own stored files (a boleto, a contract). */
export const AI_MEDIA_TOOLS = [
  {
    type: "function" as const,
    function: {
      name: "listar_documentos_do_cliente",
      description: "Lista os arquivos guardados do cliente desta conversa (boletos, contratos, comprovantes) que podem ser enviados a ele.",
      parameters: { type: "object", properties: {}, additionalProperties: false },
    },
  },
  {
    type: "function" as const,
    function: {
      name: "enviar_documento",
      description: "Envia ao cliente, nesta conversa, um dos arquivos dele listados por listar_documentos_do_cliente, com uma legenda curta opcional.",
      parameters: {
        type: "object",
        properties: { documentId: { type: "string" }, legenda: { type: "string" } },
        required: ["documentId"],
        additionalProperties: false,
      },
    },
  },
];

/** Runs a media tool; null when `name` is not one of them. */
export async function runMediaTool(name: string, args: Record<string, unknown>, tc: ToolContext): Promise<ToolOutcome | null> {
  switch (name) {
    case "listar_documentos_do_cliente": {
      const docs = await tc.ctx.em.find(Document, { where: { tenantId: tc.tenantId, clientId: tc.clientId, storageKey: Not(IsNull()) }, order: { createdAt: "DESC" }, take: 10 });
      return { result: { documentos: docs.map((d) => ({ id: d.id, nome: d.filename, tipo: d.kind, enviadoEm: d.createdAt.toISOString() })) } };
    }
    case "enviar_documento": {
      const id = String(args.documentId ?? "");
      // Only the session's own client's files: documentIds are checked again by the composer.
      const doc = isUuid(id) ? await tc.ctx.em.findOne(Document, { where: { id, tenantId: tc.tenantId, clientId: tc.clientId } }) : null;
      if (!doc || !tc.composer) return { result: { error: "documento não encontrado para este cliente" } };
      const session = await tc.ctx.em.findOneByOrFail(Session, { id: tc.sessionId, tenantId: tc.tenantId });
      const caption = typeof args.legenda === "string" && args.legenda.trim() ? args.legenda.trim().slice(0, 1000) : null;
      try {
        await tc.composer.compose(tc.ctx, session, { text: caption, documentIds: [doc.id], sender: MessageSender.AI });
      } catch (err) {
        if (err instanceof DomainError) return { result: { error: err.message } };
        throw err;
      }
      return { result: { ok: true, enviado: doc.filename } };
    }
    default:
      return null;
  }
}
