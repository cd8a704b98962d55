import { ApiKey } from "./api-key";
import { AuditLog } from "./audit-log";
import { RefreshToken } from "./refresh-token";
import { Tenant } from "./tenant";
import { User } from "./user";
import { Client } from "./client";
import { Ticket } from "./ticket";
import { TicketComment } from "./ticket-comment";
import { TenantSettingsRow } from "./tenant-settings";
import { Session } from "./session";
import { Message } from "./message";
import { Handoff } from "./handoff";
import { HandoffNote } from "./handoff-note";
import { Consent } from "./consent";
import { Inbox } from "./inbox";
import { InboundEvent } from "./inbound-event";
import { DataSubjectRequest } from "./data-subject-request";
import { DataAccessLog } from "./data-access-log";
import { Document } from "./document";
import { AiProviderConfig } from "./ai-provider-config";
import { AiCall } from "./ai-call";
import { TriageExample } from "./triage-example";
import { TriageModelVersion } from "./triage-model-version";
import { Article } from "./article";
import { AiTool } from "./ai-tool";
import { AiToolCall } from "./ai-tool-call";
import { SubjectNotification } from "./subject-notification";
import { SecurityIncident, SecurityIncidentSubject } from "./security-incident";
import { ProcessingActivity } from "./processing-activity";
import { CnpjRegistration } from "./cnpj-registration";
import { Pipeline, PipelineStage } from "./pipeline";
import { Lead, LeadEvent } from "./lead";
import { WebVisitor } from "./web-visitor";
import { EmailMailbox } from "./email-mailbox";
import { AuthSession } from "./auth-session";
import { PasswordReset } from "./password-reset";

export { AuthSession, PasswordReset };
import { MessageTemplate } from "./message-template";
import { Team, TeamMember } from "./team";
import { Label, LabelLink } from "./label";
import { SurveyResponse } from "./survey-response";
import { FollowUp } from "./follow-up";
import { WebhookDelivery, WebhookSubscription } from "./webhook-subscription";

export { Label, LabelLink, SurveyResponse, Team, TeamMember };
export { FollowUp, WebhookDelivery, WebhookSubscription };
import { RoutingRule } from "./routing-rule";
import { SlaPolicy } from "./sla-policy";
import { CannedReply } from "./canned-reply";

export { CannedReply, RoutingRule, SlaPolicy };
import { AnalyticsExport } from "./analytics-export";
import { ScheduledReport } from "./scheduled-report";
import { AgentAvailabilityLog } from "./agent-availability-log";

export { AgentAvailabilityLog, AnalyticsExport, ScheduledReport };
export { AiCall, AiProviderConfig, AiTool, AiToolCall, Article, TriageExample, TriageModelVersion };
export { EmailMailbox, Handoff, HandoffNote, InboundEvent, Inbox, Message, MessageTemplate, Session, WebVisitor };
export { ApiKey, AuditLog, Client, Consent, DataAccessLog, Document, DataSubjectRequest, RefreshToken, Tenant, TenantSettingsRow, Ticket, TicketComment, User };

/** Every TypeORM entity; the data source and the migration drift test use this list. */
export const ENTITIES = [Tenant, User, ApiKey, RefreshToken, AuditLog, Client, Ticket, TicketComment, TenantSettingsRow, Session, Message, Handoff, HandoffNote, Consent, DataSubjectRequest, DataAccessLog, Document, Inbox, InboundEvent, WebVisitor, EmailMailbox,
  SubjectNotification, SecurityIncident, SecurityIncidentSubject, ProcessingActivity,
  CnpjRegistration, Pipeline, PipelineStage, Lead, LeadEvent, AuthSession, PasswordReset,
  AiProviderConfig, AiCall, TriageExample, TriageModelVersion, Article, AiTool, AiToolCall, MessageTemplate,
  Team, TeamMember, Label, LabelLink, SurveyResponse,
  FollowUp, WebhookSubscription, WebhookDelivery, RoutingRule, SlaPolicy, CannedReply, AnalyticsExport, ScheduledReport, AgentAvailabilityLog];
