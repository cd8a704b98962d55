import { Field, InputType, Int, ObjectType } from "type-graphql";

@ObjectType()
export class BusinessHoursDay {
  @Field(() => Int, { description: "0 = domingo … 6 = sábado" }) weekday!: number;
  @Field(() => String, { description: "HH:MM" }) opens!: string;
  @Field(() => String, { description: "HH:MM" }) closes!: string;
}

@InputType()
export class BusinessHoursDayInput {
  @Field(() => Int) weekday!: number;
  @Field(() => String) opens!: string;
  @Field(() => String) closes!: string;
}

@ObjectType()
export class TenantSettings {
  @Field(() => String) timezone!: string;
  @Field(() => [BusinessHoursDay]) businessHours!: BusinessHoursDay[];
  @Field(() => [String]) holidays!: string[];
  @Field(() => String) outOfHoursMessage!: string;
  @Field(() => [String]) handoffKeywords!: string[];
  @Field(() => String) aiProvider!: string;
  @Field(() => String, { nullable: true }) aiModel!: string | null;
  @Field(() => String, { nullable: true }) aiSystemPrompt!: string | null;
  @Field(() => Boolean) requireAiConsent!: boolean;
  @Field(() => Int) inactivityTimeoutMinutes!: number;
  @Field(() => Boolean) autoAssign!: boolean;
  @Field(() => Int) agentCapacity!: number;
  @Field(() => Int) retentionDays!: number;
  @Field(() => Int) deletionGraceDays!: number;
  @Field(() => Boolean, { description: "ADMIN e SUPERVISOR precisam da verificação em duas etapas; sem ela, só podem ativá-la." })
  requireTwoFactorForAdmins!: boolean;
  @Field(() => Boolean, { description: "LGPD: ler documentos e CPF/CNPJ de clientes exige o cabeçalho x-access-justification." }) requireAccessJustification!: boolean;
  @Field(() => Boolean, { description: "Pesquisa CSAT (1 a 5) enviada ao cliente quando um atendimento humano é concluído." }) csatSurvey!: boolean;
  @Field(() => Boolean, { description: "Pesquisa NPS (0 a 10), no máximo uma por cliente a cada npsIntervalDays, só com consentimento de contato." }) npsSurvey!: boolean;
  @Field(() => Int) npsIntervalDays!: number;
  @Field(() => [String], { description: "Categorias de chamado da empresa (Ticket.category)." }) ticketCategories!: string[];
}

@InputType()
export class UpdateTenantSettingsInput {
  @Field(() => String, { nullable: true }) timezone?: string | null;
  @Field(() => [BusinessHoursDayInput], { nullable: true }) businessHours?: BusinessHoursDayInput[] | null;
  @Field(() => [String], { nullable: true }) holidays?: string[] | null;
  @Field(() => String, { nullable: true }) outOfHoursMessage?: string | null;
  @Field(() => [String], { nullable: true }) handoffKeywords?: string[] | null;
  @Field(() => String, { nullable: true }) aiProvider?: string | null;
  @Field(() => String, { nullable: true }) aiModel?: string | null;
  @Field(() => String, { nullable: true }) aiSystemPrompt?: string | null;
  @Field(() => Boolean, { nullable: true }) requireAiConsent?: boolean | null;
  @Field(() => Int, { nullable: true }) inactivityTimeoutMinutes?: number | null;
  @Field(() => Boolean, { nullable: true }) autoAssign?: boolean | null;
  @Field(() => Int, { nullable: true }) agentCapacity?: number | null;
  @Field(() => Int, { nullable: true }) retentionDays?: number | null;
  @Field(() => Int, { nullable: true }) deletionGraceDays?: number | null;
  @Field(() => Boolean, { nullable: true }) requireTwoFactorForAdmins?: boolean | null;
  @Field(() => Boolean, { nullable: true }) requireAccessJustification?: boolean | null;
  @Field(() => Boolean, { nullable: true }) csatSurvey?: boolean | null;
  @Field(() => Boolean, { nullable: true }) npsSurvey?: boolean | null;
  @Field(() => Int, { nullable: true }) npsIntervalDays?: number | null;
  @Field(() => [String], { nullable: true }) ticketCategories?: string[] | null;
}
