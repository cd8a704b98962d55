import type { DataSource } from "typeorm";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import type { Handoff } from "../../entities/handoff";
import type { Message } from "../../entities/message";
import { Session } from "../../entities/session";
import { SurveyResponse } from "../../entities/survey-response";
import { Tenant } from "../../entities/tenant";
import type { Logger } from "../../infra/logger";
import { paginate, type Connection, type PageArgs } from "../../schema/connection";
import { DomainError } from "../../schema/errors";
import { ChannelType, ConsentPurpose, MessageDirection, MessageSender, Role, SessionStatus } from "../../schema/enums";
import type { ConsentsService } from "../consents/consents.service";
import type { OutboundComposer } from "../conversations/outbound-composer";
import type { Events } from "../events";
import { isUuid } from "../scoped";
import type { EffectiveSettings, SettingsService } from "../settings/settings.service";
import { parseRating } from "./rating";

export const CSAT_QUESTION = "De 1 a 5, como você avalia o atendimento que acabou de receber? Responda com um número (1 = muito ruim, 5 = excelente). Se quiser, deixe um comentário depois da nota, por exemplo: 5, adorei.";
export const npsQuestion = (company: string) => `De 0 a 10, quanto você recomendaria a ${company} a um amigo ou familiar? Responda com um número.`;
export const SURVEY_THANKS = "Obrigado pela sua avaliação! 😊";

export interface SurveyFilter { kind?: "CSAT" | "NPS" | null; status?: "SENT" | "ANSWERED" | "EXPIRED" | null; clientId?: string | null; agentId?: string | null; teamId?: string | null; channel?: ChannelType | null; from?: Date | null; to?: Date | null }

export interface SurveyDeps {
  ds: DataSource;
  settings: SettingsService;
  consents: ConsentsService;
  composer: OutboundComposer;
  events: Events;
  logger: Logger;
  ttlHours: number;
}

/**
 * Surveys the customer answers on their own channel: CSAT (1–5) after a handoff is completed,
 * NPS (0–10) at most once per client per npsIntervalDays and only with consent for proactive
 * contact. One question is open per client at a time; its answer is intercepted before triage
 * (conversation flow), anything that is not an answer goes on as a normal message.
 */
export class SurveysService {
  constructor(private readonly deps: SurveyDeps) {}

  /** Handoffs' completion hook (after commit). Never fails the completion. */
  readonly onHandoffCompleted = async (ctx: RequestContext, handoff: Handoff): Promise<void> => {
    try {
      const settings = await this.deps.settings.get(ctx, handoff.tenantId);
      if (!settings.csatSurvey && !settings.npsSurvey) return;
      const session = await ctx.em.findOneBy(Session, { id: handoff.sessionId, tenantId: handoff.tenantId });
      if (!session || session.status === SessionStatus.CLOSED) return;
      if (settings.csatSurvey) await this.ask(ctx, session, "CSAT", handoff, settings);
      else await this.ask(ctx, session, "NPS", handoff, settings);
    } catch (err) {
      this.deps.logger.warn({ err, handoffId: handoff.id }, "survey not sent");
    }
  };

  /**
   * The client's reply to an open question: recorded (score and comment) and thanked, and the
   * NPS follows a CSAT when the tenant asks both. Null when there is no open question or the
   * message is not an answer (the caller goes on with the normal flow).
   */
  async tryAnswer(ctx: RequestContext, session: Session, message: Message): Promise<Message | null> {
    if (message.direction !== MessageDirection.INBOUND || message.sender !== MessageSender.CLIENT) return null;
    const since = new Date(Date.now() - this.deps.ttlHours * 3600_000);
    const open = await ctx.em
      .createQueryBuilder(SurveyResponse, "s")
      .where("s.tenant_id = :tenantId AND s.client_id = :clientId AND s.channel = :channel AND s.status = 'SENT' AND s.sent_at > :since", { tenantId: session.tenantId, clientId: session.clientId, channel: session.channel, since })
      .orderBy("s.sent_at", "DESC")
      .getOne();
    if (!open) return null;
    const rating = parseRating(message.text, open.kind);
    if (!rating) return null;
    const thanks = await inTransaction(this.deps.ds, ctx, async (tx) => {
      const res = await tx.em.update(SurveyResponse, { id: open.id, status: "SENT" }, { status: "ANSWERED", score: rating.score, comment: rating.comment, answeredAt: message.createdAt ?? new Date() });
      if (!res.affected) return null;
      await this.deps.events.integrations?.(tx, open.tenantId, "survey.answered", {
        surveyId: open.id, kind: open.kind, score: rating.score, hasComment: Boolean(rating.comment), clientId: open.clientId, sessionId: open.sessionId, handoffId: open.handoffId, agentId: open.agentId, teamId: open.teamId, channel: open.channel,
      });
      const [reply] = await this.deps.composer.compose(tx, session, { text: SURVEY_THANKS, sender: MessageSender.SYSTEM }).catch((err) => {
        if (err instanceof DomainError) return [null];
        throw err;
      });
      return reply ?? message;
    });
    if (!thanks) return null;
    if (open.kind === "CSAT") {
      const settings = await this.deps.settings.get(ctx, session.tenantId);
      if (settings.npsSurvey) await this.ask(ctx, session, "NPS", null, settings).catch((err) => this.deps.logger.warn({ err }, "NPS not sent"));
    }
    return thanks;
  }

  /**
   * Asks one question in the session and records it SENT. NPS: skipped without consent or when
   * the client got one within npsIntervalDays (checked under a per-client lock).
   */
  async ask(ctx: RequestContext, session: Session, kind: "CSAT" | "NPS", handoff: Handoff | null, settings: EffectiveSettings): Promise<SurveyResponse | null> {
    if (kind === "NPS" && !(await this.deps.consents.has(this.scoped(ctx, session.tenantId), session.clientId, ConsentPurpose.WHATSAPP_CONTACT))) return null;
    const company = kind === "NPS" ? (await ctx.em.findOneBy(Tenant, { id: session.tenantId }))?.name ?? "nossa empresa" : "";
    try {
      return await inTransaction(this.deps.ds, ctx, async (tx) => {
        await tx.em.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`survey:${session.clientId}`]);
        if (kind === "NPS") {
          const since = new Date(Date.now() - settings.npsIntervalDays * 86_400_000);
          const recent = await tx.em.createQueryBuilder(SurveyResponse, "s")
            .where("s.tenant_id = :tenantId AND s.client_id = :clientId AND s.kind = 'NPS' AND s.sent_at > :since", { tenantId: session.tenantId, clientId: session.clientId, since })
            .getExists();
          if (recent) return null;
        }
        // One open question per client: an older one stops waiting for its answer.
        await tx.em.update(SurveyResponse, { tenantId: session.tenantId, clientId: session.clientId, status: "SENT" }, { status: "EXPIRED" });
        const fresh = await tx.em.findOneByOrFail(Session, { id: session.id });
        await this.deps.composer.compose(tx, fresh, { text: kind === "CSAT" ? CSAT_QUESTION : npsQuestion(company), sender: MessageSender.SYSTEM });
        return tx.em.save(tx.em.create(SurveyResponse, {
          tenantId: session.tenantId, kind, status: "SENT", clientId: session.clientId, sessionId: session.id, handoffId: handoff?.id ?? null,
          agentId: handoff?.agentId ?? null, teamId: handoff?.teamId ?? null, channel: session.channel, inboxId: session.inboxId, sentAt: new Date(),
        }));
      });
    } catch (err) {
      // The channel refuses (window closed, inbox disabled): no question, nothing recorded.
      if (err instanceof DomainError) return null;
      throw err;
    }
  }

  /** Supervisors' and admins' list, newest first. */
  list(ctx: RequestContext, filter: SurveyFilter | null | undefined, args: PageArgs): Promise<Connection<SurveyResponse>> {
    const p = requirePrincipal(ctx);
    const qb = ctx.em.createQueryBuilder(SurveyResponse, "s").where("s.tenant_id = :tenantId", { tenantId: p.tenantId });
    if (filter?.kind) qb.andWhere("s.kind = :kind", { kind: filter.kind });
    if (filter?.status) qb.andWhere("s.status = :status", { status: filter.status });
    if (filter?.channel) qb.andWhere("s.channel = :channel", { channel: filter.channel });
    if (filter?.clientId) qb.andWhere(isUuid(filter.clientId) ? "s.client_id = :clientId" : "false", { clientId: filter.clientId });
    if (filter?.agentId) qb.andWhere(isUuid(filter.agentId) ? "s.agent_id = :agentId" : "false", { agentId: filter.agentId });
    if (filter?.teamId) qb.andWhere(isUuid(filter.teamId) ? "s.team_id = :teamId" : "false", { teamId: filter.teamId });
    if (filter?.from) qb.andWhere("s.sent_at >= :from", { from: filter.from });
    if (filter?.to) qb.andWhere("s.sent_at < :to", { to: filter.to });
    return paginate(qb, args, { sortColumn: "s.sent_at", idColumn: "s.id", sortValue: (s) => s.sentAt });
  }

  /** Questions nobody answered within the TTL (run by the follow-ups sweep). */
  async expire(): Promise<void> {
    await this.deps.ds.query(`UPDATE survey_responses SET status = 'EXPIRED', updated_at = now() WHERE status = 'SENT' AND sent_at < now() - make_interval(hours => $1)`, [this.deps.ttlHours]);
  }

  private scoped(ctx: RequestContext, tenantId: string): RequestContext {
    return ctx.principal ? ctx : { ...ctx, principal: { kind: "user", id: "system", userId: null, tenantId, role: Role.ADMIN } };
  }
}
