import type { Scenario } from "../lib/scenario";

/**
 * S8 analytics — HOOK, not measured yet. The analytics issue's `analytics(...)` queries
 * and its 1-million-message data set are being built on another branch; once merged:
 *
 * 1. seed the data set into a fresh database (createDatabase() + the analytics
 *    issue's generator, through raw `pg` COPY so seeding is not the bottleneck);
 * 2. platform: closedLoop POST /graphql with each analytics query (admin token),
 *    10 connections, interleaved() with
 * 3. baseline: node:http + `pg` running the same SQL the service runs and serialising
 *    the same JSON (bench/baselines/pg-tickets.ts is the pattern);
 * 4. one row per query: req/s and p50/p99 beside the baseline, ratio, goal.
 */
export const s8: Scenario = {
  name: "S8 analytics",
  async run() {
    return [{ scenario: "S8", metric: "analytics(...) on 1M messages: not measured (queries not on main yet; hook in bench/scenarios/s8-analytics.ts)", platform: "—", baseline: "—", ratio: "—" }];
  },
};
