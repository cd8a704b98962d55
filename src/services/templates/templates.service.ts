import { In, Not, type DataSource } from "typeorm";
import { Inbox } from "../../entities/inbox";
import type { Message } from "../../entities/message";
import { MessageTemplate } from "../../entities/message-template";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import type { Logger } from "../../infra/logger";
import { channelFor } from "../../channels";
import { CredentialsError, type ProviderTemplate } from "../../channels/channel";
import { Errors } from "../../schema/errors";
import { ConsentPurpose, MessageDirection, MessageSender } from "../../schema/enums";
import type { InboxesService } from "../channels/inboxes.service";
import { providerFailure } from "../channels/provider-errors";
import type { MessagesService } from "../conversations/messages.service";
import type { ProactiveService } from "../conversations/proactive.service";

export const TEMPLATE_JOBS = { syncAll: "templates.sync-all" } as const;

export interface TemplateMessageData {
  clientId: string;
  inboxId: string;
  template: string;
  language: string;
  parameters?: string[] | null;
}

/** {{1}}, {{2}}… (or named {{nome}}) replaced in order, for the copy kept in the conversation. */
export function renderTemplate(body: string | null, name: string, parameters: string[]): string {
  if (!body) return `[modelo ${name}]${parameters.length ? ` ${parameters.join(" | ")}` : ""}`;
  const order = [...new Set([...body.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))];
  return body.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => parameters[order.indexOf(key)] ?? whole);
}

/**
 * WhatsApp message templates (Cloud API): synced from the Graph API on demand and daily, listed
 * per inbox, and sent to a client outside the 24-hour window under the same consent rules as
 * any business-initiated message (marketing templates need MARKETING consent).
 */
export class TemplatesService {
  constructor(
    private readonly ds: DataSource,
    private readonly inboxes: InboxesService,
    private readonly proactive: ProactiveService,
    private readonly messages: MessagesService,
    private readonly logger: Logger,
  ) {}

  async list(ctx: RequestContext, inboxId: string): Promise<MessageTemplate[]> {
    const inbox = await this.inboxes.get(ctx, inboxId);
    return ctx.em.find(MessageTemplate, { where: { tenantId: inbox.tenantId, inboxId: inbox.id }, order: { name: "ASC", language: "ASC" } });
  }

  async sync(ctx: RequestContext, inboxId: string): Promise<MessageTemplate[]> {
    const inbox = await this.inboxes.get(ctx, inboxId);
    if (!channelFor(inbox.provider).listTemplates) throw Errors.badInput("inboxId", "Modelos de mensagem existem só na API oficial do WhatsApp (Cloud API).");
    let rows: ProviderTemplate[];
    try {
      rows = await this.fetch(inbox);
    } catch (err) {
      if (err instanceof CredentialsError) throw Errors.badInput(err.field, err.message);
      throw providerFailure(err, "sincronizar os modelos de mensagem");
    }
    await this.store(inbox, rows);
    return this.list(ctx, inboxId);
  }

  /** The daily job: every enabled inbox whose channel has templates and is set up for them. */
  async syncAll(): Promise<{ inboxes: number; failed: number }> {
    const inboxes = (await this.ds.manager.find(Inbox)).filter((i) => !i.disabledAt && channelFor(i.provider).listTemplates);
    let failed = 0;
    for (const inbox of inboxes) {
      try {
        await this.store(inbox, await this.fetch(inbox));
      } catch (err) {
        // An inbox without a WABA id is simply not set up for templates.
        if (!(err instanceof CredentialsError)) failed++;
        this.logger.warn({ err, inboxId: inbox.id }, "template sync failed");
      }
    }
    return { inboxes: inboxes.length, failed };
  }

  private fetch(inbox: Inbox): Promise<ProviderTemplate[]> {
    return channelFor(inbox.provider).listTemplates!(this.inboxes.runtime(inbox));
  }

  /** Replaces the inbox's templates with the provider's list (templates deleted there go here too). */
  private async store(inbox: Inbox, rows: ProviderTemplate[]): Promise<void> {
    const now = new Date();
    const unique = new Map(rows.map((r) => [`${r.name}\u0000${r.language}`, r]));
    await this.ds.transaction(async (em) => {
      const existing = await em.find(MessageTemplate, { where: { inboxId: inbox.id } });
      const byKey = new Map(existing.map((t) => [`${t.name}\u0000${t.language}`, t]));
      const keep: string[] = [];
      for (const [key, r] of unique) {
        const row = byKey.get(key) ?? em.create(MessageTemplate, { tenantId: inbox.tenantId, inboxId: inbox.id, name: r.name, language: r.language });
        Object.assign(row, { category: r.category, status: r.status, parameterCount: r.parameterCount, bodyText: r.bodyText, providerId: r.providerId, syncedAt: now });
        keep.push((await em.save(row)).id);
      }
      await em.delete(MessageTemplate, keep.length ? { inboxId: inbox.id, id: Not(In(keep)) } : { inboxId: inbox.id });
    });
  }

  async send(ctx: RequestContext, input: TemplateMessageData): Promise<Message> {
    const p = requirePrincipal(ctx);
    const name = String(input.template ?? "").trim();
    const language = String(input.language ?? "").trim();
    if (!name) throw Errors.badInput("template", "Informe o nome do modelo.");
    if (!language) throw Errors.badInput("language", "Informe o idioma do modelo (por exemplo pt_BR).");
    const template = await ctx.em.findOne(MessageTemplate, { where: { tenantId: p.tenantId, inboxId: input.inboxId, name, language } }).catch(() => null);
    if (!template) throw Errors.badInput("template", "Modelo não encontrado nesta caixa de entrada; sincronize os modelos (syncMessageTemplates).");
    if (template.status !== "APPROVED") throw Errors.badInput("template", `O modelo não está aprovado pela Meta (situação: ${template.status}).`);
    const parameters = (input.parameters ?? []).map((v) => String(v ?? "").trim());
    if (parameters.length !== template.parameterCount) throw Errors.badInput("parameters", `O modelo espera ${template.parameterCount} parâmetro(s); foram informados ${parameters.length}.`);
    const empty = parameters.findIndex((v) => !v || v.length > 1024);
    if (empty >= 0) throw Errors.badInput(`parameters[${empty}]`, "Cada parâmetro deve ter de 1 a 1024 caracteres.");
    const purpose = template.category === "MARKETING" ? ConsentPurpose.MARKETING : ConsentPurpose.WHATSAPP_CONTACT;
    const { session } = await this.proactive.prepare(ctx, input.clientId, input.inboxId, purpose);
    return inTransaction(this.ds, ctx, (tx) =>
      this.messages.append(tx, session.id, {
        direction: MessageDirection.OUTBOUND,
        sender: p.userId ? MessageSender.AGENT : MessageSender.SYSTEM,
        authorId: p.userId,
        text: renderTemplate(template.bodyText, template.name, parameters),
        template: { name: template.name, language: template.language, parameters },
      }),
    );
  }
}
