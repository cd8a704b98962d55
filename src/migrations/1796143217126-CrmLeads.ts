import type { MigrationInterface, QueryRunner } from "typeorm";

export class CrmLeads1796143217126 implements MigrationInterface {
  name = "CrmLeads1796143217126";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "pipelines" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "qualification_fields" jsonb NOT NULL DEFAULT '[]', "criteria" jsonb NOT NULL DEFAULT '[]', "qualified_stage_id" uuid, "leads_from_conversations" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_e38ea171cdfad107c1f3db2c036" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "pipelines_tenant_uq" ON "pipelines"  ("tenant_id") `);
    await queryRunner.query(`CREATE TYPE "public"."stage_kind" AS ENUM('OPEN', 'WON', 'LOST')`);
    await queryRunner.query(`CREATE TABLE "pipeline_stages" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "pipeline_id" uuid NOT NULL, "name" text NOT NULL, "position" integer NOT NULL, "kind" "public"."stage_kind" NOT NULL DEFAULT 'OPEN', CONSTRAINT "PK_92e43270eace072ad5182fc08e2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "pipeline_stages_pipeline_idx" ON "pipeline_stages"  ("pipeline_id", "position") `);
    await queryRunner.query(`CREATE TYPE "public"."lead_source" AS ENUM('WHATSAPP', 'WEB_CHAT', 'EMAIL', 'CAMPAIGN', 'MANUAL', 'API')`);
    await queryRunner.query(`CREATE TABLE "leads" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "email" text, "phone" text, "document" text, "company_name" text, "source" "public"."lead_source" NOT NULL DEFAULT 'MANUAL', "campaign" text, "owner_id" uuid, "stage_id" uuid NOT NULL, "stage_entered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "value" numeric(14,2), "qualification" jsonb NOT NULL DEFAULT '{}', "qualification_sources" jsonb NOT NULL DEFAULT '{}', "notes" text, "next_action_at" TIMESTAMP(3) WITH TIME ZONE, "client_id" uuid, "session_id" uuid, "qualified_at" TIMESTAMP(3) WITH TIME ZONE, "converted_at" TIMESTAMP(3) WITH TIME ZONE, "anonymized_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_cd102ed7a9a4ca7d4d8bfeba406" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "leads_open_client_uq" ON "leads"  ("tenant_id", "client_id") WHERE client_id IS NOT NULL AND converted_at IS NULL AND anonymized_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "leads_tenant_stage_idx" ON "leads"  ("tenant_id", "stage_id") `);
    await queryRunner.query(`CREATE INDEX "leads_tenant_created_idx" ON "leads"  ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."lead_event_kind" AS ENUM('CREATED', 'UPDATED', 'STAGE_CHANGED', 'FIELDS_FILLED', 'QUALIFIED', 'CONVERTED')`);
    await queryRunner.query(`CREATE TABLE "lead_events" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "lead_id" uuid NOT NULL, "kind" "public"."lead_event_kind" NOT NULL, "actor_id" uuid, "from_stage_id" uuid, "to_stage_id" uuid, "detail" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_38013d55900c219b7bb52f90122" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "lead_events_tenant_idx" ON "lead_events"  ("tenant_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "lead_events_lead_idx" ON "lead_events"  ("lead_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "pipelines" ADD CONSTRAINT "FK_842def49e3f739e3c9dd786819c" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pipeline_stages" ADD CONSTRAINT "FK_a6a9d3bfda25a3cd50a507642a6" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pipeline_stages" ADD CONSTRAINT "FK_37b689c446ebe79ecd37e445735" FOREIGN KEY ("pipeline_id") REFERENCES "pipelines"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "leads" ADD CONSTRAINT "FK_2440046dd05066e882bb68a780c" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "leads" ADD CONSTRAINT "FK_4e1b2fdccce9cf66bcd9c6d2492" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "leads" ADD CONSTRAINT "FK_3b573f833137f2f90fd3aaae27d" FOREIGN KEY ("stage_id") REFERENCES "pipeline_stages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "leads" ADD CONSTRAINT "FK_15ec158ab4d5628c673419d4ade" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "lead_events" ADD CONSTRAINT "FK_5f01589188405d4107fff0362fe" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead_events" DROP CONSTRAINT "FK_5f01589188405d4107fff0362fe"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_15ec158ab4d5628c673419d4ade"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_3b573f833137f2f90fd3aaae27d"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_4e1b2fdccce9cf66bcd9c6d2492"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_2440046dd05066e882bb68a780c"`);
    await queryRunner.query(`ALTER TABLE "pipeline_stages" DROP CONSTRAINT "FK_37b689c446ebe79ecd37e445735"`);
    await queryRunner.query(`ALTER TABLE "pipeline_stages" DROP CONSTRAINT "FK_a6a9d3bfda25a3cd50a507642a6"`);
    await queryRunner.query(`ALTER TABLE "pipelines" DROP CONSTRAINT "FK_842def49e3f739e3c9dd786819c"`);
    await queryRunner.query(`DROP INDEX "public"."lead_events_lead_idx"`);
    await queryRunner.query(`DROP INDEX "public"."lead_events_tenant_idx"`);
    await queryRunner.query(`DROP TABLE "lead_events"`);
    await queryRunner.query(`DROP TYPE "public"."lead_event_kind"`);
    await queryRunner.query(`DROP INDEX "public"."leads_tenant_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."leads_tenant_stage_idx"`);
    await queryRunner.query(`DROP INDEX "public"."leads_open_client_uq"`);
    await queryRunner.query(`DROP TABLE "leads"`);
    await queryRunner.query(`DROP TYPE "public"."lead_source"`);
    await queryRunner.query(`DROP INDEX "public"."pipeline_stages_pipeline_idx"`);
    await queryRunner.query(`DROP TABLE "pipeline_stages"`);
    await queryRunner.query(`DROP TYPE "public"."stage_kind"`);
    await queryRunner.query(`DROP INDEX "public"."pipelines_tenant_uq"`);
    await queryRunner.query(`DROP TABLE "pipelines"`);
  }
}
