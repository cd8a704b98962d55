import { createDatabase, REDIS_URL } from "../lib/db";
import { createTenant, gql, mapLimit, startPlatform } from "../lib/platform";
import { sleep, startNode } from "../lib/procs";
import { mean, type Row, type Scenario } from "../lib/scenario";
import { fmt, ratio, summarize } from "../lib/stats";
import { graphqlWsSubscribers, rawSubscribers, type Subscribers } from "../lib/ws-clients";

/** From this size the two sides are measured one after the other (2N client sockets exceed the fd limit). */
const SEQUENTIAL_FROM = 8000;

const SUBSCRIPTION = `subscription { queueUpdated { kind queueLength handoff { id priority reason status createdAt } } }`;

/**
 * S2: one queue event fanned out to N consoles of one tenant (graphql-ws, agents'
 * tokens) beside a raw `ws` broadcast of the same frame to N sockets. Latency runs
 * from the moment the triggering mutation (or broadcast request) is sent until each
 * subscriber has the frame.
 */
export const s2: Scenario = {
  name: "S2 fan-out",
  async run(opts) {
    const sizes = opts.quick ? [50] : [200, 1000, 3000, 10000];
    const triggers = opts.quick ? 1 : 10;
    const db = await createDatabase();
    const p = await startPlatform({ databaseUrl: db.url, redisUrl: REDIS_URL });
    const raw = await startNode("ws-broadcast", "bench/baselines/ws-broadcast.js", {}, /ready (\d+)/);
    const rawOrigin = `http://127.0.0.1:${raw.match[1]}`;
    const rows: Row[] = [];
    try {
      const t = await createTenant(p.origin, opts.quick ? 2 : 20);
      const needed = sizes.length * (triggers + 2);
      opts.log(`S2: preparing ${needed} conversations to hand off`);
      const sessions = await mapLimit(Array.from({ length: needed }, (_, i) => i), 4, async (i) => {
        const c = await gql(p.origin, t.adminToken, `mutation($i: CreateClientInput!) { createClient(input: $i) { id } }`, { i: { name: `Fila ${i} ${Math.random().toString(36).slice(2, 6)}` } });
        const s = await gql(p.origin, t.adminToken, `mutation($i: StartSessionInput!) { startSession(input: $i) { id } }`, { i: { clientId: c.createClient.id, channel: "WHATSAPP" } });
        return s.startSession.id as string;
      });
      let next = 0;
      /** Sends the mutation with the subscribers already waiting (an event may arrive before the mutation's answer). */
      const trigger = async (subs: Subscribers) => {
        const t0 = performance.now();
        const pending = subs.nextFrame(t0, 30_000);
        await gql(p.origin, t.adminToken, `mutation($i: RequestHandoffInput!) { requestHandoff(input: $i) { id } }`, { i: { sessionId: sessions[next++], reason: "bench: cliente pediu um atendente" } });
        const mutationMs = performance.now() - t0;
        return { mutationMs, got: await pending };
      };
      for (const n of sizes) {
        opts.log(`S2: N = ${n}`);
        const rssP0 = p.api.rssKb();
        const rssB0 = raw.rssKb();
        const wsUrl = p.origin.replace("http", "ws") + "/graphql";
        let platformSubs: Subscribers | null = null;
        let rawSubs: Subscribers | null = null;
        // Both sides open at once need 2N sockets in this process: past SEQUENTIAL_FROM the
        // fd limit (often 20,000) does not allow it, so the platform is measured first,
        // then the baseline (not interleaved for that size; said in the row).
        const sequential = n >= SEQUENTIAL_FROM;
        try {
          platformSubs = await graphqlWsSubscribers(wsUrl, n, (i) => t.agentTokens[i % t.agentTokens.length]!, SUBSCRIPTION);
          if (!sequential) rawSubs = await rawSubscribers(`${rawOrigin.replace("http", "ws")}/ws`, n);
          await sleep(1000);
          const perConnP = ((p.api.rssKb() - rssP0) * 1024) / n;
          let perConnB = ((raw.rssKb() - rssB0) * 1024) / n;
          // Warm-up; the platform's frame becomes the baseline's payload (same bytes).
          const { got: first } = await trigger(platformSubs);
          const frame = first.firstFrame ?? "{}";
          const platLat: number[] = [], rawLat: number[] = [], mutation: number[] = [], platRate: number[] = [], rawRate: number[] = [];
          let missingP = first.missing, missingB = 0;
          const platformRound = async (subs: Subscribers) => {
            const tr = await trigger(subs);
            const got = tr.got;
            platLat.push(...got.latencies);
            missingP += got.missing;
            mutation.push(tr.mutationMs);
            platRate.push(got.latencies.length / (Math.max(...got.latencies) / 1000));
          };
          const rawRound = async (subs: Subscribers) => {
            const t0 = performance.now();
            const pending = subs.nextFrame(t0, 30_000);
            await fetch(`${rawOrigin}/broadcast`, { method: "POST", body: frame });
            const rg = await pending;
            rawLat.push(...rg.latencies);
            missingB += rg.missing;
            rawRate.push(rg.latencies.length / (Math.max(...rg.latencies) / 1000));
          };
          const rawWarm = async (subs: Subscribers) => {
            if (opts.quick) return;
            const t0 = performance.now();
            await fetch(`${rawOrigin}/broadcast`, { method: "POST", body: frame });
            await subs.nextFrame(t0, 30_000);
          };
          if (!sequential) {
            await rawWarm(rawSubs!);
            for (let k = 0; k < triggers; k++) {
              await platformRound(platformSubs);
              await rawRound(rawSubs!);
            }
          } else {
            for (let k = 0; k < triggers; k++) await platformRound(platformSubs);
            await platformSubs.close();
            platformSubs = null;
            await sleep(500);
            const rssB1 = raw.rssKb();
            rawSubs = await rawSubscribers(`${rawOrigin.replace("http", "ws")}/ws`, n);
            await sleep(1000);
            perConnB = ((raw.rssKb() - rssB1) * 1024) / n;
            await rawWarm(rawSubs);
            for (let k = 0; k < triggers; k++) await rawRound(rawSubs);
          }
          const a = summarize(platLat), b = summarize(rawLat), m = summarize(mutation);
          rows.push(
            { scenario: "S2", metric: `N=${n}: delivery latency p50 / p99 (ms)${sequential ? " (sides measured one after the other)" : ""}${missingP ? `, ${missingP} MISSING` : ""}`, platform: `${fmt(a.p50)} / ${fmt(a.p99)}`, baseline: `raw ws: ${fmt(b.p50)} / ${fmt(b.p99)}${missingB ? `, ${missingB} missing` : ""}`, ratio: ratio(b.p99, a.p99), goal: n === 3000 ? "p99 ≤ 2× raw (≥ 0.5)" : undefined },
            { scenario: "S2", metric: `N=${n}: deliveries/s`, platform: fmt(mean(platRate), 0), baseline: fmt(mean(rawRate), 0), ratio: ratio(mean(platRate), mean(rawRate)) },
            { scenario: "S2", metric: `N=${n}: RSS per subscriber`, platform: `${fmt(perConnP / 1024)} KB`, baseline: `${fmt(perConnB / 1024)} KB`, ratio: ratio(perConnB, perConnP), goal: n === 3000 ? "≤ 30 KB" : undefined },
            { scenario: "S2", metric: `N=${n}: triggering mutation p50 / p99 (ms)`, platform: `${fmt(m.p50)} / ${fmt(m.p99)}`, baseline: "—", ratio: "—", goal: "independent of N" },
          );
        } catch (err) {
          // One size failing (e.g. out of sockets) keeps the rows of the others.
          opts.log(`S2 N=${n} failed: ${String((err as Error).message ?? err)}`);
          rows.push({ scenario: "S2", metric: `N=${n}: FAILED (${String((err as Error).message ?? err).split("\n")[0]!.slice(0, 80)})`, platform: "—", baseline: "—", ratio: "—" });
        } finally {
          await platformSubs?.close();
          await rawSubs?.close();
          await sleep(500);
        }
      }
      return rows;
    } finally {
      await raw.stop();
      await p.stop();
      await db.drop().catch(() => undefined);
    }
  },
};
