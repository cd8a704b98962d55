import type { MigrationInterface, QueryRunner } from "typeorm";

export class LgpdIncidentsProcessingRecord1796141966827 implements MigrationInterface {
  name = "LgpdIncidentsProcessingRecord1796141966827";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."incident_status" AS ENUM('OPEN', 'CONTAINED', 'NOTIFIED', 'CLOSED')`);
    await queryRunner.query(`CREATE TYPE "public"."incident_severity" AS ENUM('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')`);
    await queryRunner.query(`CREATE TABLE "security_incidents" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "status" "public"."incident_status" NOT NULL DEFAULT 'OPEN', "severity" "public"."incident_severity" NOT NULL DEFAULT 'MEDIUM', "occurred_at" TIMESTAMP(3) WITH TIME ZONE, "aware_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "contained_at" TIMESTAMP(3) WITH TIME ZONE, "notification_due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "anpd_notified_at" TIMESTAMP(3) WITH TIME ZONE, "subjects_notified_at" TIMESTAMP(3) WITH TIME ZONE, "data_categories" jsonb NOT NULL DEFAULT '[]', "sensitive_data" boolean NOT NULL DEFAULT false, "measures" text, "risks" text, "delay_reason" text, "access_from" TIMESTAMP(3) WITH TIME ZONE, "access_to" TIMESTAMP(3) WITH TIME ZONE, "actor_ids" jsonb NOT NULL DEFAULT '[]', "api_key_ids" jsonb NOT NULL DEFAULT '[]', "client_ids" jsonb NOT NULL DEFAULT '[]', "created_by" uuid, "affected_subject_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_ae4bb9cdce807edf3f0d3526b69" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "security_incidents_tenant_aware_idx" ON "security_incidents"  ("tenant_id", "aware_at") `);
    await queryRunner.query(`CREATE TABLE "security_incident_subjects" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "incident_id" uuid NOT NULL, "client_id" uuid NOT NULL, "source" text NOT NULL, "accesses" integer NOT NULL DEFAULT '0', "actions" jsonb NOT NULL DEFAULT '[]', "first_access_at" TIMESTAMP(3) WITH TIME ZONE, "last_access_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_e2790167d73fcb1d2ef8015b3a8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "security_incident_subjects_incident_idx" ON "security_incident_subjects"  ("incident_id", "client_id") `);
    await queryRunner.query(`CREATE TABLE "processing_activities" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "key" text NOT NULL, "position" integer NOT NULL DEFAULT '0', "name" text NOT NULL, "purpose" text NOT NULL, "legal_basis" text NOT NULL, "data_categories" jsonb NOT NULL DEFAULT '[]', "data_subjects" jsonb NOT NULL DEFAULT '[]', "recipients" jsonb NOT NULL DEFAULT '[]', "international_transfer" text, "retention" text NOT NULL, "security_measures" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "customized" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_98cba87bf36a4d3fa9130b2a74e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "processing_activities_tenant_key_uq" ON "processing_activities"  ("tenant_id", "key") `);
    await queryRunner.query(`ALTER TABLE "security_incidents" ADD CONSTRAINT "FK_8bbed362d99c07a27763b20f22e" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "security_incident_subjects" ADD CONSTRAINT "FK_c8513fcd081a5d375919c299550" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "security_incident_subjects" ADD CONSTRAINT "FK_4ed26c00b191fd78cb18a46ac3c" FOREIGN KEY ("incident_id") REFERENCES "security_incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "processing_activities" ADD CONSTRAINT "FK_af3ec94fe76ae85fc1d8dee98c1" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "processing_activities" DROP CONSTRAINT "FK_af3ec94fe76ae85fc1d8dee98c1"`);
    await queryRunner.query(`ALTER TABLE "security_incident_subjects" DROP CONSTRAINT "FK_4ed26c00b191fd78cb18a46ac3c"`);
    await queryRunner.query(`ALTER TABLE "security_incident_subjects" DROP CONSTRAINT "FK_c8513fcd081a5d375919c299550"`);
    await queryRunner.query(`ALTER TABLE "security_incidents" DROP CONSTRAINT "FK_8bbed362d99c07a27763b20f22e"`);
    await queryRunner.query(`DROP INDEX "public"."processing_activities_tenant_key_uq"`);
    await queryRunner.query(`DROP TABLE "processing_activities"`);
    await queryRunner.query(`DROP INDEX "public"."security_incident_subjects_incident_idx"`);
    await queryRunner.query(`DROP TABLE "security_incident_subjects"`);
    await queryRunner.query(`DROP INDEX "public"."security_incidents_tenant_aware_idx"`);
    await queryRunner.query(`DROP TABLE "security_incidents"`);
    await queryRunner.query(`DROP TYPE "public"."incident_severity"`);
    await queryRunner.query(`DROP TYPE "public"."incident_status"`);
  }
}
