import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type ContainerType } from "type-graphql";
import { GraphQLDateTime, GraphQLJSON } from "graphql-scalars";
import { AuthResolver } from "../resolvers/auth.resolver";
import { ApiKeyResolver, UserResolver } from "../resolvers/user.resolver";
import { ClientResolver } from "../resolvers/client.resolver";
import { SettingsResolver } from "../resolvers/settings.resolver";
import { MessageResolver, SessionResolver } from "../resolvers/session.resolver";
import { HandoffNoteResolver, HandoffResolver } from "../resolvers/handoff.resolver";
import { SubscriptionResolver } from "../resolvers/subscription.resolver";
import { InboxResolver } from "../resolvers/inbox.resolver";
import { AnalyticsResolver } from "../resolvers/analytics.resolver";
import { TicketCommentResolver, TicketResolver } from "../resolvers/ticket.resolver";
import { ClientConsentsResolver, ConsentResolver } from "../resolvers/consent.resolver";
import { AuditLogResolver, DataAccessLogResolver, DataSubjectRequestResolver } from "../resolvers/privacy.resolver";
import { DocumentResolver, MessageDocumentResolver, TicketDocumentsResolver } from "../resolvers/document.resolver";
import type { Services } from "../services";
import { authChecker } from "./auth-checker";
import { freshLoadersPerEvent } from "../resolvers/loaders";

/** Every resolver class of the API; a new area adds its resolvers here. */
export const RESOLVERS = [AuthResolver, UserResolver, ApiKeyResolver, ClientResolver, TicketResolver, TicketCommentResolver, SettingsResolver,
  SessionResolver, MessageResolver, HandoffResolver, HandoffNoteResolver, SubscriptionResolver, InboxResolver, AnalyticsResolver,
  ConsentResolver, ClientConsentsResolver, DataSubjectRequestResolver, DataAccessLogResolver, AuditLogResolver,
  DocumentResolver, TicketDocumentsResolver, MessageDocumentResolver] as const;

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
    globalMiddlewares: [freshLoadersPerEvent],
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
    return schema;
  });
}

/** SDL as committed in src/schema/schema.graphql (sorted so diffs stay readable). */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
