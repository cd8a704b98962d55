import type { MigrationInterface, QueryRunner } from "typeorm";

export class AiKnowledge1796143820553 implements MigrationInterface {
  name = "AiKnowledge1796143820553";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "ai_provider_settings" ("tenant_id" uuid NOT NULL, "kind" text NOT NULL, "base_url" text, "api_key_sealed" text, "triage_model" text, "reply_model" text, "transcription_model" text, "embedding_model" text, "input_price_brl_per_million" numeric(12,4), "output_price_brl_per_million" numeric(12,4), "timeout_ms" integer, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_450d4a470672bfeb7b9177c5c71" PRIMARY KEY ("tenant_id"))`);
    await queryRunner.query(`CREATE TABLE "ai_calls" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "session_id" uuid, "ticket_id" uuid, "provider_kind" text NOT NULL, "model" text NOT NULL, "purpose" text NOT NULL, "input_tokens" integer NOT NULL DEFAULT '0', "output_tokens" integer NOT NULL DEFAULT '0', "cost_brl" numeric(14,6) NOT NULL DEFAULT '0', "latency_ms" integer NOT NULL DEFAULT '0', "outcome" text NOT NULL, "error" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_072aa0bd7b20d78300b6d4d9b99" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ai_calls_tenant_created_idx" ON "ai_calls"  ("tenant_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "triage_examples" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "client_id" uuid, "session_id" uuid, "ticket_id" uuid, "source_key" text NOT NULL, "text" text NOT NULL, "channel" text, "intent" text NOT NULL, "predicted_intent" text, "author_id" uuid, CONSTRAINT "PK_4a8d35e89632ac09eb7198da459" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "triage_examples_source_uq" ON "triage_examples"  ("tenant_id", "source_key") `);
    await queryRunner.query(`CREATE INDEX "triage_examples_client_idx" ON "triage_examples"  ("client_id") `);
    await queryRunner.query(`CREATE INDEX "triage_examples_tenant_created_idx" ON "triage_examples"  ("tenant_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "triage_models" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "version" integer NOT NULL, "model" jsonb NOT NULL, "active" boolean NOT NULL DEFAULT false, "examples" integer NOT NULL, "accuracy" double precision NOT NULL, "needs_human_recall" double precision NOT NULL, "baseline_accuracy" double precision NOT NULL, "examples_until" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_195caf98b3473165bdb14573538" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "triage_models_active_uq" ON "triage_models"  ("tenant_id") WHERE active`);
    await queryRunner.query(`CREATE UNIQUE INDEX "triage_models_tenant_version_uq" ON "triage_models"  ("tenant_id", "version") `);
    await queryRunner.query(`CREATE TABLE "articles" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "tags" jsonb NOT NULL DEFAULT '[]', "published" boolean NOT NULL DEFAULT true, "url" text, "search_vector" tsvector, "embedding" real array, "embedding_model" text, CONSTRAINT "PK_0a6e2c450d83e0b6052c2793334" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "articles_tenant_updated_idx" ON "articles"  ("tenant_id", "updated_at", "id") `);
    // Full-text index (declared with synchronize: false on the entity: TypeORM cannot express GIN).
    await queryRunner.query(`CREATE INDEX "articles_search_idx" ON "articles" USING GIN ("search_vector")`);
    await queryRunner.query(`CREATE TABLE "ai_tools" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "description" text NOT NULL, "parameters_schema" jsonb NOT NULL, "url" text NOT NULL, "method" text NOT NULL DEFAULT 'POST', "timeout_ms" integer NOT NULL DEFAULT '5000', "max_response_bytes" integer NOT NULL DEFAULT '65536', "enabled" boolean NOT NULL DEFAULT true, "secret_sealed" text NOT NULL, CONSTRAINT "PK_89bd82d253d0be3420956640296" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ai_tools_tenant_name_uq" ON "ai_tools"  ("tenant_id", "name") `);
    await queryRunner.query(`CREATE TABLE "ai_tool_calls" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "session_id" uuid NOT NULL, "name" text NOT NULL, "external" boolean NOT NULL DEFAULT false, "arguments" jsonb, "result" jsonb, "outcome" text NOT NULL, "latency_ms" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d9582da589bad9f520cfdfe337e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ai_tool_calls_session_idx" ON "ai_tool_calls"  ("session_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "messages" ADD "triage" jsonb`);
    await queryRunner.query(`ALTER TABLE "ai_provider_settings" ADD CONSTRAINT "FK_450d4a470672bfeb7b9177c5c71" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "triage_examples" ADD CONSTRAINT "FK_9fde2001015dc53fba290de3376" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "triage_models" ADD CONSTRAINT "FK_f2ea7f1ea0fc1501f8e0f7124a9" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "articles" ADD CONSTRAINT "FK_fa70ef96fb4556d1fd280c7a461" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ai_tools" ADD CONSTRAINT "FK_e47806da0af667a1943dd305e97" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ai_tools" DROP CONSTRAINT "FK_e47806da0af667a1943dd305e97"`);
    await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "FK_fa70ef96fb4556d1fd280c7a461"`);
    await queryRunner.query(`ALTER TABLE "triage_models" DROP CONSTRAINT "FK_f2ea7f1ea0fc1501f8e0f7124a9"`);
    await queryRunner.query(`ALTER TABLE "triage_examples" DROP CONSTRAINT "FK_9fde2001015dc53fba290de3376"`);
    await queryRunner.query(`ALTER TABLE "ai_provider_settings" DROP CONSTRAINT "FK_450d4a470672bfeb7b9177c5c71"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "triage"`);
    await queryRunner.query(`DROP INDEX "public"."ai_tool_calls_session_idx"`);
    await queryRunner.query(`DROP TABLE "ai_tool_calls"`);
    await queryRunner.query(`DROP INDEX "public"."ai_tools_tenant_name_uq"`);
    await queryRunner.query(`DROP TABLE "ai_tools"`);
    await queryRunner.query(`DROP INDEX "public"."articles_search_idx"`);
    await queryRunner.query(`DROP INDEX "public"."articles_tenant_updated_idx"`);
    await queryRunner.query(`DROP TABLE "articles"`);
    await queryRunner.query(`DROP INDEX "public"."triage_models_tenant_version_uq"`);
    await queryRunner.query(`DROP INDEX "public"."triage_models_active_uq"`);
    await queryRunner.query(`DROP TABLE "triage_models"`);
    await queryRunner.query(`DROP INDEX "public"."triage_examples_tenant_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."triage_examples_client_idx"`);
    await queryRunner.query(`DROP INDEX "public"."triage_examples_source_uq"`);
    await queryRunner.query(`DROP TABLE "triage_examples"`);
    await queryRunner.query(`DROP INDEX "public"."ai_calls_tenant_created_idx"`);
    await queryRunner.query(`DROP TABLE "ai_calls"`);
    await queryRunner.query(`DROP TABLE "ai_provider_settings"`);
  }
}
