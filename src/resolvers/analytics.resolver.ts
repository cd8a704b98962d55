import { Arg, Authorized, Ctx, Field, Float, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { Role } from "../schema/enums";
import { PeriodInput } from "../schema/types/client.types";
import { AgentPerformance, AiCostReport, AnalyticsInput, AnalyticsResult, ComplianceReport, ExportConnection, ExportInput, ExportView, ScheduledReport, ScheduledReportInput } from "../schema/types/analytics.types";
import type { Services } from "../services";

@ObjectType()
export class Dashboard {
  @Field(() => Int) totalSessions!: number;
  @Field(() => Int) totalMessages!: number;
  @Field(() => Float) aiResolutionRate!: number;
  @Field(() => Float) handoffRate!: number;
  @Field(() => Float) avgSessionMinutes!: number;
  @Field(() => Float) avgFirstResponseSeconds!: number;
  @Field(() => Float) avgQueueWaitSeconds!: number;
  @Field(() => Float) totalCostBrl!: number;
  @Field(() => Float, { nullable: true }) csatAverage!: number | null;
  @Field(() => Float, { nullable: true }) nps!: number | null;
}

const MANAGERS = [Role.ADMIN, Role.SUPERVISOR];

/** Indicators for supervisors and admins (agents are refused). */
@Resolver()
export class AnalyticsResolver {
  constructor(private readonly services: Services) {}

  @Authorized(MANAGERS)
  @Query(() => Dashboard)
  dashboard(@Ctx() ctx: RequestContext, @Arg("period", () => PeriodInput) period: PeriodInput) {
    return this.services.analytics.dashboard(ctx, period);
  }

  @Authorized(MANAGERS)
  @Query(() => AnalyticsResult)
  analytics(@Ctx() ctx: RequestContext, @Arg("input", () => AnalyticsInput) input: AnalyticsInput) {
    return this.services.analytics.analytics(ctx, input);
  }

  @Authorized(MANAGERS)
  @Query(() => [AgentPerformance])
  agentPerformance(@Ctx() ctx: RequestContext, @Arg("input", () => AnalyticsInput) input: AnalyticsInput) {
    return this.services.analyticsReports.agentPerformance(ctx, input);
  }

  @Authorized(MANAGERS)
  @Query(() => AiCostReport)
  aiCosts(@Ctx() ctx: RequestContext, @Arg("input", () => AnalyticsInput) input: AnalyticsInput) {
    return this.services.analyticsReports.aiCosts(ctx, input);
  }

  @Authorized(MANAGERS)
  @Query(() => ComplianceReport)
  complianceReport(@Ctx() ctx: RequestContext, @Arg("input", () => AnalyticsInput) input: AnalyticsInput) {
    return this.services.analyticsReports.complianceReport(ctx, input);
  }
}

const EXPORTERS = [Role.ADMIN, Role.SUPERVISOR, Role.INTEGRATOR];

/** Exports: started by a mutation, made by a job, downloaded through a signed link. */
@Resolver(() => ExportView)
export class ExportResolver {
  constructor(private readonly services: Services) {}

  @Authorized(EXPORTERS)
  @Mutation(() => ExportView)
  async startExport(@Ctx() ctx: RequestContext, @Arg("input", () => ExportInput) input: ExportInput) {
    return this.services.exports.view(await this.services.exports.start(ctx, input));
  }

  @Authorized(EXPORTERS)
  @Query(() => ExportConnection)
  async exports(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    const page = await this.services.exports.list(ctx, { first, after });
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: this.services.exports.view(e.node) })) };
  }

  @Authorized(EXPORTERS)
  @Query(() => ExportView)
  async analyticsExport(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.exports.view(await this.services.exports.get(ctx, id));
  }
}

/** The periodic report the admin sets up (supervisors may see it). */
@Resolver(() => ScheduledReport)
export class ScheduledReportResolver {
  constructor(private readonly services: Services) {}

  @Authorized(MANAGERS)
  @Query(() => ScheduledReport, { nullable: true })
  scheduledReport(@Ctx() ctx: RequestContext) {
    return this.services.scheduledReports.get(ctx);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => ScheduledReport)
  setScheduledReport(@Ctx() ctx: RequestContext, @Arg("input", () => ScheduledReportInput) input: ScheduledReportInput) {
    return this.services.scheduledReports.set(ctx, input);
  }
}
