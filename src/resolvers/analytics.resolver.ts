import { Arg, Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { Role } from "../schema/enums";
import { PeriodInput } from "../schema/types/client.types";
import { AgentPerformance, AiCostReport, AnalyticsInput, AnalyticsResult, ComplianceReport } from "../schema/types/analytics.types";
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
