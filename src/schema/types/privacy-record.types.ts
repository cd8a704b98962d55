import { Field, ID, InputType, ObjectType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { ExportFormat, IncidentSeverity, IncidentStatus } from "../privacy-enums";

@InputType({ description: "Incidente de segurança (LGPD art. 48). actorIds/apiKeyIds: usuários e chaves comprometidos; o que leram na janela (accessFrom…accessTo) define os titulares afetados." })
export class IncidentInput {
  @Field(() => String) title!: string;
  @Field(() => String) description!: string;
  @Field(() => GraphQLDateTime, { description: "Quando a empresa tomou ciência de que o incidente afetou dados pessoais: o prazo de 3 dias úteis conta daqui." }) awareAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) occurredAt?: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) containedAt?: Date | null;
  @Field(() => IncidentStatus, { nullable: true }) status?: IncidentStatus | null;
  @Field(() => IncidentSeverity, { nullable: true }) severity?: IncidentSeverity | null;
  @Field(() => [String], { nullable: true }) dataCategories?: string[] | null;
  @Field(() => Boolean, { nullable: true }) sensitiveData?: boolean | null;
  @Field(() => String, { nullable: true }) measures?: string | null;
  @Field(() => String, { nullable: true }) risks?: string | null;
  @Field(() => String, { nullable: true }) delayReason?: string | null;
  @Field(() => GraphQLDateTime, { nullable: true }) accessFrom?: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) accessTo?: Date | null;
  @Field(() => [ID], { nullable: true }) actorIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) apiKeyIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) clientIds?: string[] | null;
  @Field(() => GraphQLDateTime, { nullable: true }) anpdNotifiedAt?: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) subjectsNotifiedAt?: Date | null;
}

@InputType()
export class ProcessingActivityInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) purpose?: string | null;
  @Field(() => String, { nullable: true }) legalBasis?: string | null;
  @Field(() => [String], { nullable: true }) dataCategories?: string[] | null;
  @Field(() => [String], { nullable: true }) dataSubjects?: string[] | null;
  @Field(() => [String], { nullable: true }) recipients?: string[] | null;
  @Field(() => String, { nullable: true }) internationalTransfer?: string | null;
  @Field(() => String, { nullable: true }) retention?: string | null;
  @Field(() => String, { nullable: true }) securityMeasures?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@ObjectType({ description: "Arquivo exportado: JSON ou HTML pronto para imprimir/salvar em PDF." })
export class ProcessingRecordExport {
  @Field(() => ExportFormat) format!: ExportFormat;
  @Field(() => String) filename!: string;
  @Field(() => String) contentType!: string;
  @Field(() => String) content!: string;
}
