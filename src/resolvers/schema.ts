import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type ContainerType } from "type-graphql";
import { GraphQLDateTime, GraphQLJSON } from "graphql-scalars";
import { AuthResolver } from "./auth.resolver";
import { ApiKeyResolver, UserResolver } from "./user.resolver";
import { ClientResolver } from "./client.resolver";
import { SettingsResolver } from "./settings.resolver";
import { MessageResolver, SessionResolver } from "./session.resolver";
import { HandoffNoteResolver, HandoffResolver } from "./handoff.resolver";
import { SubscriptionResolver } from "./subscription.resolver";
import { InboxResolver } from "./inbox.resolver";
import { AnalyticsResolver, ExportResolver, ScheduledReportResolver } from "./analytics.resolver";
import { TicketCommentResolver, TicketResolver } from "./ticket.resolver";
import { ClientConsentsResolver, ConsentResolver } from "./consent.resolver";
import { AuditLogResolver, DataAccessLogResolver, DataSubjectRequestResolver } from "./privacy.resolver";
import { DocumentResolver, MessageDocumentResolver, TicketDocumentsResolver } from "./document.resolver";
import { DataSubjectRequestNoticesResolver, SubjectNotificationResolver } from "./privacy-notices.resolver";
import { CompanyResolver } from "./crm-company.resolver";
import { LeadEventResolver, LeadResolver } from "./crm.resolver";
import { AffectedSubjectResolver, ProcessingActivityResolver, SecurityIncidentResolver } from "./privacy-record.resolver";
import { AiResolver, AiToolResolver, SessionAiResolver } from "./ai.resolver";
import { ArticleResolver } from "./knowledge.resolver";
import type { Services } from "../services";
import { authChecker } from "../schema/auth-checker";
import { AdminResolver, AuthSessionResolver } from "./admin.resolver";
import { applyFieldGuards } from "./field-guards";
import { WebChatResolver } from "./webchat.resolver";
import { MessageEmailResolver } from "./email.resolver";
import { FollowUpResolver, WebhookDeliveryResolver, WebhookSubscriptionResolver } from "./followups.resolver";
import { HandoffHelpdeskResolver, RoutingRuleResolver, SlaPolicyResolver, TeamResolver, TicketHelpdeskResolver } from "./helpdesk.resolver";
import { CannedReplyResolver, ClientLabelsResolver, LabelResolver, SessionLabelsResolver } from "./labels-canned.resolver";
import { TenantResolver } from "./tenant.resolver";

/** Every resolver class of the API; a new area adds its resolvers here. */
export const RESOLVERS = [AuthResolver, UserResolver, ApiKeyResolver, ClientResolver, TicketResolver, TicketCommentResolver, SettingsResolver,
  SessionResolver, MessageResolver, HandoffResolver, HandoffNoteResolver, SubscriptionResolver, InboxResolver, AnalyticsResolver,
  ConsentResolver, ClientConsentsResolver, DataSubjectRequestResolver, DataAccessLogResolver, AuditLogResolver,
  DocumentResolver, TicketDocumentsResolver, MessageDocumentResolver, WebChatResolver, MessageEmailResolver,
  DataSubjectRequestNoticesResolver, SubjectNotificationResolver, SecurityIncidentResolver, AffectedSubjectResolver, ProcessingActivityResolver,
  CompanyResolver, LeadResolver, LeadEventResolver, AdminResolver, AuthSessionResolver,
  AiResolver, AiToolResolver, SessionAiResolver, ArticleResolver,
  FollowUpResolver, WebhookSubscriptionResolver, WebhookDeliveryResolver, TeamResolver, RoutingRuleResolver, SlaPolicyResolver, HandoffHelpdeskResolver, TicketHelpdeskResolver, LabelResolver, SessionLabelsResolver, ClientLabelsResolver, CannedReplyResolver, TenantResolver, ExportResolver, ScheduledReportResolver] as const;

/** Resolvers are built once per process with the services they call. */
function containerFor(services: Services | null): ContainerType {
  const instances = new Map<unknown, unknown>();
  return {
    get(cls: new (s: Services) => unknown) {
      if (!instances.has(cls)) instances.set(cls, new cls(services as Services));
      return instances.get(cls);
    },
  } as ContainerType;
}

export function buildAppSchema(services: Services | null): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS] as never,
    container: containerFor(services),
    authChecker,
    authMode: "error",
    // visitorFieldGuard, freshLoadersPerEvent, twoFactorPolicy and conversationVisibility run on
    // every field: applied to the built schema (field-guards.ts), not as global middlewares.
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    orphanedTypes: [],
    validate: false,
    // Every subscription uses its own tenant-scoped `subscribe` over our PubSub;
    // type-graphql's topic mode is not used, so its pubSub only guards misuse.
    pubSub: {
      publish: () => {
        throw new Error("use services.events to publish");
      },
      subscribe: () => {
        throw new Error("subscriptions must define `subscribe`");
      },
    },
  }).then((schema) => {
    void GraphQLJSON;
    return applyFieldGuards(schema);
  });
}

/** SDL as committed in src/schema/schema.graphql (sorted so diffs stay readable). */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
