import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import type { RequestContext } from "../context";
import { Client } from "../entities/client";
import { ProcessingActivity } from "../entities/processing-activity";
import { SecurityIncident, SecurityIncidentSubject } from "../entities/security-incident";
import { Role } from "../schema/enums";
import { ExportFormat } from "../schema/privacy-enums";
import { IncidentInput, ProcessingActivityInput, ProcessingRecordExport } from "../schema/types/privacy-record.types";
import type { Services } from "../services";
import { clientLoader } from "./ticket.loaders";

@Resolver(() => SecurityIncident)
export class SecurityIncidentResolver {
  constructor(private readonly services: Services) {}

  @Authorized([Role.ADMIN])
  @Query(() => [SecurityIncident], { description: "Registro de incidentes de segurança (LGPD art. 48), mais recentes primeiro." })
  securityIncidents(@Ctx() ctx: RequestContext) {
    return this.services.incidents.list(ctx);
  }

  @Authorized([Role.ADMIN])
  @Query(() => SecurityIncident)
  securityIncident(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.incidents.get(ctx, id);
  }

  @Authorized([Role.ADMIN])
  @Query(() => GraphQLJSON, { description: "Dados para a comunicação à ANPD e aos titulares (inclui contatos dos titulares; o acesso é registrado)." })
  securityIncidentReport(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.incidents.report(ctx, id);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => SecurityIncident)
  recordIncident(@Ctx() ctx: RequestContext, @Arg("input", () => IncidentInput) input: IncidentInput) {
    return this.services.incidents.record(ctx, input);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => SecurityIncident)
  updateIncident(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => IncidentInput) input: IncidentInput) {
    return this.services.incidents.update(ctx, id, input);
  }

  @FieldResolver(() => Boolean, { description: "Prazo vencido sem comunicação à ANPD." })
  overdue(@Root() incident: SecurityIncident): boolean {
    return !incident.anpdNotifiedAt && incident.notificationDueAt.getTime() < Date.now();
  }

  @FieldResolver(() => [SecurityIncidentSubject])
  affectedSubjects(@Root() incident: SecurityIncident, @Ctx() ctx: RequestContext) {
    return this.services.incidents.subjects(ctx, incident.id);
  }
}

@Resolver(() => SecurityIncidentSubject)
export class AffectedSubjectResolver {
  /** Null once the client has been erased. */
  @FieldResolver(() => Client, { nullable: true })
  async client(@Root() s: SecurityIncidentSubject, @Ctx() ctx: RequestContext): Promise<Client | null> {
    const client = await clientLoader(ctx).load(s.clientId);
    return client && !client.anonymizedAt ? client : null;
  }
}

@Resolver(() => ProcessingActivity)
export class ProcessingActivityResolver {
  constructor(private readonly services: Services) {}

  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @Query(() => [ProcessingActivity], { description: "Registro das operações de tratamento (LGPD art. 37), preenchido a partir do que a plataforma faz." })
  processingActivities(@Ctx() ctx: RequestContext) {
    return this.services.processingRecord.list(ctx);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => ProcessingActivity)
  updateProcessingActivity(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => ProcessingActivityInput) input: ProcessingActivityInput) {
    return this.services.processingRecord.update(ctx, id, input);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @Query(() => ProcessingRecordExport, { description: "O registro inteiro como JSON ou HTML (imprimir / salvar como PDF)." })
  exportProcessingActivities(@Ctx() ctx: RequestContext, @Arg("format", () => ExportFormat, { defaultValue: ExportFormat.JSON }) format: ExportFormat) {
    return this.services.processingRecord.export(ctx, format);
  }
}
