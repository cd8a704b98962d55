import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { GraphQLDateTime, GraphQLJSON } from "graphql-scalars";
import { Lead } from "../../entities/lead";
import { PipelineStage } from "../../entities/pipeline";
import { connectionTypes } from "../connection";
import { CriterionOperator, LeadSource, QualificationFieldType, StageKind } from "../crm-enums";

export const { Connection: LeadConnection, Edge: LeadEdge } = connectionTypes("Lead", Lead);

@ObjectType({ description: "Campo de qualificação definido pela empresa (ex.: valor da conta de energia, tipo de imóvel, cidade)." })
export class QualificationField {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => QualificationFieldType) type!: QualificationFieldType;
  @Field(() => [String]) options!: string[];
  @Field(() => [String], { description: "Palavras que anunciam o valor na conversa." }) keywords!: string[];
  @Field(() => String, { nullable: true, description: "Lido de um documento enviado, ex.: UTILITY_BILL.totalAmount." }) documentField!: string | null;
}

@ObjectType()
export class QualificationCriterion {
  @Field(() => String) field!: string;
  @Field(() => CriterionOperator) op!: CriterionOperator;
  @Field(() => GraphQLJSON, { nullable: true }) value!: unknown;
}

@ObjectType("Pipeline")
export class PipelineType {
  @Field(() => ID) id!: string;
  @Field(() => [PipelineStage]) stages!: PipelineStage[];
  @Field(() => [QualificationField]) qualificationFields!: QualificationField[];
  @Field(() => [QualificationCriterion], { description: "Todos precisam valer para o lead ir ao estágio de qualificados." }) criteria!: QualificationCriterion[];
  @Field(() => PipelineStage, { nullable: true }) qualifiedStage!: PipelineStage | null;
  @Field(() => Boolean, { description: "Conversa de um contato desconhecido (WhatsApp, chat) vira lead." }) leadsFromConversations!: boolean;
}

@InputType()
export class PipelineStageInput {
  @Field(() => ID, { nullable: true, description: "Estágio existente (mantém os leads); sem id, cria um novo." }) id?: string | null;
  @Field(() => String) name!: string;
  @Field(() => StageKind, { nullable: true }) kind?: StageKind | null;
}

@InputType()
export class QualificationFieldInput {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => QualificationFieldType) type!: QualificationFieldType;
  @Field(() => [String], { nullable: true }) options?: string[];
  @Field(() => [String], { nullable: true }) keywords?: string[];
  @Field(() => String, { nullable: true }) documentField?: string | null;
}

@InputType()
export class QualificationCriterionInput {
  @Field(() => String) field!: string;
  @Field(() => CriterionOperator) op!: CriterionOperator;
  @Field(() => GraphQLJSON, { nullable: true }) value?: unknown;
}

@InputType({ description: "Só o que for enviado muda; stages substitui a lista inteira (na ordem dada)." })
export class PipelineInput {
  @Field(() => [PipelineStageInput], { nullable: true }) stages?: PipelineStageInput[] | null;
  @Field(() => [QualificationFieldInput], { nullable: true }) qualificationFields?: QualificationFieldInput[] | null;
  @Field(() => [QualificationCriterionInput], { nullable: true }) criteria?: QualificationCriterionInput[] | null;
  @Field(() => String, { nullable: true, description: "Nome do estágio para onde vão os leads que atendem os critérios." }) qualifiedStageName?: string | null;
  @Field(() => Boolean, { nullable: true }) leadsFromConversations?: boolean | null;
}

@InputType({ description: "createLead exige name; em updateLead só o que for enviado muda (qualification é mesclado; null apaga um campo)." })
export class LeadInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true, description: "CPF ou CNPJ" }) document?: string | null;
  @Field(() => String, { nullable: true }) companyName?: string | null;
  @Field(() => LeadSource, { nullable: true }) source?: LeadSource | null;
  @Field(() => String, { nullable: true }) campaign?: string | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => ID, { nullable: true }) stageId?: string | null;
  @Field(() => Float, { nullable: true }) value?: number | null;
  @Field(() => GraphQLJSON, { nullable: true }) qualification?: unknown;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => GraphQLDateTime, { nullable: true }) nextActionAt?: Date | null;
  @Field(() => ID, { nullable: true }) clientId?: string | null;
}

@InputType()
export class LeadFilter {
  @Field(() => ID, { nullable: true }) stageId?: string | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => LeadSource, { nullable: true }) source?: LeadSource | null;
  @Field(() => String, { nullable: true }) search?: string | null;
  @Field(() => Boolean, { nullable: true }) converted?: boolean | null;
  @Field(() => Boolean, { nullable: true }) qualified?: boolean | null;
  @Field(() => GraphQLDateTime, { nullable: true }) nextActionBefore?: Date | null;
}

@ObjectType()
export class StageStats {
  @Field(() => PipelineStage) stage!: PipelineStage;
  @Field(() => Int) count!: number;
  @Field(() => Float) value!: number;
  @Field(() => Float, { nullable: true, description: "Tempo médio no estágio, em horas (permanências abertas contam até agora)." }) avgHoursInStage!: number | null;
}

@ObjectType()
export class PipelineAnalytics {
  @Field(() => Int) total!: number;
  @Field(() => Int) converted!: number;
  @Field(() => Float, { description: "convertidos ÷ criados" }) conversionRate!: number;
  @Field(() => Int) won!: number;
  @Field(() => Int) lost!: number;
  @Field(() => Float, { description: "ganhos ÷ (ganhos + perdidos)" }) winRate!: number;
  @Field(() => [StageStats]) byStage!: StageStats[];
}
