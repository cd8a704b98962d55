import { Arg, Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { Role } from "../schema/enums";
import { PeriodInput } from "../schema/types/client.types";
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

@Resolver()
export class AnalyticsResolver {
  constructor(private readonly services: Services) {}

  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @Query(() => Dashboard)
  dashboard(@Ctx() ctx: RequestContext, @Arg("period", () => PeriodInput) period: PeriodInput) {
    return this.services.analytics.dashboard(ctx, period);
  }
}
