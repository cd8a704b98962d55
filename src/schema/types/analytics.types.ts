import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { ChannelType } from "../enums";
import { connectionTypes } from "../connection";

export enum AnalyticsGranularity { HOUR = "HOUR", DAY = "DAY", WEEK = "WEEK", MONTH = "MONTH" }
export enum AnalyticsDimension { CHANNEL = "CHANNEL", INBOX = "INBOX", TEAM = "TEAM", AGENT = "AGENT", INTENT = "INTENT", LABEL = "LABEL" }
export enum ExportKind { MEASURES = "MEASURES", CONVERSATIONS = "CONVERSATIONS", TICKETS = "TICKETS", MESSAGES = "MESSAGES", SURVEYS = "SURVEYS" }
export enum ExportFormat { CSV = "CSV", JSON = "JSON" }
export enum ExportStatus { PENDING = "PENDING", RUNNING = "RUNNING", DONE = "DONE", FAILED = "FAILED" }
export enum ReportFrequency { DAILY = "DAILY", WEEKLY = "WEEKLY" }
registerEnumType(AnalyticsGranularity, { name: "AnalyticsGranularity" });
registerEnumType(AnalyticsDimension, { name: "AnalyticsDimension" });
registerEnumType(ExportKind, { name: "ExportKind" });
registerEnumType(ExportFormat, { name: "AnalyticsExportFormat" });
registerEnumType(ExportStatus, { name: "ExportStatus" });
registerEnumType(ReportFrequency, { name: "ReportFrequency" });

@InputType()
export class AnalyticsFilter {
  @Field(() => [ChannelType], { nullable: true }) channels?: ChannelType[] | null;
  @Field(() => [ID], { nullable: true }) inboxIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) teamIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) agentIds?: string[] | null;
  @Field(() => [String], { nullable: true }) intents?: string[] | null;
  @Field(() => [ID], { nullable: true }) labelIds?: string[] | null;
}

@InputType()
export class AnalyticsInput {
  @Field(() => GraphQLDateTime) from!: Date;
  @Field(() => GraphQLDateTime) to!: Date;
  @Field(() => AnalyticsGranularity, { nullable: true, description: "Padrão: DAY. Períodos no fuso horário da empresa." }) granularity?: AnalyticsGranularity | null;
  @Field(() => [AnalyticsDimension], { nullable: true }) groupBy?: AnalyticsDimension[] | null;
  @Field(() => AnalyticsFilter, { nullable: true }) filter?: AnalyticsFilter | null;
}

@ObjectType({ description: "Medidas de um período (ou de um intervalo da série). Taxas de 0 a 1; null quando não há base para calcular." })
export class AnalyticsMeasures {
  @Field(() => Int) conversations!: number;
  @Field(() => Int) messagesIn!: number;
  @Field(() => Int) messagesOut!: number;
  @Field(() => Int) tickets!: number;
  @Field(() => Int) ticketsResolved!: number;
  @Field(() => Int, { nullable: true, description: "Tickets em aberto no fim do intervalo (nos totais: no fim do período); sem agrupamento." }) ticketBacklog!: number | null;
  @Field(() => Int, { description: "Conversas respondidas pela IA sem transferência para humano." }) autoResolved!: number;
  @Field(() => Int) handedOff!: number;
  @Field(() => Float, { nullable: true }) botResolutionRate!: number | null;
  @Field(() => Float, { nullable: true }) handoffRate!: number | null;
  @Field(() => Float, { nullable: true }) waitP50Seconds!: number | null;
  @Field(() => Float, { nullable: true }) waitP90Seconds!: number | null;
  @Field(() => Float, { nullable: true }) waitMaxSeconds!: number | null;
  @Field(() => Float, { nullable: true }) firstResponseP50Seconds!: number | null;
  @Field(() => Float, { nullable: true }) resolutionP50Seconds!: number | null;
  @Field(() => Int) transfers!: number;
  @Field(() => Float, { nullable: true }) slaCompliance!: number | null;
  @Field(() => Int) slaBreaches!: number;
  @Field(() => Float, { nullable: true, description: "Nota do cliente (pesquisa CSAT, 1–5)." }) csatAverage!: number | null;
  @Field(() => Int) csatResponses!: number;
  @Field(() => Float, { nullable: true }) nps!: number | null;
  @Field(() => Int) npsResponses!: number;
  @Field(() => Float, { nullable: true, description: "Satisfação registrada pelo atendente ao concluir (separada do CSAT do cliente)." }) agentSatisfactionAverage!: number | null;
  @Field(() => Float) aiCostBrl!: number;
  @Field(() => Int) aiTokensInput!: number;
  @Field(() => Int) aiTokensOutput!: number;
  @Field(() => Int) aiCalls!: number;
  @Field(() => Int, { description: "Chamadas de IA que caíram para as regras." }) aiFallbacks!: number;
}

@ObjectType()
export class AnalyticsGroupValue {
  @Field(() => AnalyticsDimension) dimension!: AnalyticsDimension;
  @Field(() => String, { nullable: true, description: "Id (caixa, equipe, atendente, etiqueta) ou valor (canal, intenção); null = sem valor." }) key!: string | null;
  @Field(() => String, { nullable: true }) name!: string | null;
}

@ObjectType()
export class AnalyticsPoint {
  @Field(() => GraphQLDateTime) bucket!: Date;
  @Field(() => String, { description: "Início do intervalo no fuso da empresa (AAAA-MM-DDTHH:MM)." }) bucketLabel!: string;
  @Field(() => [AnalyticsGroupValue], { nullable: true }) group!: AnalyticsGroupValue[] | null;
  @Field(() => AnalyticsMeasures) measures!: AnalyticsMeasures;
}

@ObjectType()
export class AnalyticsGroupTotal {
  @Field(() => [AnalyticsGroupValue]) group!: AnalyticsGroupValue[];
  @Field(() => AnalyticsMeasures) measures!: AnalyticsMeasures;
}

@ObjectType()
export class AnalyticsResult {
  @Field(() => GraphQLDateTime) from!: Date;
  @Field(() => GraphQLDateTime) to!: Date;
  @Field(() => String) timezone!: string;
  @Field(() => AnalyticsGranularity) granularity!: AnalyticsGranularity;
  @Field(() => [AnalyticsPoint]) series!: AnalyticsPoint[];
  @Field(() => [AnalyticsGroupTotal]) groups!: AnalyticsGroupTotal[];
  @Field(() => AnalyticsMeasures) totals!: AnalyticsMeasures;
}

@ObjectType()
export class AgentPerformance {
  @Field(() => ID) agentId!: string;
  @Field(() => String) name!: string;
  @Field(() => Int, { description: "Transferências atribuídas ao atendente no período." }) conversations!: number;
  @Field(() => Int) completed!: number;
  @Field(() => Float, { nullable: true, description: "Tempo médio de atendimento (atribuição → conclusão)." }) handleTimeAvgSeconds!: number | null;
  @Field(() => Float, { nullable: true }) waitP50Seconds!: number | null;
  @Field(() => Float, { nullable: true, description: "Primeira resposta do atendente após a atribuição (mediana)." }) firstResponseP50Seconds!: number | null;
  @Field(() => Int) transfers!: number;
  @Field(() => Int) slaBreaches!: number;
  @Field(() => Int) messagesSent!: number;
  @Field(() => Int, { description: "Segundos ONLINE no período (pelas mudanças de disponibilidade)." }) onlineSeconds!: number;
  @Field(() => Float, { nullable: true }) csatAverage!: number | null;
  @Field(() => Int) csatResponses!: number;
  @Field(() => Float, { nullable: true }) agentSatisfactionAverage!: number | null;
}

@ObjectType()
export class AiCostLine {
  @Field(() => String) provider!: string;
  @Field(() => String, { nullable: true }) model!: string | null;
  @Field(() => Int) calls!: number;
  @Field(() => Int) fallbacks!: number;
  @Field(() => Int) tokensInput!: number;
  @Field(() => Int) tokensOutput!: number;
  @Field(() => Float) costBrl!: number;
}

@ObjectType()
export class AiCostReport {
  @Field(() => Float) totalCostBrl!: number;
  @Field(() => Int) tokensInput!: number;
  @Field(() => Int) tokensOutput!: number;
  @Field(() => [AiCostLine]) byProvider!: AiCostLine[];
  @Field(() => [AiCostLine]) byModel!: AiCostLine[];
  @Field(() => [AiCostLine], { description: "Por finalidade (triage, reply, transcription, embedding, tool) no campo model." }) byPurpose!: AiCostLine[];
  @Field(() => Float, { nullable: true, description: "Custo de IA por conversa iniciada no período." }) perConversation!: number | null;
  @Field(() => Float, { nullable: true, description: "Custo de IA por conversa encerrada no período." }) perResolvedConversation!: number | null;
  @Field(() => Float, { description: "Mês corrente (fuso da empresa) até agora." }) monthToDate!: number;
  @Field(() => Float, { description: "Projeção linear do mês corrente." }) projectedMonth!: number;
}

@ObjectType()
export class ComplianceCount {
  @Field(() => String) key!: string;
  @Field(() => String, { nullable: true }) secondary!: string | null;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class ComplianceOpenRequest {
  @Field(() => ID) id!: string;
  @Field(() => String) type!: string;
  @Field(() => String) status!: string;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime) dueAt!: Date;
  @Field(() => Int, { description: "Dias até o prazo (negativo: atrasado)." }) daysToDeadline!: number;
  @Field(() => Boolean) overdue!: boolean;
}

@ObjectType()
export class ConsentPurposeCount {
  @Field(() => String) purpose!: string;
  @Field(() => Int) granted!: number;
  @Field(() => Int) revoked!: number;
}

@ObjectType()
export class AccessLogCount {
  @Field(() => ID, { nullable: true }) userId!: string | null;
  @Field(() => String, { nullable: true }) userName!: string | null;
  @Field(() => ID, { nullable: true }) apiKeyId!: string | null;
  @Field(() => String, { description: "A ação registrada (finalidade do acesso), ex.: client.read." }) action!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class ComplianceReport {
  @Field(() => [ComplianceCount], { description: "Pedidos de titulares abertos no período: key = tipo, secondary = status." }) requestsByTypeAndStatus!: ComplianceCount[];
  @Field(() => [ComplianceOpenRequest], { description: "Pedidos ainda em aberto (qualquer data), pelo prazo." }) openRequests!: ComplianceOpenRequest[];
  @Field(() => Int) overdueRequests!: number;
  @Field(() => [ConsentPurposeCount]) consentsByPurpose!: ConsentPurposeCount[];
  @Field(() => [AccessLogCount]) accessLogByUser!: AccessLogCount[];
}

@InputType()
export class ExportInput {
  @Field(() => ExportKind) kind!: ExportKind;
  @Field(() => ExportFormat) format!: ExportFormat;
  @Field(() => GraphQLDateTime) from!: Date;
  @Field(() => GraphQLDateTime) to!: Date;
  @Field(() => AnalyticsGranularity, { nullable: true, description: "MEASURES: intervalos (padrão DAY)." }) granularity?: AnalyticsGranularity | null;
  @Field(() => AnalyticsFilter, { nullable: true }) filter?: AnalyticsFilter | null;
}

@ObjectType("Export")
export class ExportView {
  @Field(() => ID) id!: string;
  @Field(() => ExportKind) kind!: ExportKind;
  @Field(() => ExportFormat) format!: ExportFormat;
  @Field(() => ExportStatus) status!: ExportStatus;
  @Field(() => GraphQLDateTime) from!: Date;
  @Field(() => GraphQLDateTime) to!: Date;
  @Field(() => Boolean, { description: "Inclui dados pessoais do cliente (nome, telefone, e-mail)." }) personalData!: boolean;
  @Field(() => Int) rows!: number;
  @Field(() => String, { nullable: true, description: "Link assinado e temporário, quando DONE." }) url!: string | null;
  @Field(() => GraphQLDateTime, { nullable: true }) urlExpiresAt!: Date | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) completedAt!: Date | null;
}

export const { Connection: ExportConnection } = connectionTypes("Export", ExportView);

@InputType()
export class ScheduledReportInput {
  @Field(() => ReportFrequency) frequency!: ReportFrequency;
  @Field(() => Int, { nullable: true, description: "WEEKLY: 0 = domingo … 6 = sábado (padrão 1, segunda)." }) weekday?: number | null;
  @Field(() => String, { description: "HH:MM no fuso da empresa." }) time!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true, description: "Número (com DDI) ou grupo do WhatsApp (…@g.us)." }) whatsappTo?: string | null;
  @Field(() => ID, { nullable: true, description: "Caixa de WhatsApp pela qual o relatório sai." }) inboxId?: string | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}

@ObjectType()
export class ScheduledReport {
  @Field(() => ID) id!: string;
  @Field(() => ReportFrequency) frequency!: ReportFrequency;
  @Field(() => Int, { nullable: true }) weekday!: number | null;
  @Field(() => String) time!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) whatsappTo!: string | null;
  @Field(() => ID, { nullable: true }) inboxId!: string | null;
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => GraphQLDateTime, { nullable: true }) lastSentAt!: Date | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
}
