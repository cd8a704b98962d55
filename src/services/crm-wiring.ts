import { requirePrincipal } from "../context";
import { priceFor } from "./ai/pricing";
import { CrmAnalytics } from "./crm/analytics";
import { LeadConversion } from "./crm/conversion";
import { LeadEvents } from "./crm/events";
import { LeadsService } from "./crm/leads.service";
import { PipelineService } from "./crm/pipeline.service";
import { LlmLeadExtractor } from "./crm/qualification/llm";
import { LeadQualifier } from "./crm/qualification/qualifier.service";
import type { Services } from "./index";

/** The CRM side: leads, their pipeline, conversion, and qualification from conversations and documents. */
export interface CrmAreas {
  pipelines: PipelineService;
  leads: LeadsService;
  leadConversion: LeadConversion;
  crmAnalytics: CrmAnalytics;
  leadQualifier: LeadQualifier;
}

/** Built over the core services (`s`, under construction) and plugged into them: new contacts become leads, messages and documents qualify them. */
export function wireCrm(s: Services): CrmAreas {
  const { infra } = s;
  const { ds, config } = infra;
  const pipelines = new PipelineService(ds, s.audit);
  const leadEvents = new LeadEvents(infra.pubsub);
  const leads = new LeadsService(ds, pipelines, leadEvents, s.clients);
  const leadConversion = new LeadConversion(ds, leads, pipelines, s.clients, leadEvents, s.audit);
  const crmAnalytics = new CrmAnalytics(pipelines);
  const leadQualifier = new LeadQualifier(ds, {
    leads, pipelines, settings: s.settings, jobs: infra.jobs, logger: infra.logger,
    llm: config.openai.apiKey ? new LlmLeadExtractor({ apiKey: config.openai.apiKey, baseUrl: config.openai.baseUrl, model: config.openai.model, timeoutMs: config.openai.timeoutMs }) : null,
    systemContext: (tenantId) => s.systemContext(tenantId),
    addUsage: (ctx, sessionId, usage) =>
      s.aiCalls.record(ctx.em, { tenantId: requirePrincipal(ctx).tenantId, sessionId, providerKind: "OPENAI", price: (model) => priceFor(config.aiPricesBrl, model) }, { purpose: "reply", model: usage.model, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, latencyMs: 0, outcome: "ok" }),
  });
  s.clients.createdHooks.push((tx, client, channel) => leads.fromNewContact(tx, client, channel).then(() => undefined));
  s.messages.inboundHooks.push(leadQualifier.onClientMessage);
  s.documents.reader.readHooks.push(leadQualifier.onDocumentRead);
  return { pipelines, leads, leadConversion, crmAnalytics, leadQualifier };
}
