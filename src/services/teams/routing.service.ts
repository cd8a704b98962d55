import { In, type DataSource } from "typeorm";
import { RoutingRule, type RoutingMatch } from "../../entities/routing-rule";
import { Inbox } from "../../entities/inbox";
import { Label, LabelLink } from "../../entities/label";
import type { Session } from "../../entities/session";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Errors } from "../../schema/errors";
import { ChannelType, Priority } from "../../schema/enums";
import type { AuditService } from "../audit.service";
import { findOwned, isUuid } from "../scoped";
import { optionalText } from "../validation/input";
import { INTENTS } from "../triage/types";
import type { TeamsService } from "./teams.service";

export interface RoutingRuleData {
  name?: string | null;
  teamId: string;
  priority?: Priority | null;
  order?: number | null;
  enabled?: boolean | null;
  match: Partial<{ intents: string[] | null; channels: ChannelType[] | null; inboxIds: string[] | null; keywords: string[] | null; labelIds: string[] | null }>;
}

/** What routing knows of a conversation when its handoff opens. */
export interface RoutingFacts { intent?: string | null; text?: string | null }

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
const MAX_RULES = 200;

/** Routing rules: a triaged conversation's handoff goes to the team of the first matching rule. */
export class RoutingService {
  constructor(private readonly ds: DataSource, private readonly teams: TeamsService, private readonly audit: AuditService) {}

  list(ctx: RequestContext): Promise<RoutingRule[]> {
    return ctx.em.find(RoutingRule, { where: { tenantId: requirePrincipal(ctx).tenantId }, order: { position: "ASC", createdAt: "ASC" } });
  }

  async create(ctx: RequestContext, input: RoutingRuleData): Promise<RoutingRule> {
    const p = requirePrincipal(ctx);
    const fields = await this.validate(ctx, input);
    return inTransaction(this.ds, ctx, async (tx) => {
      if ((await tx.em.count(RoutingRule, { where: { tenantId: p.tenantId } })) >= MAX_RULES) throw Errors.conflict(`Limite de ${MAX_RULES} regras de roteamento atingido.`);
      const rule = await tx.em.save(tx.em.create(RoutingRule, { tenantId: p.tenantId, ...fields }));
      await this.audit.log(tx, "routing_rule.created", { ruleId: rule.id, teamId: rule.teamId });
      return rule;
    });
  }

  async update(ctx: RequestContext, id: string, input: RoutingRuleData): Promise<RoutingRule> {
    const fields = await this.validate(ctx, input);
    return inTransaction(this.ds, ctx, async (tx) => {
      const rule = await findOwned(tx, RoutingRule, id, "Regra de roteamento", { lock: true });
      const saved = await tx.em.save(Object.assign(rule, fields));
      await this.audit.log(tx, "routing_rule.updated", { ruleId: rule.id, teamId: rule.teamId });
      return saved;
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const rule = await findOwned(tx, RoutingRule, id, "Regra de roteamento", { lock: true });
      await tx.em.delete(RoutingRule, { id: rule.id });
      await this.audit.log(tx, "routing_rule.deleted", { ruleId: rule.id });
      return true;
    });
  }

  /**
   * The first enabled rule (by order) whose every non-empty condition matches: intent,
   * channel, inbox, a keyword in the message, a label on the conversation or its client.
   */
  async route(ctx: RequestContext, session: Session, facts: RoutingFacts): Promise<RoutingRule | null> {
    const rules = await ctx.em.find(RoutingRule, { where: { tenantId: session.tenantId, enabled: true }, order: { position: "ASC", createdAt: "ASC" } });
    if (!rules.length) return null;
    const text = facts.text ? fold(facts.text) : "";
    const needLabels = rules.some((r) => r.match.labelIds?.length);
    const labels = needLabels
      ? new Set((await ctx.em.find(LabelLink, { where: [{ tenantId: session.tenantId, targetType: "SESSION", targetId: session.id }, { tenantId: session.tenantId, targetType: "CLIENT", targetId: session.clientId }] })).map((l) => l.labelId))
      : new Set<string>();
    return rules.find((r) => matches(r.match, { intent: facts.intent ?? null, channel: session.channel, inboxId: session.inboxId, text, labels })) ?? null;
  }

  private async validate(ctx: RequestContext, input: RoutingRuleData): Promise<Omit<RoutingRule, "id" | "createdAt" | "updatedAt" | "tenantId" | "tenant" | "team">> {
    const p = requirePrincipal(ctx);
    const team = await this.teams.requireTeam(ctx, "teamId", input.teamId);
    const list = <T>(field: string, values: T[] | null | undefined, max = 50): T[] => {
      const out = [...new Set(values ?? [])];
      if (out.length > max) throw Errors.badInput(`match.${field}`, `Use no máximo ${max} valores.`);
      return out;
    };
    const match: RoutingMatch = {
      intents: list("intents", input.match.intents?.map((i) => i.trim()).filter(Boolean)),
      channels: list("channels", input.match.channels),
      inboxIds: list("inboxIds", input.match.inboxIds),
      keywords: list("keywords", input.match.keywords?.map(fold).filter(Boolean)),
      labelIds: list("labelIds", input.match.labelIds),
    };
    match.intents.forEach((intent, i) => {
      if (!(INTENTS as readonly string[]).includes(intent)) throw Errors.badInput(`match.intents.${i}`, `Intenção inválida. Use uma de: ${INTENTS.join(", ")}.`);
    });
    if (match.keywords.some((k) => k.length > 60)) throw Errors.badInput("match.keywords", "Use palavras-chave de até 60 caracteres.");
    if (match.inboxIds.length) {
      const found = match.inboxIds.every(isUuid) ? await ctx.em.count(Inbox, { where: { tenantId: p.tenantId, id: In(match.inboxIds) } }) : -1;
      if (found !== match.inboxIds.length) throw Errors.badInput("match.inboxIds", "Caixa de entrada não encontrada.");
    }
    if (match.labelIds.length) {
      const found = match.labelIds.every(isUuid) ? await ctx.em.count(Label, { where: { tenantId: p.tenantId, id: In(match.labelIds) } }) : -1;
      if (found !== match.labelIds.length) throw Errors.badInput("match.labelIds", "Etiqueta não encontrada.");
    }
    if (!Object.values(match).some((v) => v.length)) throw Errors.badInput("match", "Informe ao menos uma condição (intenção, canal, caixa de entrada, palavra-chave ou etiqueta).");
    const order = input.order ?? 0;
    if (!Number.isInteger(order) || order < 0 || order > 100_000) throw Errors.badInput("order", "A ordem deve ser um número inteiro de 0 a 100000.");
    return { name: optionalText("name", input.name, 120, "O nome"), teamId: team.id, priority: input.priority ?? null, position: order, enabled: input.enabled ?? true, match };
  }
}

function matches(m: RoutingMatch, f: { intent: string | null; channel: ChannelType; inboxId: string | null; text: string; labels: Set<string> }): boolean {
  if (m.intents?.length && (!f.intent || !m.intents.includes(f.intent))) return false;
  if (m.channels?.length && !m.channels.includes(f.channel)) return false;
  if (m.inboxIds?.length && (!f.inboxId || !m.inboxIds.includes(f.inboxId))) return false;
  if (m.keywords?.length && !m.keywords.some((k) => f.text.includes(k))) return false;
  if (m.labelIds?.length && !m.labelIds.some((l) => f.labels.has(l))) return false;
  return true;
}
