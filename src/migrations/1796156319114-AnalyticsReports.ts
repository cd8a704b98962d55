import type { MigrationInterface, QueryRunner } from "typeorm";

export class AnalyticsReports1796156319114 implements MigrationInterface {
  name = "AnalyticsReports1796156319114";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."messages_tenant_created_idx"`);
    await queryRunner.query(`CREATE TABLE "analytics_exports" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "kind" text NOT NULL, "format" text NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "params" jsonb NOT NULL, "personal_data" boolean NOT NULL DEFAULT false, "requested_by" text NOT NULL, "storage_key" text, "rows" integer NOT NULL DEFAULT '0', "bytes" bigint NOT NULL DEFAULT '0', "error" text, "completed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_355f37f47fa0841324817eac53c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "analytics_exports_tenant_created_idx" ON "analytics_exports"  ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "scheduled_reports" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "frequency" text NOT NULL, "weekday" smallint, "time" text NOT NULL, "email" text, "whatsapp_to" text, "inbox_id" uuid, "enabled" boolean NOT NULL DEFAULT true, "last_period_start" text, "last_sent_at" TIMESTAMP(3) WITH TIME ZONE, "last_error" text, CONSTRAINT "PK_4e9443d4280f94e84c7349300a6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "scheduled_reports_tenant_uq" ON "scheduled_reports"  ("tenant_id") `);
    await queryRunner.query(`CREATE TABLE "agent_availability_log" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "availability" "public"."agent_availability" NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bb53ca22b246fa8d68a9c91b182" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "agent_availability_log_tenant_created_idx" ON "agent_availability_log"  ("tenant_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "intent" text`);
    await queryRunner.query(`CREATE INDEX "messages_ai_tenant_created_idx" ON "messages"  ("tenant_id", "created_at", "session_id") WHERE sender = 'AI'`);
    await queryRunner.query(`CREATE INDEX "messages_tenant_created_cover_idx" ON "messages"  ("tenant_id", "created_at", "direction", "session_id") `);
    await queryRunner.query(`CREATE INDEX "handoffs_session_idx" ON "handoffs"  ("session_id") `);
    await queryRunner.query(`CREATE INDEX "handoffs_tenant_created_idx" ON "handoffs"  ("tenant_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "consents_tenant_created_idx" ON "consents"  ("tenant_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "analytics_exports" ADD CONSTRAINT "FK_fb29eab8a2bfff462411663fbad" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scheduled_reports" ADD CONSTRAINT "FK_62db776e5089e5cca3bc256458f" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scheduled_reports" DROP CONSTRAINT "FK_62db776e5089e5cca3bc256458f"`);
    await queryRunner.query(`ALTER TABLE "analytics_exports" DROP CONSTRAINT "FK_fb29eab8a2bfff462411663fbad"`);
    await queryRunner.query(`DROP INDEX "public"."consents_tenant_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."handoffs_tenant_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."handoffs_session_idx"`);
    await queryRunner.query(`DROP INDEX "public"."messages_tenant_created_cover_idx"`);
    await queryRunner.query(`DROP INDEX "public"."messages_ai_tenant_created_idx"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "intent"`);
    await queryRunner.query(`DROP INDEX "public"."agent_availability_log_tenant_created_idx"`);
    await queryRunner.query(`DROP TABLE "agent_availability_log"`);
    await queryRunner.query(`DROP INDEX "public"."scheduled_reports_tenant_uq"`);
    await queryRunner.query(`DROP TABLE "scheduled_reports"`);
    await queryRunner.query(`DROP INDEX "public"."analytics_exports_tenant_created_idx"`);
    await queryRunner.query(`DROP TABLE "analytics_exports"`);
    await queryRunner.query(`CREATE INDEX "messages_tenant_created_idx" ON "messages" USING btree ("created_at", "tenant_id") `);
  }
}
