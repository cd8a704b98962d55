import type { DataSource } from "typeorm";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import type { Config } from "../../config";
import { Inbox } from "../../entities/inbox";
import { ProcessingActivity } from "../../entities/processing-activity";
import { Tenant } from "../../entities/tenant";
import { Errors } from "../../schema/errors";
import { ExportFormat } from "../../schema/privacy-enums";
import type { AuditService } from "../audit.service";
import { findOwned } from "../scoped";
import type { SettingsService } from "../settings/settings.service";
import { optionalText, requiredText } from "../validation/input";
import { platformActivities, type ActivityFields, type PlatformFacts } from "./processing-defaults";

export interface ProcessingActivityInput {
  name?: string | null;
  purpose?: string | null;
  legalBasis?: string | null;
  dataCategories?: string[] | null;
  dataSubjects?: string[] | null;
  recipients?: string[] | null;
  internationalTransfer?: string | null;
  retention?: string | null;
  securityMeasures?: string | null;
  active?: boolean | null;
}

export interface ProcessingRecordExport { format: ExportFormat; filename: string; contentType: string; content: string }

const COMPARED: Array<keyof ActivityFields> = ["name", "purpose", "legalBasis", "dataCategories", "dataSubjects", "recipients", "internationalTransfer", "retention", "securityMeasures", "position"];

/**
 * The tenant's record of processing activities (LGPD Art. 37). Rows are created from
 * what the platform does the first time the record is read; rows the tenant never
 * edited follow the platform (AI provider, inboxes, retention) on every read.
 */
export class ProcessingRecordService {
  constructor(private readonly ds: DataSource, private readonly settings: SettingsService, private readonly audit: AuditService, private readonly config: Config) {}

  async list(ctx: RequestContext): Promise<ProcessingActivity[]> {
    const tenantId = requirePrincipal(ctx).tenantId;
    const defaults = platformActivities(await this.facts(ctx, tenantId));
    await ctx.em.createQueryBuilder().insert().into(ProcessingActivity).values(defaults.map((d) => ({ ...d, tenantId }))).orIgnore().execute();
    const rows = await ctx.em.find(ProcessingActivity, { where: { tenantId }, order: { position: "ASC", createdAt: "ASC" } });
    for (const row of rows) {
      const d = defaults.find((x) => x.key === row.key);
      if (!d || row.customized || COMPARED.every((f) => JSON.stringify(row[f]) === JSON.stringify(d[f]))) continue;
      Object.assign(row, d);
      await ctx.em.update(ProcessingActivity, { id: row.id, customized: false }, d);
    }
    return rows;
  }

  async update(ctx: RequestContext, id: string, input: ProcessingActivityInput): Promise<ProcessingActivity> {
    const changes = this.validate(input);
    return inTransaction(this.ds, ctx, async (tx) => {
      const row = await findOwned(tx, ProcessingActivity, id, "Atividade de tratamento", { lock: true });
      Object.assign(row, changes, { customized: true });
      const saved = await tx.em.save(row);
      await this.audit.log(tx, "lgpd.processing_activity_updated", { activityId: row.id, key: row.key, fields: Object.keys(changes) });
      return saved;
    });
  }

  async export(ctx: RequestContext, format: ExportFormat): Promise<ProcessingRecordExport> {
    const tenantId = requirePrincipal(ctx).tenantId;
    const activities = (await this.list(ctx)).filter((a) => a.active);
    const tenant = await ctx.em.findOneByOrFail(Tenant, { id: tenantId });
    const generatedAt = new Date();
    const doc = {
      format: "atende.lgpd-ropa/v1",
      generatedAt: generatedAt.toISOString(),
      controller: { name: tenant.name },
      activities: activities.map((a) => ({
        key: a.key, name: a.name, purpose: a.purpose, legalBasis: a.legalBasis, dataCategories: a.dataCategories, dataSubjects: a.dataSubjects,
        recipients: a.recipients, internationalTransfer: a.internationalTransfer, retention: a.retention, securityMeasures: a.securityMeasures,
        customized: a.customized, updatedAt: a.updatedAt.toISOString(),
      })),
    };
    const slug = tenant.name.normalize("NFD").replace(/[^\w]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "empresa";
    const day = generatedAt.toISOString().slice(0, 10);
    if (format === ExportFormat.HTML) {
      const { timezone } = await this.settings.get(ctx, tenantId);
      return { format, filename: `registro-de-tratamento-${slug}-${day}.html`, contentType: "text/html; charset=utf-8", content: renderHtml(doc, timezone) };
    }
    return { format, filename: `registro-de-tratamento-${slug}-${day}.json`, contentType: "application/json", content: JSON.stringify(doc, null, 2) };
  }

  private async facts(ctx: RequestContext, tenantId: string): Promise<PlatformFacts> {
    const s = await this.settings.get(ctx, tenantId);
    const inboxes = await ctx.em.find(Inbox, { where: { tenantId }, select: { provider: true, disabledAt: true } });
    const { openai, s3 } = this.config;
    const llm = s.aiProvider !== "rules" && Boolean(openai.apiKey);
    return {
      aiProvider: llm ? s.aiProvider : "rules",
      aiHost: llm ? hostOf(openai.baseUrl) ?? "api.openai.com" : null,
      aiModel: llm ? s.aiModel ?? openai.model : null,
      requireAiConsent: s.requireAiConsent,
      transcription: Boolean(openai.apiKey && openai.transcriptionModel),
      inboxProviders: [...new Set(inboxes.filter((i) => !i.disabledAt).map((i) => i.provider as string))].sort(),
      retentionDays: s.retentionDays,
      deletionGraceDays: s.deletionGraceDays,
      storage: s3 ? hostOf(s3.endpoint) ?? `Amazon S3 (${s3.region})` : "local",
      cnpjSources: [...new Set(this.config.cnpj.sources.map((c) => hostOf(c.baseUrl) ?? c.name))],
    };
  }

  private validate(input: ProcessingActivityInput): Partial<ProcessingActivity> {
    const out: Partial<ProcessingActivity> = {};
    const list = (field: keyof ProcessingActivityInput, v: string[] | null | undefined) => {
      const items = [...new Set((v ?? []).map((x) => x.trim()).filter(Boolean))];
      if (items.length > 50 || items.some((x) => x.length > 500)) throw Errors.badInput(field, "Use até 50 itens de até 500 caracteres.");
      return items;
    };
    if (input.name != null) out.name = requiredText("name", input.name, 200, "O nome");
    if (input.purpose != null) out.purpose = requiredText("purpose", input.purpose, 5000, "A finalidade");
    if (input.legalBasis != null) out.legalBasis = requiredText("legalBasis", input.legalBasis, 2000, "A base legal");
    if (input.retention != null) out.retention = requiredText("retention", input.retention, 2000, "A retenção");
    if (input.securityMeasures != null) out.securityMeasures = requiredText("securityMeasures", input.securityMeasures, 5000, "As medidas de segurança");
    if (input.internationalTransfer !== undefined) out.internationalTransfer = optionalText("internationalTransfer", input.internationalTransfer, 2000, "A transferência internacional");
    if (input.dataCategories != null) out.dataCategories = list("dataCategories", input.dataCategories);
    if (input.dataSubjects != null) out.dataSubjects = list("dataSubjects", input.dataSubjects);
    if (input.recipients != null) out.recipients = list("recipients", input.recipients);
    if (input.active != null) out.active = input.active;
    if (!Object.keys(out).length) throw Errors.badInput("input", "Nada para alterar.");
    return out;
  }
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

type RopaDoc = { generatedAt: string; controller: { name: string }; activities: Array<Record<string, unknown> & { name: string }> };

/** A self-contained page that prints well (browser "Salvar como PDF"). Every tenant text is escaped. */
function renderHtml(doc: RopaDoc, timeZone: string): string {
  const when = new Intl.DateTimeFormat("pt-BR", { timeZone, dateStyle: "long", timeStyle: "short" }).format(new Date(doc.generatedAt));
  const cell = (v: unknown) => (Array.isArray(v) ? (v.length ? `<ul>${v.map((x) => `<li>${escapeHtml(String(x))}</li>`).join("")}</ul>` : "—") : v == null || v === "" ? "—" : escapeHtml(String(v)));
  const rows: Array<[string, string]> = [
    ["purpose", "Finalidade"], ["legalBasis", "Base legal"], ["dataCategories", "Categorias de dados"], ["dataSubjects", "Titulares"],
    ["recipients", "Compartilhamento (operadores e destinatários)"], ["internationalTransfer", "Transferência internacional"], ["retention", "Retenção"], ["securityMeasures", "Medidas de segurança"],
  ];
  const sections = doc.activities.map((a, i) => `<section><h2>${i + 1}. ${escapeHtml(a.name)}</h2><table>${rows.map(([k, label]) => `<tr><th>${label}</th><td>${cell(a[k])}</td></tr>`).join("")}</table></section>`).join("\n");
  return `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Registro das operações de tratamento — ${escapeHtml(doc.controller.name)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;margin:2rem;line-height:1.4}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
p.meta{color:#555;margin:0 0 1rem}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.4rem .6rem;vertical-align:top;text-align:left}th{width:28%;background:#f4f4f4}
ul{margin:0;padding-left:1.1rem}section{break-inside:avoid;page-break-inside:avoid}
@media print{body{margin:1cm}a{color:inherit}}
</style></head><body>
<h1>Registro das operações de tratamento de dados pessoais</h1>
<p class="meta">Controlador: <strong>${escapeHtml(doc.controller.name)}</strong> · LGPD (Lei 13.709/2018), art. 37 · Gerado em ${escapeHtml(when)}</p>
${sections}
</body></html>
`;
}
