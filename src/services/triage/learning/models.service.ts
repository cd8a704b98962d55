/**
 * Per-tenant rules models: which one answers (the shipped model until a retrained one is
 * better), the debounced retraining job, and the figures `triageModel` shows.
 */
import type { DataSource, EntityManager } from "typeorm";
import { TriageExample } from "../../../entities/triage-example";
import { TriageModelVersion } from "../../../entities/triage-model-version";
import { requirePrincipal, type RequestContext } from "../../../context";
import type { JobQueue } from "../../../infra/jobs";
import type { Logger } from "../../../infra/logger";
import type { TriageModelInfo } from "../../../schema/types/ai.types";
import { autoResolveThreshold } from "../rules/classify";
import { bundledModel, loadModel, RulesTriageProvider } from "../rules/rules-provider";
import { adapt } from "../rules/adapt";
import { INTENTS, type Intent } from "../types";
import { asTraining, crossValidateAdaptation, evaluateModel, type Figures, type LabelledText } from "./evaluate";
import calibration from "../rules/calibration.json";

export const RETRAIN_JOB = "triage.retrain";

/** What the shipped model scored on the calibration's perturbed evaluation (docs/triage-calibration.md). */
const SHIPPED_FIGURES = { accuracy: calibration.shippedPerturbedAccuracy, needsHumanRecall: calibration.shippedPerturbedNeedsHumanRecall };

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class TriageModelsService {
  private readonly cache = new Map<string, { id: string; provider: RulesTriageProvider }>();
  private readonly shipped = new RulesTriageProvider();

  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobQueue,
    private readonly logger: Logger,
    private readonly opts: { minExamples: number; intervalMs: number },
  ) {}

  /** The rules provider of a tenant: its active retrained model, or the shipped one. */
  async providerFor(em: EntityManager, tenantId: string): Promise<RulesTriageProvider> {
    const [active] = await em.query(`SELECT id FROM triage_models WHERE tenant_id = $1 AND active LIMIT 1`, [tenantId]) as Array<{ id: string }>;
    if (!active) return this.shipped;
    const hit = this.cache.get(tenantId);
    if (hit?.id === active.id) return hit.provider;
    const row = await em.findOneByOrFail(TriageModelVersion, { id: active.id });
    try {
      const provider = new RulesTriageProvider(loadModel(row.model));
      this.cache.set(tenantId, { id: row.id, provider });
      return provider;
    } catch (err) {
      // A model from an older version of the code: the shipped one answers until the next training.
      this.logger.warn({ err, tenantId, version: row.version }, "tenant triage model unusable; using the shipped model");
      return this.shipped;
    }
  }

  async info(ctx: RequestContext): Promise<TriageModelInfo> {
    const tenantId = requirePrincipal(ctx).tenantId;
    const active = await ctx.em.findOne(TriageModelVersion, { where: { tenantId, active: true } });
    const pendingExamples = await this.pending(ctx.em, tenantId);
    const threshold = autoResolveThreshold(bundledModel());
    if (!active) {
      const examples = await this.examples(ctx.em, tenantId);
      // Version 0 measured on the tenant's own examples when it has some, else on the calibration.
      const measured = examples.length ? evaluateModel(bundledModel(), examples) : SHIPPED_FIGURES;
      return { version: 0, trainedAt: null, examples: 0, accuracy: measured.accuracy, needsHumanRecall: measured.needsHumanRecall, pendingExamples, autoResolveThreshold: threshold };
    }
    return { version: active.version, trainedAt: active.createdAt, examples: active.examples, accuracy: active.accuracy, needsHumanRecall: active.needsHumanRecall, pendingExamples, autoResolveThreshold: threshold };
  }

  /**
   * Called after a correction is stored: enqueues a retraining once enough new examples arrived,
   * no sooner than the interval after the last attempt. The job id is per tenant and time bucket,
   * so many corrections enqueue one job.
   */
  async maybeSchedule(em: EntityManager, tenantId: string, now = new Date()): Promise<void> {
    if ((await this.pending(em, tenantId)) < this.opts.minExamples) return;
    const [last] = await em.query(`SELECT created_at FROM triage_models WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1`, [tenantId]) as Array<{ created_at: Date }>;
    const due = last ? new Date(last.created_at).getTime() + this.opts.intervalMs : 0;
    const delayMs = Math.max(0, due - now.getTime());
    const bucket = this.opts.intervalMs ? Math.floor((now.getTime() + delayMs) / this.opts.intervalMs) : now.getTime();
    await this.jobs.enqueue(RETRAIN_JOB, { tenantId }, { jobId: `${RETRAIN_JOB}:${tenantId}:${bucket}`, delayMs, attempts: 3 });
  }

  /** The job: adapt the shipped model to all the tenant's examples; activate it only if it is not worse. */
  async retrain(tenantId: string): Promise<TriageModelVersion | null> {
    const em = this.ds.manager;
    if ((await this.pending(em, tenantId)) < this.opts.minExamples) return null;
    const examples = await this.examples(em, tenantId);
    const until = await em.query(`SELECT max(updated_at) AS until FROM triage_examples WHERE tenant_id = $1`, [tenantId]) as Array<{ until: Date }>;
    const base = bundledModel();
    const candidate = await crossValidateAdaptation(base, examples, { between: yieldToEventLoop });
    const baseline = await this.baseline(em, tenantId, examples);
    const better = candidate.accuracy >= baseline.accuracy && candidate.needsHumanRecall >= baseline.needsHumanRecall;
    const model = better ? adapt(base, examples.map(asTraining)) : null;
    const saved = await this.ds.transaction(async (tx) => {
      // One training per tenant at a time, even across worker processes.
      await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`triage-retrain:${tenantId}`]);
      const [{ next }] = await tx.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM triage_models WHERE tenant_id = $1`, [tenantId]) as Array<{ next: number }>;
      if (better) await tx.update(TriageModelVersion, { tenantId, active: true }, { active: false });
      return tx.save(tx.create(TriageModelVersion, {
        tenantId, version: Number(next), model: model ?? {}, active: better, examples: examples.length,
        accuracy: candidate.accuracy, needsHumanRecall: candidate.needsHumanRecall, baselineAccuracy: baseline.accuracy,
        examplesUntil: until[0]?.until ?? new Date(),
      }));
    });
    this.logger.info({ tenantId, version: saved.version, activated: better, examples: examples.length, accuracy: candidate.accuracy, baseline: baseline.accuracy }, "triage model retrained");
    return saved;
  }

  /**
   * What the candidate must match: the shipped model on all the examples (it never saw them) and
   * the active model on the examples that arrived after it was trained.
   */
  private async baseline(em: EntityManager, tenantId: string, examples: LabelledText[]): Promise<Figures> {
    const shipped = evaluateModel(bundledModel(), examples);
    const active = await em.findOne(TriageModelVersion, { where: { tenantId, active: true } });
    if (!active) return shipped;
    const unseen = await this.examples(em, tenantId, active.examplesUntil);
    if (unseen.length < 5) return shipped;
    const fresh = evaluateModel(loadModel(active.model), unseen);
    return fresh.accuracy > shipped.accuracy ? fresh : shipped;
  }

  private async examples(em: EntityManager, tenantId: string, after?: Date): Promise<LabelledText[]> {
    const qb = em.createQueryBuilder(TriageExample, "e").where("e.tenant_id = :tenantId", { tenantId }).orderBy("e.created_at", "ASC").addOrderBy("e.id", "ASC");
    if (after) qb.andWhere("e.updated_at > :after", { after });
    const rows = await qb.getMany();
    return rows
      .filter((r) => (INTENTS as readonly string[]).includes(r.intent) && r.text.trim())
      .map((r) => ({ text: r.text, intent: r.intent as Intent, channel: (r.channel as LabelledText["channel"]) ?? null }));
  }

  /** Examples stored after the last training attempt (all of them before the first). */
  private async pending(em: EntityManager, tenantId: string): Promise<number> {
    const [row] = await em.query(
      `SELECT count(*)::int AS n FROM triage_examples e WHERE e.tenant_id = $1
         AND e.updated_at > coalesce((SELECT max(examples_until) FROM triage_models m WHERE m.tenant_id = $1), '-infinity'::timestamptz)`,
      [tenantId],
    ) as Array<{ n: number }>;
    return row?.n ?? 0;
  }
}
