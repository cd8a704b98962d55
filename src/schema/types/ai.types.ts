import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { Article } from "../../entities/article";
import { connectionTypes } from "../connection";

export enum AiProviderKind { RULES = "RULES", OPENAI = "OPENAI", GROQ = "GROQ", GEMINI = "GEMINI", OPENAI_COMPATIBLE = "OPENAI_COMPATIBLE" }
registerEnumType(AiProviderKind, { name: "AiProviderKind", description: "RULES: offline; OPENAI_COMPATIBLE: any server speaking the OpenAI API (Ollama, vLLM, llama.cpp) at baseUrl." });

@InputType()
export class AiProviderInput {
  @Field(() => AiProviderKind) kind!: AiProviderKind;
  @Field(() => String, { nullable: true, description: "Obrigatória para OPENAI_COMPATIBLE; nos demais substitui o endereço padrão." }) baseUrl?: string | null;
  @Field(() => String, { nullable: true, description: "Só escrita. Omitida: mantém a chave salva (se o provedor e o endereço não mudaram); vazia: apaga." }) apiKey?: string | null;
  @Field(() => String, { nullable: true }) triageModel?: string | null;
  @Field(() => String, { nullable: true }) replyModel?: string | null;
  @Field(() => String, { nullable: true }) transcriptionModel?: string | null;
  @Field(() => String, { nullable: true }) embeddingModel?: string | null;
  @Field(() => Float, { nullable: true }) inputPriceBrlPerMillion?: number | null;
  @Field(() => Float, { nullable: true }) outputPriceBrlPerMillion?: number | null;
  @Field(() => Int, { nullable: true }) timeoutMs?: number | null;
}

@ObjectType()
export class AiProviderSettings {
  @Field(() => AiProviderKind) kind!: AiProviderKind;
  @Field(() => Boolean, { description: "Sem configuração própria: usa o provedor do servidor (OPENAI_*) ou as regras offline." }) usesServerDefault!: boolean;
  @Field(() => String, { nullable: true }) baseUrl!: string | null;
  @Field(() => Boolean, { description: "Há uma chave de API salva (a chave nunca é devolvida)." }) apiKeySet!: boolean;
  @Field(() => String, { nullable: true }) triageModel!: string | null;
  @Field(() => String, { nullable: true }) replyModel!: string | null;
  @Field(() => String, { nullable: true }) transcriptionModel!: string | null;
  @Field(() => String, { nullable: true }) embeddingModel!: string | null;
  @Field(() => Float, { nullable: true }) inputPriceBrlPerMillion!: number | null;
  @Field(() => Float, { nullable: true }) outputPriceBrlPerMillion!: number | null;
  @Field(() => Int) timeoutMs!: number;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
}

@ObjectType({ description: "Chamadas de IA agrupadas por provedor, modelo e finalidade." })
export class AiUsage {
  @Field(() => String) providerKind!: string;
  @Field(() => String) model!: string;
  @Field(() => String) purpose!: string;
  @Field(() => Int) calls!: number;
  @Field(() => Int, { description: "Chamadas em que o provedor falhou ou estourou o tempo e as regras responderam." }) fallbacks!: number;
  @Field(() => Int) errors!: number;
  @Field(() => Int) inputTokens!: number;
  @Field(() => Int) outputTokens!: number;
  @Field(() => Float) costBrl!: number;
  @Field(() => Int) averageLatencyMs!: number;
}

@InputType()
export class CorrectTriageInput {
  @Field(() => ID, { nullable: true }) ticketId?: string | null;
  @Field(() => ID, { nullable: true }) sessionId?: string | null;
  @Field(() => String) intent!: string;
}

@ObjectType()
export class TriageModelInfo {
  @Field(() => Int, { description: "0: o modelo distribuído com a plataforma." }) version!: number;
  @Field(() => Date, { nullable: true }) trainedAt!: Date | null;
  @Field(() => Int, { description: "Exemplos corrigidos da empresa usados no treino." }) examples!: number;
  @Field(() => Float, { description: "Acurácia de intenção (validação cruzada nos exemplos da empresa; para a versão 0, na avaliação perturbada)." }) accuracy!: number;
  @Field(() => Float) needsHumanRecall!: number;
  @Field(() => Int, { description: "Exemplos guardados ainda não usados em um treino." }) pendingExamples!: number;
  @Field(() => Float, { description: "Limiar de confiança para resposta automática offline." }) autoResolveThreshold!: number;
}

@InputType()
export class ArticleInput {
  @Field(() => String) title!: string;
  @Field(() => String, { description: "Markdown." }) body!: string;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => Boolean, { nullable: true }) published?: boolean | null;
  @Field(() => String, { nullable: true }) url?: string | null;
}

export const { Connection: ArticleConnection, Edge: ArticleEdge } = connectionTypes("Article", Article);

@InputType()
export class AiToolInput {
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => GraphQLJSON, { description: "JSON Schema dos argumentos (type: object)." }) parametersSchema!: Record<string, unknown>;
  @Field(() => String) url!: string;
  @Field(() => String, { nullable: true, description: "GET ou POST (padrão)." }) method?: string | null;
  @Field(() => Int, { nullable: true }) timeoutMs?: number | null;
  @Field(() => Int, { nullable: true }) maxResponseBytes?: number | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}
