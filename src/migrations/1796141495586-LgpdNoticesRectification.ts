import type { MigrationInterface, QueryRunner } from "typeorm";

export class LgpdNoticesRectification1796141495586 implements MigrationInterface {
  name = "LgpdNoticesRectification1796141495586";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."subject_notification_event" AS ENUM('RECEIVED', 'APPROVED', 'COMPLETED', 'REJECTED')`);
    await queryRunner.query(`CREATE TABLE "subject_notifications" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "request_id" uuid NOT NULL, "event" "public"."subject_notification_event" NOT NULL, "channel" "public"."channel_type", "message_id" uuid, "skipped_reason" text, CONSTRAINT "PK_27d3a7b770a62fcf51e3a70a690" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "subject_notifications_request_event_uq" ON "subject_notifications"  ("request_id", "event") `);
    await queryRunner.query(`ALTER TABLE "tenant_settings" ADD "require_access_justification" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "data_subject_requests" ADD "corrections" jsonb`);
    await queryRunner.query(`ALTER TABLE "data_subject_requests" ADD "rectified_fields" jsonb`);
    await queryRunner.query(`ALTER TABLE "data_access_logs" ADD "user_agent" text`);
    await queryRunner.query(`ALTER TABLE "subject_notifications" ADD CONSTRAINT "FK_feecd3d18704cf200cef1f5ec9d" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "subject_notifications" ADD CONSTRAINT "FK_cf7e6edb9555c05ad127f0b2716" FOREIGN KEY ("request_id") REFERENCES "data_subject_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subject_notifications" DROP CONSTRAINT "FK_cf7e6edb9555c05ad127f0b2716"`);
    await queryRunner.query(`ALTER TABLE "subject_notifications" DROP CONSTRAINT "FK_feecd3d18704cf200cef1f5ec9d"`);
    await queryRunner.query(`ALTER TABLE "data_access_logs" DROP COLUMN "user_agent"`);
    await queryRunner.query(`ALTER TABLE "data_subject_requests" DROP COLUMN "rectified_fields"`);
    await queryRunner.query(`ALTER TABLE "data_subject_requests" DROP COLUMN "corrections"`);
    await queryRunner.query(`ALTER TABLE "tenant_settings" DROP COLUMN "require_access_justification"`);
    await queryRunner.query(`DROP INDEX "public"."subject_notifications_request_event_uq"`);
    await queryRunner.query(`DROP TABLE "subject_notifications"`);
    await queryRunner.query(`DROP TYPE "public"."subject_notification_event"`);
  }
}
