import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import type { RequestContext } from "../context";
import { AuditLog } from "../entities/audit-log";
import { Client } from "../entities/client";
import { DataAccessLog } from "../entities/data-access-log";
import { DataSubjectRequest } from "../entities/data-subject-request";
import { User } from "../entities/user";
import { DataSubjectRequestStatus, Role } from "../schema/enums";
import { DataSubjectRequestInput } from "../schema/types/privacy.types";
import type { Services } from "../services";
import { clientLoader } from "./ticket.loaders";
import { FreshTwoFactor, TOTP_ARG } from "./security.middleware";
import { AuditLogFilter, DataAccessLogFilter } from "../schema/types/admin.types";


const ALL = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR];

/** The contract keeps auditLogs/dataAccessLogs as lists: the nodes of a page. */
const nodes = async <T>(page: Promise<{ edges: Array<{ node: T }> }>): Promise<T[]> => (await page).edges.map((e) => e.node);

@Resolver(() => DataSubjectRequest)
export class DataSubjectRequestResolver {
  constructor(private readonly services: Services) {}

  @Authorized(ALL)
  @Query(() => [DataSubjectRequest])
  dataSubjectRequests(@Ctx() ctx: RequestContext, @Arg("status", () => DataSubjectRequestStatus, { nullable: true }) status: DataSubjectRequestStatus | null) {
    return this.services.dataRequests.list(ctx, status);
  }

  @Authorized(ALL)
  @Mutation(() => DataSubjectRequest)
  requestDataSubjectAction(@Ctx() ctx: RequestContext, @Arg("input", () => DataSubjectRequestInput) input: DataSubjectRequestInput) {
    return this.services.dataRequests.create(ctx, input);
  }

  @Authorized([Role.ADMIN])
  @UseMiddleware(FreshTwoFactor)
  @Mutation(() => DataSubjectRequest)
  approveDataSubjectRequest(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("totpCode", () => String, TOTP_ARG) _totpCode: string | null) {
    return this.services.dataRequests.approve(ctx, id);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => DataSubjectRequest)
  rejectDataSubjectRequest(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("reason", () => String) reason: string) {
    return this.services.dataRequests.reject(ctx, id, reason);
  }

  // The answer to ACCESS and EXPORT requests. Agents read personal data field by
  // field; everything at once is for ADMIN and SUPERVISOR.
  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @UseMiddleware(FreshTwoFactor)
  @Query(() => GraphQLJSON)
  exportClientData(
    @Ctx() ctx: RequestContext,
    @Arg("clientId", () => ID) clientId: string,
    @Arg("justification", () => String, { nullable: true, description: "Why the data is exported (data access log); else the x-access-justification header." }) justification: string | null,
    @Arg("totpCode", () => String, TOTP_ARG) _totpCode: string | null,
  ) {
    return this.services.dataExport.export(ctx, clientId, justification);
  }

  /** Null once the client has been erased. */
  @FieldResolver(() => Client, { nullable: true })
  async client(@Root() request: DataSubjectRequest, @Ctx() ctx: RequestContext): Promise<Client | null> {
    const client = await clientLoader(ctx).load(request.clientId);
    return client && !client.anonymizedAt ? client : null;
  }
}

@Resolver(() => DataAccessLog)
export class DataAccessLogResolver {
  constructor(private readonly services: Services) {}

  @Authorized([Role.ADMIN])
  @Query(() => [DataAccessLog])
  dataAccessLogs(
    @Ctx() ctx: RequestContext,
    @Arg("clientId", () => ID, { nullable: true }) clientId: string | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("filter", () => DataAccessLogFilter, { nullable: true, description: "Filtros; a versão paginada é dataAccessLogsConnection." }) filter: DataAccessLogFilter | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    return nodes(this.services.logs.dataAccess(ctx, { first, after }, { ...filter, clientId: clientId ?? filter?.clientId }));
  }

  @FieldResolver(() => User, { nullable: true })
  actor(@Root() entry: DataAccessLog, @Ctx() ctx: RequestContext) {
    return entry.actorId ? ctx.loaders.user.load(entry.actorId) : null;
  }
}

@Resolver(() => AuditLog)
export class AuditLogResolver {
  constructor(private readonly services: Services) {}

  @Authorized([Role.ADMIN])
  @Query(() => [AuditLog])
  auditLogs(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("filter", () => AuditLogFilter, { nullable: true, description: "Filtros; a versão paginada é auditLogsConnection." }) filter: AuditLogFilter | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    return nodes(this.services.logs.audit(ctx, { first, after }, filter));
  }

  @FieldResolver(() => User, { nullable: true })
  actor(@Root() entry: AuditLog, @Ctx() ctx: RequestContext) {
    return entry.actorId ? ctx.loaders.user.load(entry.actorId) : null;
  }
}
