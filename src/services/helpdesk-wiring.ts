import { CannedRepliesService } from "./canned/canned-replies.service";
import { FollowUpsService } from "./followups/followups.service";
import { registerFollowUpPersonalData } from "./followups/personal-data";
import { HandoffTransfers } from "./handoffs/transfer";
import { WebhookDispatcher } from "./integrations/webhook-dispatcher";
import { WebhookOutbox } from "./integrations/webhook-outbox";
import { WebhookSubscriptionsService } from "./integrations/webhooks.service";
import { LabelsService } from "./labels/labels.service";
import { registerLabelPersonalData } from "./labels/personal-data";
import { SlaService } from "./sla/sla.service";
import { SurveysService } from "./surveys/surveys.service";
import { RoutingService } from "./teams/routing.service";
import { TeamsService } from "./teams/teams.service";
import { TicketWorkItems } from "./tickets/work-items";
import type { Services } from "./index";

/** The help-desk areas, built over the core services and plugged into them. */
export interface HelpdeskAreas {
  teams: TeamsService;
  routing: RoutingService;
  sla: SlaService;
  labels: LabelsService;
  canned: CannedRepliesService;
  transfers: HandoffTransfers;
  ticketWork: TicketWorkItems;
  surveys: SurveysService;
  followUps: FollowUpsService;
  webhookSubscriptions: WebhookSubscriptionsService;
  webhookDispatcher: WebhookDispatcher;
}

/**
 * Integrator webhooks, customer surveys, follow-ups, teams and routing, SLA, labels, canned
 * replies and ticket work items: built and wired into the core services (`s`, under construction).
 */
export function wireHelpdesk(s: Services): HelpdeskAreas {
  const { infra } = s;
  const { ds, config } = infra;
  // Integrator webhooks: every area announces its events through one outbox (stored with the change, sent after commit).
  const outbox = new WebhookOutbox(infra.jobs);
  for (const area of [s.events, s.tickets, s.clients, s.dataRequests, s.erasure]) area.integrations = outbox.emit;
  s.clients.createdHooks.push((tx, client, channel) => outbox.emit(tx, client.tenantId, "client.created", { clientId: client.id, channel, source: "channel" }));
  const webhookSubscriptions = new WebhookSubscriptionsService(ds, infra.box, s.urlGuards, infra.jobs, s.audit);
  const webhookDispatcher = new WebhookDispatcher(ds, infra.box, s.urlGuards, infra.jobs, s.audit, infra.logger, config.webhooks);
  // Customer surveys after a completed handoff; their answers are taken before triage.
  const surveys = new SurveysService({ ds, settings: s.settings, consents: s.consents, composer: s.composer, events: s.events, logger: infra.logger, ttlHours: config.followUps.surveyTtlHours });
  s.handoffs.completedHooks.push(surveys.onHandoffCompleted);
  s.conversations.surveys = surveys;
  // Scheduled follow-ups, cancelled when the customer writes first.
  const followUps = new FollowUpsService({
    ds, jobs: infra.jobs, logger: infra.logger, settings: s.settings, sessions: s.sessions, consents: s.consents, proactive: s.proactive, composer: s.composer,
    systemContext: (tenantId) => s.systemContext(tenantId),
  });
  s.messages.inboundHooks.push(followUps.onClientMessage);
  registerFollowUpPersonalData(s.personalData);
  // Teams and routing, SLA clocks, labels, canned replies, transfers and tickets as work items.
  const teams = new TeamsService(ds, s.audit, s.events);
  const routing = new RoutingService(ds, teams, s.audit);
  const sla = new SlaService(ds, s.settings, teams, s.events, s.audit);
  const labels = new LabelsService(ds, s.audit);
  registerLabelPersonalData(s.personalData);
  const canned = new CannedRepliesService(ds, s.audit);
  const transfers = new HandoffTransfers(ds, s.events, s.handoffs, s.messages, teams, s.audit);
  const ticketWork = new TicketWorkItems(ds, teams, labels, s.settings, sla, s.audit);
  ticketWork.integrations = outbox.emit;
  s.handoffs.routing = routing;
  s.handoffs.sla = sla;
  s.tickets.sla = sla;
  s.conversations.canned = canned;
  return { teams, routing, sla, labels, canned, transfers, ticketWork, surveys, followUps, webhookSubscriptions, webhookDispatcher };
}
