import type { Revocations } from "../auth/revocations";
import type { DataSource } from "typeorm";
import { TenantSettingsRow, type BusinessHoursDay } from "../../entities/tenant-settings";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Errors } from "../../schema/errors";
import type { AuditService } from "../audit.service";
import { intInRange, optionalText } from "../validation/input";
import { isOpen, toMinutes } from "./business-hours";

export const DEFAULT_OUT_OF_HOURS_MESSAGE =
  "Olá! Recebemos sua mensagem fora do nosso horário de atendimento. Ela já está na fila e uma pessoa da nossa equipe responde assim que voltarmos.";

/** What the API returns and the domain reads: every field resolved, defaults applied. */
export interface EffectiveSettings {
  timezone: string;
  businessHours: BusinessHoursDay[];
  holidays: string[];
  outOfHoursMessage: string;
  handoffKeywords: string[];
  aiProvider: string;
  aiModel: string | null;
  aiSystemPrompt: string | null;
  requireAiConsent: boolean;
  inactivityTimeoutMinutes: number;
  autoAssign: boolean;
  agentCapacity: number;
  retentionDays: number;
  deletionGraceDays: number;
  requireTwoFactorForAdmins: boolean;
  requireAccessJustification: boolean;
  /** Customer surveys (services/surveys): CSAT after a completed handoff, NPS once per client per npsIntervalDays. */
  csatSurvey: boolean;
  npsSurvey: boolean;
  npsIntervalDays: number;
  /** Allowed values of Ticket.category. */
  ticketCategories: string[];
}

export type SettingsInput = Partial<{ [K in keyof EffectiveSettings]: EffectiveSettings[K] | null }>;

const AI_PROVIDERS = ["rules", "openai"];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class SettingsService {
  /** Set by Services: access-policy changes are announced like revocations. */
  revocations?: Revocations;

  constructor(private readonly ds: DataSource, private readonly audit: AuditService, private readonly llmConfigured: boolean) {}

  async get(ctx: RequestContext, tenantId = requirePrincipal(ctx).tenantId): Promise<EffectiveSettings> {
    const row = await ctx.em.findOne(TenantSettingsRow, { where: { tenantId } });
    return this.effective(row ?? ctx.em.create(TenantSettingsRow, { tenantId }));
  }

  async isOpen(ctx: RequestContext, tenantId: string, at = new Date()): Promise<boolean> {
    return isOpen(await this.get(ctx, tenantId), at);
  }

  async update(ctx: RequestContext, input: SettingsInput): Promise<EffectiveSettings> {
    const p = requirePrincipal(ctx);
    const changes = this.validate(input);
    // Requiring 2FA of admins is turned on by someone who has it (else they would lock themselves into setup).
    if (changes.requireTwoFactorForAdmins && p.userId && !p.twoFactorEnabled) {
      throw Errors.badInput("requireTwoFactorForAdmins", "Ative a verificação em duas etapas na sua conta antes de exigi-la dos administradores.");
    }
    return inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.createQueryBuilder().insert().into(TenantSettingsRow).values({ tenantId: p.tenantId }).orIgnore().execute();
      if (Object.keys(changes).length) await tx.em.update(TenantSettingsRow, { tenantId: p.tenantId }, changes as never);
      await this.audit.log(tx, "settings.updated", { fields: Object.keys(changes) }, "requireTwoFactorForAdmins" in changes ? "critical" : "info");
      // Who must set 2FA up changed: every process drops its cached credential checks of the tenant.
      if ("requireTwoFactorForAdmins" in changes) await this.revocations?.publish(tx, { tenantId: p.tenantId, reason: "two_factor_policy" });
      return this.get(tx, p.tenantId);
    });
  }

  private effective(row: TenantSettingsRow): EffectiveSettings {
    return {
      timezone: row.timezone ?? "America/Sao_Paulo",
      businessHours: [...(row.businessHours ?? [])].sort((a, b) => a.weekday - b.weekday || toMinutes(a.opens) - toMinutes(b.opens)),
      holidays: row.holidays ?? [],
      outOfHoursMessage: row.outOfHoursMessage ?? DEFAULT_OUT_OF_HOURS_MESSAGE,
      handoffKeywords: row.handoffKeywords ?? [],
      aiProvider: row.aiProvider ?? (this.llmConfigured ? "openai" : "rules"),
      aiModel: row.aiModel ?? null,
      aiSystemPrompt: row.aiSystemPrompt ?? null,
      requireAiConsent: row.requireAiConsent ?? false,
      inactivityTimeoutMinutes: row.inactivityTimeoutMinutes ?? 30,
      autoAssign: row.autoAssign ?? false,
      agentCapacity: row.agentCapacity ?? 3,
      retentionDays: row.retentionDays ?? 90,
      deletionGraceDays: row.deletionGraceDays ?? 15,
      requireTwoFactorForAdmins: row.requireTwoFactorForAdmins ?? false,
      requireAccessJustification: row.requireAccessJustification ?? false,
      csatSurvey: row.csatSurvey ?? false,
      npsSurvey: row.npsSurvey ?? false,
      npsIntervalDays: row.npsIntervalDays ?? 90,
      ticketCategories: row.ticketCategories ?? [],
    };
  }

  private validate(input: SettingsInput): Partial<TenantSettingsRow> {
    const out: Partial<TenantSettingsRow> = {};
    if (input.timezone != null) {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: input.timezone });
      } catch {
        throw Errors.badInput("timezone", "Fuso horário inválido (use um nome IANA, como America/Sao_Paulo).");
      }
      out.timezone = input.timezone;
    }
    if (input.businessHours != null) {
      out.businessHours = input.businessHours.map((d, i) => {
        const field = `businessHours.${i}`;
        if (!Number.isInteger(d.weekday) || d.weekday < 0 || d.weekday > 6) throw Errors.badInput(`${field}.weekday`, "O dia da semana deve estar entre 0 (domingo) e 6 (sábado).");
        if (!HHMM.test(d.opens)) throw Errors.badInput(`${field}.opens`, "Horário inválido: use HH:MM.");
        if (!HHMM.test(d.closes)) throw Errors.badInput(`${field}.closes`, "Horário inválido: use HH:MM.");
        if (toMinutes(d.opens) >= toMinutes(d.closes)) throw Errors.badInput(`${field}.closes`, "O fechamento deve ser depois da abertura.");
        return { weekday: d.weekday, opens: d.opens, closes: d.closes };
      });
    }
    if (input.holidays != null) {
      out.holidays = [...new Set(input.holidays.map((h, i) => {
        if (!DATE.test(h) || Number.isNaN(Date.parse(`${h}T00:00:00Z`))) throw Errors.badInput(`holidays.${i}`, "Data inválida: use AAAA-MM-DD.");
        return h;
      }))].sort();
    }
    if (input.outOfHoursMessage !== undefined) out.outOfHoursMessage = optionalText("outOfHoursMessage", input.outOfHoursMessage, 1000, "A mensagem");
    if (input.handoffKeywords != null) {
      out.handoffKeywords = [...new Set(input.handoffKeywords.map((k) => k.trim().toLowerCase()).filter(Boolean))];
      if (out.handoffKeywords.length > 50 || out.handoffKeywords.some((k) => k.length > 60)) throw Errors.badInput("handoffKeywords", "Use até 50 palavras-chave de até 60 caracteres.");
    }
    if (input.aiProvider != null) {
      if (!AI_PROVIDERS.includes(input.aiProvider)) throw Errors.badInput("aiProvider", `Provedor de IA inválido: use ${AI_PROVIDERS.join(" ou ")}.`);
      if (input.aiProvider === "openai" && !this.llmConfigured) throw Errors.badInput("aiProvider", "Nenhuma API de IA está configurada neste servidor (OPENAI_API_KEY).");
      out.aiProvider = input.aiProvider;
    }
    if (input.aiModel !== undefined) out.aiModel = optionalText("aiModel", input.aiModel, 100, "O modelo");
    if (input.aiSystemPrompt !== undefined) out.aiSystemPrompt = optionalText("aiSystemPrompt", input.aiSystemPrompt, 4000, "O prompt");
    if (input.requireAiConsent != null) out.requireAiConsent = input.requireAiConsent;
    if (input.inactivityTimeoutMinutes != null) out.inactivityTimeoutMinutes = intInRange("inactivityTimeoutMinutes", input.inactivityTimeoutMinutes, 1, 10_080, "O tempo de inatividade (minutos)");
    if (input.autoAssign != null) out.autoAssign = input.autoAssign;
    if (input.agentCapacity != null) out.agentCapacity = intInRange("agentCapacity", input.agentCapacity, 1, 100, "A capacidade por agente");
    if (input.retentionDays != null) out.retentionDays = intInRange("retentionDays", input.retentionDays, 1, 3650, "A retenção (dias)");
    if (input.requireTwoFactorForAdmins != null) out.requireTwoFactorForAdmins = input.requireTwoFactorForAdmins;
    if (input.deletionGraceDays != null) out.deletionGraceDays = intInRange("deletionGraceDays", input.deletionGraceDays, 0, 365, "A carência de exclusão (dias)");
    if (input.requireAccessJustification != null) out.requireAccessJustification = input.requireAccessJustification;
    if (input.csatSurvey != null) out.csatSurvey = input.csatSurvey;
    if (input.npsSurvey != null) out.npsSurvey = input.npsSurvey;
    if (input.npsIntervalDays != null) out.npsIntervalDays = intInRange("npsIntervalDays", input.npsIntervalDays, 1, 3650, "O intervalo do NPS (dias)");
    if (input.ticketCategories != null) {
      out.ticketCategories = [...new Set(input.ticketCategories.map((c) => c.trim()).filter(Boolean))];
      if (out.ticketCategories.length > 100 || out.ticketCategories.some((c) => c.length > 60)) throw Errors.badInput("ticketCategories", "Use até 100 categorias de até 60 caracteres.");
    }
    return out;
  }
}
