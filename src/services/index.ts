import crypto from "node:crypto";
import type { DataSource } from "typeorm";
import type { RequestContext } from "../context";
import { createLoaders } from "./loaders";
import { ConsentPurpose, InboxProvider, Role } from "../schema/enums";
import { registerConversationPersonalData } from "./conversations/personal-data";
import { InboxesService } from "./channels/inboxes.service";
import { StaffMailService } from "./channels/staff-mail.service";
import { wireCrm } from "./crm-wiring";
import type { CrmAnalytics } from "./crm/analytics";
import type { LeadConversion } from "./crm/conversion";
import type { LeadsService } from "./crm/leads.service";
import type { PipelineService } from "./crm/pipeline.service";
import type { LeadQualifier } from "./crm/qualification/qualifier.service";
import { wireHelpdesk } from "./helpdesk-wiring";
import { PlatformMail } from "../channels/email/platform-mail";
import { AnalyticsService } from "./analytics/analytics.service";
import { AnalyticsReports } from "./analytics/reports";
import { ExportsService } from "./analytics/exports.service";
import { ExportUrls } from "./analytics/export-urls";
import { ScheduledReports } from "./analytics/scheduled-reports";
import { AgentAvailabilityLog } from "../entities/agent-availability-log";
import { ProactiveService } from "./conversations/proactive.service";
import { IntakeService } from "./channels/intake.service";
import { InboundProcessor } from "./channels/inbound-processor";
import { OutboundService } from "./channels/outbound.service";
import { InboxConnectionService } from "./channels/inbox-connection.service";
import { PresenceService } from "./channels/presence.service";
import { OutboundComposer } from "./conversations/outbound-composer";
import { OutboundAttachments } from "./media/attachments";
import { MediaUrls } from "./media/signed-urls";
import { TemplatesService } from "./templates/templates.service";
import type { Config } from "../config";
import { SecretBox } from "../infra/crypto";
import type { JobQueue } from "../infra/jobs";
import type { Logger } from "../infra/logger";
import type { PubSub } from "../infra/pubsub";
import type { Redis } from "ioredis";
import type { Storage } from "../infra/storage";
import type { UrlGuard } from "../infra/url-guard";
import { ApiKeysService } from "./api-keys.service";
import { AuditService } from "./audit.service";
import { AuthService } from "./auth/auth.service";
import { Authenticator } from "./auth/authenticator";
import { AuthLimits } from "./auth/login-limiter";
import { LoginSessions } from "./auth/login-sessions";
import { Revocations } from "./auth/revocations";
import { StepUp } from "./auth/step-up";
import { AccountService } from "./auth/account.service";
import { UsersAdminService } from "./admin/users-admin.service";
import { AdminLogsService } from "./admin/logs.service";
import { visibility } from "./visibility";
import { RateLimits } from "../infra/rate-limits";
import { AccessTokens } from "./auth/tokens";
import { UsersService } from "./users.service";
import { ClientsService } from "./clients/clients.service";
import { TicketsService } from "./tickets/tickets.service";
import { TriageService } from "./triage/triage.service";
import { SettingsService } from "./settings/settings.service";
import { Events } from "./events";
import { MessagesService } from "./conversations/messages.service";
import { SessionsService } from "./conversations/sessions.service";
import { ConversationService } from "./conversations/conversation.service";
import { Assistant } from "./conversations/assistant";
import { AiCallsService } from "./ai/calls.service";
import { AiProviderService } from "./ai/provider.service";
import type { AiRuntimeLookup } from "./ai/runtime";
import { TenantUrlGuards } from "./ai/url-guards";
import { AiToolsService } from "./ai/tools/tools.service";
import { registerAiToolCallPersonalData } from "./ai/personal-data";
import { KnowledgeService } from "./knowledge/knowledge.service";
import { Embeddings } from "./knowledge/embeddings";
import { TriageModelsService } from "./triage/learning/models.service";
import { TriageLearningService } from "./triage/learning/learning.service";
import { registerTriageExamplePersonalData } from "./triage/learning/personal-data";
import { HandoffsService } from "./handoffs/handoffs.service";
import { ConsentsService } from "./consents/consents.service";
import { PersonalDataRegistry } from "./privacy/registry";
import { registerCorePersonalData } from "./privacy/core-areas";
import { AccessLogService } from "./privacy/access-log.service";
import { DataSubjectRequestsService } from "./privacy/requests.service";
import { ErasureService } from "./privacy/erasure.service";
import { SubjectNotices } from "./privacy/notices";
import { IncidentsService } from "./privacy/incidents.service";
import { ProcessingRecordService } from "./privacy/processing.service";
import { CnpjService } from "./crm/cnpj/cnpj.service";
import { registerCrmPersonalData } from "./crm/personal-data";
import type { TeamsService } from "./teams/teams.service";
import type { RoutingService } from "./teams/routing.service";
import type { SlaService } from "./sla/sla.service";
import type { LabelsService } from "./labels/labels.service";
import type { CannedRepliesService } from "./canned/canned-replies.service";
import type { HandoffTransfers } from "./handoffs/transfer";
import type { TicketWorkItems } from "./tickets/work-items";
import { DataExportService } from "./privacy/export.service";
import { RetentionService } from "./privacy/retention.service";
import { DocumentsService } from "./documents/documents.service";
import { registerDocumentPersonalData } from "./documents/personal-data";
import { WebChatService } from "./webchat/web-chat.service";
import { WebChatLimits } from "./webchat/limits";
import { registerWebChatPersonalData } from "./webchat/personal-data";
import { EmailThreads } from "./email/threads";
import { MailboxPoller } from "./email/mailbox-poller";
import { InboxViews } from "./channels/inbox-views";

import type { SurveysService } from "./surveys/surveys.service";
import type { FollowUpsService } from "./followups/followups.service";
import type { WebhookSubscriptionsService } from "./integrations/webhooks.service";
import type { WebhookDispatcher } from "./integrations/webhook-dispatcher";
/** The adapters every service may use; built once per process in app.ts. */
export interface Infra {
  config: Config;
  logger: Logger;
  ds: DataSource;
  pubsub: PubSub;
  jobs: JobQueue;
  redis?: Redis;
  box: SecretBox;
  storage: Storage;
  /** Every request to a tenant-given URL goes through this (SSRF). */
  urlGuard: UrlGuard;
}

/** The domain services of one process. Resolvers and HTTP routes reach the domain only through these. */
export class Services {
  readonly audit: AuditService;
  readonly tokens: AccessTokens;
  readonly authenticator: Authenticator;
  /** Request limits (Redis-backed when configured); HTTP and WebSocket layers take theirs from here. */
  readonly rateLimits: RateLimits;
  readonly authLimits: AuthLimits;
  /** "A principal's access changed": open sockets re-check themselves. */
  readonly revocations: Revocations;
  readonly loginSessions: LoginSessions;
  readonly auth: AuthService;
  readonly account: AccountService;
  readonly stepUp: StepUp;
  readonly usersAdmin: UsersAdminService;
  readonly staffMail: StaffMailService;
  readonly logs: AdminLogsService;
  /** The one rule of what an agent may see of conversations. */
  readonly visibility = visibility;
  readonly users: UsersService;
  readonly apiKeys: ApiKeysService;
  readonly settings: SettingsService;
  readonly triage: TriageService;
  readonly clients: ClientsService;
  readonly tickets: TicketsService;
  readonly events: Events;
  readonly messages: MessagesService;
  readonly sessions: SessionsService;
  readonly handoffs: HandoffsService;
  readonly conversations: ConversationService;
  readonly inboxes: InboxesService;
  readonly analytics: AnalyticsService;
  readonly analyticsReports: AnalyticsReports;
  /** Analytics exports (CSV/JSON files made by a job, signed download links). */
  readonly exports: ExportsService;
  /** The tenant's daily or weekly report by e-mail and/or WhatsApp. */
  readonly scheduledReports: ScheduledReports;
  readonly proactive: ProactiveService;
  /** Outbound messages with files and quotes (agents, proactive messages, the AI's tools). */
  readonly composer: OutboundComposer;
  /** Signed, expiring download links of message media. */
  readonly mediaUrls: MediaUrls;
  readonly inboxConnections: InboxConnectionService;
  readonly presence: PresenceService;
  readonly templates: TemplatesService;
  readonly intake: IntakeService;
  readonly inbound: InboundProcessor;
  readonly outbound: OutboundService;
  /** LGPD: where every area registers how to erase, export and expire its personal data. */
  readonly personalData: PersonalDataRegistry;
  readonly accessLog: AccessLogService;
  readonly consents: ConsentsService;
  readonly dataRequests: DataSubjectRequestsService;
  readonly subjectNotices: SubjectNotices;
  readonly incidents: IncidentsService;
  readonly processingRecord: ProcessingRecordService;
  readonly cnpj: CnpjService;
  readonly pipelines: PipelineService;
  readonly leads: LeadsService;
  readonly leadConversion: LeadConversion;
  readonly crmAnalytics: CrmAnalytics;
  readonly leadQualifier: LeadQualifier;
  // Help desk: teams and routing, transfers, SLA clocks, labels, canned replies, tickets as work items.
  readonly teams: TeamsService;
  readonly routing: RoutingService;
  readonly sla: SlaService;
  readonly labels: LabelsService;
  readonly canned: CannedRepliesService;
  readonly transfers: HandoffTransfers;
  readonly ticketWork: TicketWorkItems;
  readonly erasure: ErasureService;
  readonly dataExport: DataExportService;
  readonly retention: RetentionService;
  readonly documents: DocumentsService;
  readonly webChat: WebChatService;
  readonly emailThreads: EmailThreads;
  readonly mailboxes: MailboxPoller;
  readonly inboxViews: InboxViews;
  /** AI: the tenant's provider, metered calls, learning from corrections, knowledge base, HTTP tools. */
  readonly aiProvider: AiProviderService;
  readonly aiCalls: AiCallsService;
  readonly urlGuards: TenantUrlGuards;
  readonly triageModels: TriageModelsService;
  readonly triageLearning: TriageLearningService;
  readonly knowledge: KnowledgeService;
  readonly aiTools: AiToolsService;
  /** Help desk (issue 16 part B): customer surveys, scheduled follow-ups, integrator webhooks. */
  readonly surveys: SurveysService;
  readonly followUps: FollowUpsService;
  readonly webhookSubscriptions: WebhookSubscriptionsService;
  readonly webhookDispatcher: WebhookDispatcher;

  constructor(readonly infra: Infra) {
    const { config, ds } = infra;
    this.audit = new AuditService();
    this.tokens = new AccessTokens(config.auth.jwtSecret, config.auth.accessTokenTtlSeconds);
    this.authenticator = new Authenticator(ds, this.tokens, config.auth.authCacheMs);
    this.rateLimits = new RateLimits({ enabled: config.limits.rateLimits, redis: infra.redis, prefix: config.redis.prefix });
    this.authLimits = new AuthLimits(this.rateLimits, config);
    this.revocations = new Revocations(infra.pubsub);
    this.shutdownHooks.push(this.authenticator.follow(this.revocations));
    this.loginSessions = new LoginSessions(this.tokens, this.revocations, config.auth.refreshTokenTtlDays);
    this.auth = new AuthService(ds, this.loginSessions, this.authLimits, infra.box, this.audit);
    const platformMail = new PlatformMail(config.email.platformSmtp, config.email.platformFrom, infra.logger);
    if (platformMail.enabled) {
      this.auth.signUpNotice = (email) => platformMail.send(email, "Tentativa de cadastro no Atende",
        "Olá.\n\nAlguém tentou criar uma conta no Atende com este e-mail, que já tem uma conta.\n\nSe foi você, entre com sua senha (ou peça ao administrador da sua empresa para redefini-la). Se não foi, ignore esta mensagem: nada foi alterado.\n").then(() => undefined);
    }
    this.account = new AccountService(ds, this.loginSessions, this.revocations, this.authLimits, this.audit);
    this.stepUp = new StepUp(ds, this.auth);
    this.users = new UsersService(ds, this.audit, this.authLimits);
    this.apiKeys = new ApiKeysService(ds, this.audit, this.authLimits, this.revocations);
    this.logs = new AdminLogsService();
    this.settings = new SettingsService(ds, this.audit, Boolean(config.openai.apiKey));
    this.settings.revocations = this.revocations;
    this.aiCalls = new AiCallsService(ds);
    this.analytics = new AnalyticsService(this.settings);
    this.analyticsReports = new AnalyticsReports(this.analytics);
    this.urlGuards = new TenantUrlGuards(infra.urlGuard, config.privateUrlTenants);
    this.shutdownHooks.push(() => this.urlGuards.close());
    this.aiProvider = new AiProviderService(ds, config, infra.box, this.urlGuards, this.settings, this.audit, infra.logger, infra.storage);
    const runtime: AiRuntimeLookup = (ctx, tenantId, settings) => this.aiProvider.runtime(ctx, tenantId, settings);
    this.triageModels = new TriageModelsService(ds, infra.jobs, infra.logger, config.triageLearning);
    this.triageLearning = new TriageLearningService(ds, this.triageModels);
    this.triage = new TriageService(this.settings, runtime, this.triageModels, this.aiCalls, config.limits.inboundTextMaxChars);
    this.clients = new ClientsService(ds);
    this.tickets = new TicketsService(ds, this.triage, this.audit);
    this.events = new Events(infra.pubsub);
    this.messages = new MessagesService(ds, this.events, this.visibility);
    this.sessions = new SessionsService(ds, this.events, this.visibility);
    this.handoffs = new HandoffsService(ds, this.events, this.settings, this.messages, this.visibility);
    this.handoffs.intentFeedback = this.triageLearning;
    this.sessions.handoffs = this.handoffs;
    this.usersAdmin = new UsersAdminService(ds, this.loginSessions, this.revocations, this.handoffs, this.audit, config.limits.passwordResetTtlHours, this.authLimits);
    this.knowledge = new KnowledgeService(ds, infra.jobs, this.audit, infra.logger);
    this.knowledge.embeddings = new Embeddings(ds, runtime, this.aiCalls, (tenantId) => this.systemContext(tenantId), infra.logger);
    this.aiTools = new AiToolsService(ds, infra.box, this.urlGuards, this.aiCalls, this.audit);
    const assistant = new Assistant({ runtime, calls: this.aiCalls, knowledge: this.knowledge, tools: this.aiTools, messages: this.messages });
    this.conversations = new ConversationService(ds, this.sessions, this.messages, this.handoffs, this.settings, this.triage, this.tickets, assistant, runtime, this.aiCalls);
    // An agent going OFFLINE hands its conversations back; coming ONLINE may receive some.
    // Kept for the agents' online time (analytics).
    this.users.availabilityHooks.push(async (ctx, user) => {
      await ctx.em.insert(AgentAvailabilityLog, { tenantId: user.tenantId, userId: user.id, availability: user.availability });
    });
    this.users.availabilityHooks.push(async (ctx, user, previous) => {
      if (user.availability === "OFFLINE") await this.handoffs.returnToQueue(ctx, user.id);
      else if (user.availability === "ONLINE" && previous !== "ONLINE") await this.handoffs.autoAssign(ctx, user.tenantId);
    });
    this.personalData = new PersonalDataRegistry();
    registerCorePersonalData(this.personalData);
    this.accessLog = new AccessLogService(ds, this.settings);
    this.consents = new ConsentsService(ds, this.audit, this.accessLog);
    this.subjectNotices = new SubjectNotices(ds, this.sessions, this.messages, this.settings);
    this.dataRequests = new DataSubjectRequestsService(ds, this.audit, this.settings, infra.jobs, this.clients, this.subjectNotices);
    this.erasure = new ErasureService(ds, this.personalData, this.audit, infra.logger, { sessions: this.sessions, notices: this.subjectNotices, systemContext: (tenantId) => this.systemContext(tenantId) });
    this.dataExport = new DataExportService(ds, this.personalData, this.accessLog);
    this.exports = new ExportsService({
      ds, jobs: infra.jobs, storage: infra.storage, analytics: this.analytics, accessLog: this.accessLog, logger: infra.logger,
      urls: new ExportUrls(config.encryptionKey, config.publicUrl, config.analytics.exportUrlTtlSeconds),
      systemContext: (tenantId) => this.systemContext(tenantId),
    });
    this.incidents = new IncidentsService(ds, this.settings, this.audit, this.accessLog);
    this.processingRecord = new ProcessingRecordService(ds, this.settings, this.audit, config);
    this.cnpj = new CnpjService(ds, config.cnpj, infra.logger, this.audit, infra.redis ? { client: infra.redis, prefix: config.redis.prefix } : undefined);
    registerCrmPersonalData(this.personalData);
    this.retention = new RetentionService(ds, this.personalData, infra.logger);
    this.mediaUrls = new MediaUrls(config.encryptionKey, config.publicUrl);
    this.composer = new OutboundComposer(ds, this.messages, new OutboundAttachments({ config, storage: infra.storage, logger: infra.logger }));
    this.conversations.composer = this.composer;
    this.proactive = new ProactiveService(this.consents, this.sessions, this.composer);
    this.inboxes = new InboxesService(ds, infra.box, this.audit, this.events, infra.urlGuard, infra.logger, { publicUrl: config.publicUrl, secretGraceSeconds: config.webhookSecretGraceSeconds, cacheMs: config.auth.authCacheMs });
    this.shutdownHooks.push(this.inboxes.follow(infra.pubsub));
    this.inboxConnections = new InboxConnectionService(this.inboxes);
    this.staffMail = new StaffMailService(ds, this.inboxes, infra.logger, config.publicUrl);
    this.usersAdmin.resetMailer = (_ctx, user, code, expiresAt) => this.staffMail.passwordReset(user, code, expiresAt);
    this.scheduledReports = new ScheduledReports({
      ds, jobs: infra.jobs, logger: infra.logger, analytics: this.analytics, settings: this.settings, inboxes: this.inboxes,
      smtp: config.email.platformSmtp, mailFrom: config.analytics.reportMailFrom, systemContext: (tenantId) => this.systemContext(tenantId),
    });
    this.presence = new PresenceService(ds, this.inboxes, this.sessions, infra.logger, infra.redis, config.redis.prefix);
    this.templates = new TemplatesService(ds, this.inboxes, this.proactive, this.messages, infra.logger);
    this.intake = new IntakeService(ds, infra.jobs, config.limits.inboundTextMaxChars);
    this.outbound = new OutboundService(ds, infra.jobs, this.inboxes, this.events, infra.storage);
    this.messages.outboundHooks.push(this.outbound.enqueue);
    this.inbound = new InboundProcessor(ds, {
      systemContext: (tenantId) => this.systemContext(tenantId),
      inboxes: this.inboxes, clients: this.clients, sessions: this.sessions, messages: this.messages,
      conversations: this.conversations, consents: this.consents, events: this.events, storage: infra.storage, logger: infra.logger,
    });
    registerConversationPersonalData(this.personalData, ds, infra.storage);
    this.documents = new DocumentsService({
      ds, config, logger: infra.logger, storage: infra.storage, jobs: infra.jobs, events: this.events,
      systemContext: (tenantId) => this.systemContext(tenantId),
    });
    registerDocumentPersonalData(this.personalData, ds, infra.storage);
    // The OCR pool (tesseract workers) is created on first use and released on shutdown.
    this.shutdownHooks.push(() => this.documents.reader.shutdown());
    // WhatsApp images and documents are read too: their text lands in message.extractedText.
    this.inbound.mediaIngest = (ctx, input) => this.documents.ingestMessageMedia(ctx, input);
    this.triage.aiConsent = (ctx, clientId) => this.consents.has(ctx, clientId, ConsentPurpose.AI_PROCESSING);
    registerTriageExamplePersonalData(this.personalData);
    registerAiToolCallPersonalData(this.personalData);
    this.webChat = new WebChatService({
      ds, config, logger: infra.logger, storage: infra.storage, jobs: infra.jobs, events: this.events,
      limits: new WebChatLimits(config.webChat, infra.redis, config.redis.prefix),
      inboxes: this.inboxes, sessions: this.sessions, messages: this.messages, consents: this.consents,
      conversations: this.conversations, documents: this.documents,
      systemContext: (tenantId) => this.systemContext(tenantId),
      clientCreated: (tx, client, channel) => this.clients.announceCreated(tx, client, channel),
    });
    registerWebChatPersonalData(this.personalData);
    // One sendTyping for every channel: the widget sees it in-platform, WhatsApp through its provider.
    this.presence.localTyping = (ctx, sessionId) => this.webChat.agentTyping(ctx, sessionId);
    // E-mail: a mail joins its conversation by thread headers; replies continue the thread.
    this.emailThreads = new EmailThreads({ clients: this.clients, sessions: this.sessions, secret: (inbox) => this.inboxes.secret(inbox) });
    this.inbound.conversationResolvers[InboxProvider.EMAIL] = (ctx, inbox, e) => this.emailThreads.conversationFor(ctx, inbox, e);
    this.outbound.threadFor = (em, sessionId) => this.emailThreads.threadFor(em, sessionId);
    this.inboxViews = new InboxViews(ds, this.inboxes);
    this.mailboxes = new MailboxPoller(ds, { inboxes: this.inboxes, intake: this.intake, jobs: infra.jobs, logger: infra.logger });
    // CRM: leads, their pipeline, and qualification from conversations and documents.
    const crm = wireCrm(this);
    this.pipelines = crm.pipelines;
    this.leads = crm.leads;
    this.leadConversion = crm.leadConversion;
    this.crmAnalytics = crm.crmAnalytics;
    this.leadQualifier = crm.leadQualifier;
    // Help desk: integrator webhooks, surveys, follow-ups, teams, SLA, labels, canned replies, ticket work.
    const hd = wireHelpdesk(this);
    this.teams = hd.teams;
    this.routing = hd.routing;
    this.sla = hd.sla;
    this.labels = hd.labels;
    this.canned = hd.canned;
    this.transfers = hd.transfers;
    this.ticketWork = hd.ticketWork;
    this.surveys = hd.surveys;
    this.followUps = hd.followUps;
    this.webhookSubscriptions = hd.webhookSubscriptions;
    this.webhookDispatcher = hd.webhookDispatcher;
  }

  /**
   * A context for work the platform does on a tenant's behalf (jobs, webhooks): no
   * user, ADMIN-level rights within that tenant only.
   */
  systemContext(tenantId: string, requestId = `job-${crypto.randomUUID()}`): RequestContext {
    const em = this.infra.ds.manager;
    return {
      requestId,
      principal: { kind: "user", id: "system", userId: null, tenantId, role: Role.ADMIN },
      ip: null,
      justification: null,
      em,
      loaders: createLoaders(em, tenantId),
      afterCommit: [],
      pubsub: this.infra.pubsub,
    };
  }

  /** Releases what services hold beyond the infra (worker pools, timers). */
  async shutdown(): Promise<void> {
    // At once: a hook that stops a subscription must run before the Redis connections close beside it.
    await Promise.allSettled(this.shutdownHooks.map((hook) => hook()));
  }

  readonly shutdownHooks: Array<() => Promise<void>> = [];
}

export { SecretBox };
