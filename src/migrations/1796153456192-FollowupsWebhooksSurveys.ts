import type { MigrationInterface, QueryRunner } from "typeorm";

export class FollowupsWebhooksSurveys1796153456192 implements MigrationInterface {
  name = "FollowupsWebhooksSurveys1796153456192";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "follow_ups" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "session_id" uuid NOT NULL, "client_id" uuid NOT NULL, "created_by_id" uuid, "text" text NOT NULL, "requested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "after_silence_minutes" integer, "status" text NOT NULL DEFAULT 'SCHEDULED', "sent_at" TIMESTAMP(3) WITH TIME ZONE, "message_id" uuid, "cancelled_at" TIMESTAMP(3) WITH TIME ZONE, "cancel_reason" text, "error" text, CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "follow_ups_due_idx" ON "follow_ups"  ("status", "due_at") `);
    await queryRunner.query(`CREATE INDEX "follow_ups_session_idx" ON "follow_ups"  ("session_id", "status") `);
    await queryRunner.query(`CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "url" text NOT NULL, "events" jsonb NOT NULL DEFAULT '[]', "description" text, "secret_sealed" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "disabled_at" TIMESTAMP(3) WITH TIME ZONE, "disabled_reason" text, "consecutive_failures" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhook_subscriptions_tenant_idx" ON "webhook_subscriptions"  ("tenant_id", "enabled") `);
    await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "subscription_id" uuid NOT NULL, "event_type" text NOT NULL, "webhook_id" text NOT NULL, "payload" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE, "last_attempt_at" TIMESTAMP(3) WITH TIME ZONE, "response_status" integer, "last_error" text, "delivered_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries"  ("status", "next_attempt_at") `);
    await queryRunner.query(`CREATE INDEX "webhook_deliveries_subscription_idx" ON "webhook_deliveries"  ("subscription_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "tenant_settings" ADD "csat_survey" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "tenant_settings" ADD "nps_survey" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "tenant_settings" ADD "nps_interval_days" integer NOT NULL DEFAULT '90'`);
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD CONSTRAINT "FK_6c6417a85e501f13776bb0fec23" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "FK_9f7060b145d1cd7b8c718b1b865" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_dd2bc3de0e4a0329a4ef30600b4" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_dd2bc3de0e4a0329a4ef30600b4"`);
    await queryRunner.query(`ALTER TABLE "webhook_subscriptions" DROP CONSTRAINT "FK_9f7060b145d1cd7b8c718b1b865"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP CONSTRAINT "FK_6c6417a85e501f13776bb0fec23"`);
    await queryRunner.query(`ALTER TABLE "tenant_settings" DROP COLUMN "nps_interval_days"`);
    await queryRunner.query(`ALTER TABLE "tenant_settings" DROP COLUMN "nps_survey"`);
    await queryRunner.query(`ALTER TABLE "tenant_settings" DROP COLUMN "csat_survey"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_subscription_idx"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_due_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_subscriptions_tenant_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
    await queryRunner.query(`DROP INDEX "public"."follow_ups_session_idx"`);
    await queryRunner.query(`DROP INDEX "public"."follow_ups_due_idx"`);
    await queryRunner.query(`DROP TABLE "follow_ups"`);
  }
}
