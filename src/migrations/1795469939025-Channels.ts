import type { MigrationInterface, QueryRunner } from "typeorm";

export class Channels1795469939025 implements MigrationInterface {
  name = "Channels1795469939025";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."inbox_provider" AS ENUM('EVOLUTION', 'WHATSAPP_CLOUD', 'GENERIC_WEBHOOK')`);
    await queryRunner.query(`CREATE TYPE "public"."inbox_connection_state" AS ENUM('CONNECTED', 'DISCONNECTED', 'UNKNOWN')`);
    await queryRunner.query(`CREATE TABLE "inboxes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "provider" "public"."inbox_provider" NOT NULL, "channel" "public"."channel_type" NOT NULL, "webhook_key_hash" text NOT NULL, "webhook_key_sealed" text NOT NULL, "webhook_secret_sealed" text NOT NULL, "config_sealed" text NOT NULL, "external_id" text, "connection_state" "public"."inbox_connection_state" NOT NULL DEFAULT 'UNKNOWN', "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_902c6fe5be554398e6833bb099c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "inboxes_key_hash_uq" ON "inboxes"  ("webhook_key_hash") `);
    await queryRunner.query(`CREATE INDEX "inboxes_tenant_idx" ON "inboxes"  ("tenant_id") `);
    await queryRunner.query(`CREATE TABLE "inbound_events" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "inbox_id" uuid NOT NULL, "event_key" text NOT NULL, "payload" jsonb, "raw_text" text, "status" text NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "error" text, "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_b76e26fa0121da742b191b7ded0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "inbound_events_pending_idx" ON "inbound_events"  ("status", "received_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "inbound_events_key_uq" ON "inbound_events"  ("inbox_id", "event_key") `);
    await queryRunner.query(`ALTER TABLE "inboxes" ADD CONSTRAINT "FK_1a86e1c84ba88b41a9715ee15c6" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_44eb9769d44b74f75d078ea6772" FOREIGN KEY ("inbox_id") REFERENCES "inboxes"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inbound_events" ADD CONSTRAINT "FK_ef477d2618f59b960699125e9aa" FOREIGN KEY ("inbox_id") REFERENCES "inboxes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbound_events" DROP CONSTRAINT "FK_ef477d2618f59b960699125e9aa"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_44eb9769d44b74f75d078ea6772"`);
    await queryRunner.query(`ALTER TABLE "inboxes" DROP CONSTRAINT "FK_1a86e1c84ba88b41a9715ee15c6"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_events_key_uq"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_events_pending_idx"`);
    await queryRunner.query(`DROP TABLE "inbound_events"`);
    await queryRunner.query(`DROP INDEX "public"."inboxes_tenant_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inboxes_key_hash_uq"`);
    await queryRunner.query(`DROP TABLE "inboxes"`);
    await queryRunner.query(`DROP TYPE "public"."inbox_connection_state"`);
    await queryRunner.query(`DROP TYPE "public"."inbox_provider"`);
  }
}
