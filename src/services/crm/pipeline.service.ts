import { In, type DataSource } from "typeorm";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Lead } from "../../entities/lead";
import { Pipeline, PipelineStage, type CriterionDef, type QualificationFieldDef } from "../../entities/pipeline";
import { StageKind } from "../../schema/crm-enums";
import { Errors } from "../../schema/errors";
import type { AuditService } from "../audit.service";
import { isUuid } from "../scoped";
import { requiredText } from "../validation/input";
import { fold, parseCriteria, parseFields } from "./pipeline-config";

/** The pipeline as the API shows it. */
export interface PipelineView {
  id: string;
  stages: PipelineStage[];
  qualificationFields: QualificationFieldDef[];
  criteria: CriterionDef[];
  qualifiedStage: PipelineStage | null;
  leadsFromConversations: boolean;
}

export interface PipelineInput {
  stages?: Array<{ id?: string | null; name: string; kind?: StageKind | null }> | null;
  qualificationFields?: Array<Partial<QualificationFieldDef>> | null;
  criteria?: Array<Partial<CriterionDef>> | null;
  qualifiedStageName?: string | null;
  leadsFromConversations?: boolean | null;
}

/** Every tenant starts with novo → qualificado → proposta → ganho/perdido. */
export const DEFAULT_STAGES: Array<{ name: string; kind: StageKind }> = [
  { name: "Novo", kind: StageKind.OPEN },
  { name: "Qualificado", kind: StageKind.OPEN },
  { name: "Proposta", kind: StageKind.OPEN },
  { name: "Ganho", kind: StageKind.WON },
  { name: "Perdido", kind: StageKind.LOST },
];

/** The per-tenant sales pipeline: created with the default stages on first use, replaced by setPipeline. */
export class PipelineService {
  constructor(private readonly ds: DataSource, private readonly audit: AuditService) {}

  async get(ctx: RequestContext, tenantId = requirePrincipal(ctx).tenantId): Promise<PipelineView> {
    const existing = await ctx.em.findOne(Pipeline, { where: { tenantId } });
    const pipeline = existing ?? (await this.create(ctx, tenantId));
    const stages = await ctx.em.find(PipelineStage, { where: { pipelineId: pipeline.id }, order: { position: "ASC" } });
    return view(pipeline, stages);
  }

  /** The stage new leads enter: the first OPEN one. */
  entryStage(p: PipelineView): PipelineStage {
    return p.stages.find((s) => s.kind === StageKind.OPEN)!;
  }

  wonStage(p: PipelineView): PipelineStage | null {
    return p.stages.find((s) => s.kind === StageKind.WON) ?? null;
  }

  async set(ctx: RequestContext, input: PipelineInput): Promise<PipelineView> {
    const p = requirePrincipal(ctx);
    return inTransaction(this.ds, ctx, async (tx) => {
      const current = await this.get(tx, p.tenantId);
      await tx.em.query("SELECT 1 FROM pipelines WHERE id = $1 FOR UPDATE", [current.id]);
      const fields = input.qualificationFields != null ? parseFields(input.qualificationFields) : current.qualificationFields;
      const criteria = input.criteria != null ? parseCriteria(input.criteria, fields) : parseCriteria(current.criteria, fields);
      const stages = input.stages != null ? await this.replaceStages(tx, current, input.stages) : current.stages;
      let qualified = input.qualifiedStageName != null ? stages.find((s) => fold(s.name) === fold(input.qualifiedStageName!)) : stages.find((s) => s.id === current.qualifiedStage?.id);
      if (input.qualifiedStageName != null && !qualified) throw Errors.badInput("qualifiedStageName", "Estágio não encontrado no funil.");
      qualified ??= stages.find((s) => fold(s.name) === "qualificado") ?? stages.filter((s) => s.kind === StageKind.OPEN)[1];
      if (qualified && qualified.kind !== StageKind.OPEN) throw Errors.badInput("qualifiedStageName", "O estágio de qualificados deve ser um estágio em andamento (OPEN).");
      await tx.em.update(Pipeline, { id: current.id }, {
        qualificationFields: fields as never,
        criteria: criteria as never,
        qualifiedStageId: qualified?.id ?? null,
        ...(input.leadsFromConversations != null ? { leadsFromConversations: input.leadsFromConversations } : {}),
      });
      await this.audit.log(tx, "crm.pipeline_updated", { pipelineId: current.id, stages: stages.length, fields: fields.map((f) => f.key), criteria: criteria.length });
      return this.get(tx, p.tenantId);
    });
  }

  private async replaceStages(tx: RequestContext, current: PipelineView, input: NonNullable<PipelineInput["stages"]>): Promise<PipelineStage[]> {
    if (!input.length || input.length > 20) throw Errors.badInput("stages", "O funil precisa de 1 a 20 estágios.");
    const names = new Set<string>();
    const parsed = input.map((s, i) => {
      const name = requiredText(`stages.${i}.name`, s.name ?? "", 60, "O nome do estágio");
      if (names.has(fold(name))) throw Errors.badInput(`stages.${i}.name`, `Estágio repetido: ${name}.`);
      names.add(fold(name));
      if (s.id && !current.stages.some((x) => x.id === s.id)) throw Errors.badInput(`stages.${i}.id`, "Estágio não encontrado no funil.");
      return { id: s.id ?? null, name, kind: s.kind ?? StageKind.OPEN, position: i + 1 };
    });
    if (!parsed.some((s) => s.kind === StageKind.OPEN)) throw Errors.badInput("stages", "O funil precisa de ao menos um estágio em andamento (OPEN).");
    if (!parsed.some((s) => s.kind === StageKind.WON)) throw Errors.badInput("stages", "O funil precisa de um estágio de ganho (WON) para converter leads.");
    const removed = current.stages.filter((s) => !parsed.some((x) => x.id === s.id));
    if (removed.length) {
      const used = await tx.em.createQueryBuilder(Lead, "l").select("l.stage_id", "stageId").addSelect("count(*)::int", "n")
        .where({ stageId: In(removed.map((s) => s.id)) }).groupBy("l.stage_id").getRawMany<{ stageId: string; n: number }>();
      if (used.length) {
        const s = removed.find((x) => x.id === used[0]!.stageId)!;
        throw Errors.conflict(`O estágio "${s.name}" tem ${used[0]!.n} lead(s): mova-os antes de removê-lo.`, "stages");
      }
      // Events keep pointing at removed stages by id only.
      await tx.em.delete(PipelineStage, { id: In(removed.map((s) => s.id)) });
    }
    const out: PipelineStage[] = [];
    for (const s of parsed) {
      if (s.id) {
        await tx.em.update(PipelineStage, { id: s.id }, { name: s.name, kind: s.kind, position: s.position });
        out.push(Object.assign(current.stages.find((x) => x.id === s.id)!, { name: s.name, kind: s.kind, position: s.position }));
      } else {
        out.push(await tx.em.save(tx.em.create(PipelineStage, { tenantId: current.stages[0]?.tenantId ?? requirePrincipal(tx).tenantId, pipelineId: current.id, name: s.name, kind: s.kind, position: s.position })));
      }
    }
    return out;
  }

  /** Serialised per tenant so two first requests create one pipeline. */
  private create(ctx: RequestContext, tenantId: string): Promise<Pipeline> {
    return inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`pipeline:${tenantId}`]);
      const again = await tx.em.findOne(Pipeline, { where: { tenantId } });
      if (again) return again;
      const pipeline = await tx.em.save(tx.em.create(Pipeline, { tenantId, qualificationFields: [], criteria: [], leadsFromConversations: false }));
      const stages = await tx.em.save(DEFAULT_STAGES.map((s, i) => tx.em.create(PipelineStage, { tenantId, pipelineId: pipeline.id, name: s.name, kind: s.kind, position: i + 1 })));
      pipeline.qualifiedStageId = stages[1]!.id;
      await tx.em.update(Pipeline, { id: pipeline.id }, { qualifiedStageId: pipeline.qualifiedStageId });
      return pipeline;
    });
  }

  /** A stage of the tenant's pipeline, or a BAD_USER_INPUT naming `field`. */
  async stage(ctx: RequestContext, stageId: string, field = "stageId"): Promise<PipelineStage> {
    const stage = isUuid(stageId) ? await ctx.em.findOne(PipelineStage, { where: { id: stageId, tenantId: requirePrincipal(ctx).tenantId } }) : null;
    if (!stage) throw Errors.badInput(field, "Estágio não encontrado no funil.");
    return stage;
  }
}

function view(p: Pipeline, stages: PipelineStage[]): PipelineView {
  return {
    id: p.id,
    stages,
    qualificationFields: p.qualificationFields ?? [],
    criteria: p.criteria ?? [],
    qualifiedStage: stages.find((s) => s.id === p.qualifiedStageId) ?? null,
    leadsFromConversations: p.leadsFromConversations,
  };
}
