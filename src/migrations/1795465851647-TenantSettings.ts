import type { MigrationInterface, QueryRunner } from "typeorm";

export class TenantSettings1795465851647 implements MigrationInterface {
  name = "TenantSettings1795465851647";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "tenant_settings" ("tenant_id" uuid NOT NULL, "timezone" text NOT NULL DEFAULT 'America/Sao_Paulo', "business_hours" jsonb NOT NULL DEFAULT '[]', "holidays" jsonb NOT NULL DEFAULT '[]', "out_of_hours_message" text, "handoff_keywords" jsonb NOT NULL DEFAULT '[]', "ai_provider" text, "ai_model" text, "ai_system_prompt" text, "require_ai_consent" boolean NOT NULL DEFAULT false, "inactivity_timeout_minutes" integer NOT NULL DEFAULT '30', "auto_assign" boolean NOT NULL DEFAULT false, "agent_capacity" integer NOT NULL DEFAULT '3', "retention_days" integer NOT NULL DEFAULT '90', "deletion_grace_days" integer NOT NULL DEFAULT '15', "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a6abc1c3ed0df635955fc852f1c" PRIMARY KEY ("tenant_id"))`);
    await queryRunner.query(`ALTER TABLE "tenant_settings" ADD CONSTRAINT "FK_a6abc1c3ed0df635955fc852f1c" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant_settings" DROP CONSTRAINT "FK_a6abc1c3ed0df635955fc852f1c"`);
    await queryRunner.query(`DROP TABLE "tenant_settings"`);
  }
}
