import { In } from "typeorm";
import { Ticket } from "../../entities/ticket";
import type { RequestContext } from "../../context";
import { ChannelType, Priority, TicketStatus } from "../../schema/enums";
import { isUuid } from "../scoped";
import type { TicketsService } from "../tickets/tickets.service";
import { AI_MEDIA_TOOLS, runMediaTool } from "./ai-media-tools";
import type { OutboundComposer } from "./outbound-composer";

/** What the assistant may do, always for the session's own client only. */
export const AI_TOOLS = [
  {
    type: "function" as const,
    function: {
      name: "consultar_chamado",
      description: "Consulta o status de um chamado do próprio cliente pelo ID.",
      parameters: { type: "object", properties: { ticketId: { type: "string", description: "ID do chamado" } }, required: ["ticketId"], additionalProperties: false },
    },
  },
  {
    type: "function" as const,
    function: {
      name: "listar_chamados_abertos",
      description: "Lista os chamados em aberto do cliente desta conversa.",
      parameters: { type: "object", properties: {}, additionalProperties: false },
    },
  },
  {
    type: "function" as const,
    function: {
      name: "abrir_chamado",
      description: "Abre um chamado para o cliente desta conversa com a descrição do problema.",
      parameters: { type: "object", properties: { subject: { type: "string" }, message: { type: "string" } }, required: ["message"], additionalProperties: false },
    },
  },
  {
    type: "function" as const,
    function: {
      name: "transferir_para_humano",
      description: "Transfere a conversa para uma pessoa da equipe quando você não pode resolver ou o cliente pede.",
      parameters: {
        type: "object",
        properties: { reason: { type: "string" }, priority: { type: "string", enum: ["LOW", "MEDIUM", "HIGH", "URGENT"] } },
        required: ["reason"],
        additionalProperties: false,
      },
    },
  },
  ...AI_MEDIA_TOOLS,
];

export interface ToolContext { ctx: RequestContext; tenantId: string; clientId: string; sessionId: string; channel: ChannelType; tickets: TicketsService; composer?: OutboundComposer | null }
export interface ToolOutcome {
  result: unknown;
  handoff?: { reason: string; priority: Priority };
  /** The result is data an answer may rest on (a found ticket, an order from the tenant's API). */
  grounded?: boolean;
}

/** The tools offered to the model in one conversation, and how to run them. */
export interface ToolBox {
  definitions: Array<{ type: "function"; function: { name: string; description: string; parameters: Record<string, unknown> } }>;
  run(name: string, rawArgs: string): Promise<ToolOutcome>;
}

export const BUILTIN_TOOL_NAMES: ReadonlySet<string> = new Set(AI_TOOLS.map((t) => t.function.name));

const ticketView = (t: Ticket) => ({ id: t.id, status: t.status, subject: t.subject, openedAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString(), priority: t.priority });

export async function runTool(name: string, rawArgs: string, tc: ToolContext): Promise<ToolOutcome> {
  let args: Record<string, unknown>;
  try {
    args = rawArgs ? JSON.parse(rawArgs) : {};
  } catch {
    return { result: { error: "argumentos inválidos" } };
  }
  switch (name) {
    case "consultar_chamado": {
      const id = String(args.ticketId ?? "");
      const ticket = isUuid(id) ? await tc.ctx.em.findOne(Ticket, { where: { id, tenantId: tc.tenantId, clientId: tc.clientId } }) : null;
      return ticket ? { result: ticketView(ticket), grounded: true } : { result: { error: "chamado não encontrado para este cliente" } };
    }
    case "listar_chamados_abertos": {
      const open = await tc.ctx.em.find(Ticket, {
        where: { tenantId: tc.tenantId, clientId: tc.clientId, status: In([TicketStatus.OPEN, TicketStatus.ESCALATED]) },
        order: { createdAt: "DESC" },
        take: 10,
      });
      return { result: { tickets: open.map(ticketView) }, grounded: true };
    }
    case "abrir_chamado": {
      const message = String(args.message ?? "").trim();
      if (!message) return { result: { error: "descrição obrigatória" } };
      // Opened by the assistant: its own triage never closes it (someone must act on it).
      const ticket = await tc.tickets.create(tc.ctx, { clientId: tc.clientId, channel: tc.channel, message, subject: args.subject ? String(args.subject) : null, sessionId: tc.sessionId }, { origin: "ai_tool" });
      return { result: ticketView(ticket), grounded: true };
    }
    case "transferir_para_humano": {
      const priority = ["LOW", "MEDIUM", "HIGH", "URGENT"].includes(String(args.priority)) ? (String(args.priority) as Priority) : Priority.MEDIUM;
      const reason = String(args.reason ?? "Solicitado pelo assistente").slice(0, 500);
      return { result: { ok: true, message: "A conversa será transferida para uma pessoa da equipe." }, handoff: { reason, priority } };
    }
    default:
      return (await runMediaTool(name, args, tc)) ?? { result: { error: `ferramenta desconhecida: ${name}` } };
  }
}
