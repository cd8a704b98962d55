import type { MigrationInterface, QueryRunner } from "typeorm";

export class WhatsappComplete1796142241298 implements MigrationInterface {
  name = "WhatsappComplete1796142241298";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "message_templates" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "inbox_id" uuid NOT NULL, "name" text NOT NULL, "language" text NOT NULL, "category" text NOT NULL, "status" text NOT NULL, "parameter_count" integer NOT NULL DEFAULT '0', "body_text" text, "provider_id" text, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9ac2bd9635be662d183f314947d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "message_templates_inbox_uq" ON "message_templates"  ("inbox_id", "name", "language") `);
    await queryRunner.query(`ALTER TABLE "inboxes" ADD "previous_secret_sealed" text`);
    await queryRunner.query(`ALTER TABLE "inboxes" ADD "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "last_client_message_at" TIMESTAMP(3) WITH TIME ZONE`);
    // Existing conversations: the customer-service window counts from the client's last message.
    await queryRunner.query(`UPDATE "sessions" s SET "last_client_message_at" = m.last FROM (SELECT session_id, max(created_at) AS last FROM "messages" WHERE direction = 'INBOUND' AND sender = 'CLIENT' GROUP BY session_id) m WHERE m.session_id = s.id`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "reply_to_message_id" uuid`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "delivery_error_code" text`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "read_receipt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "contacts" jsonb`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "template" jsonb`);
    await queryRunner.query(`ALTER TYPE "public"."inbox_connection_state" ADD VALUE 'CONNECTING'`);
    await queryRunner.query(`ALTER TYPE "public"."message_type" ADD VALUE 'REACTION'`);
    await queryRunner.query(`ALTER TYPE "public"."message_type" ADD VALUE 'CONTACT'`);
    await queryRunner.query(`ALTER TABLE "message_templates" ADD CONSTRAINT "FK_f54dca32de3d375d837cf18bd37" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "message_templates" DROP CONSTRAINT "FK_f54dca32de3d375d837cf18bd37"`);
    await queryRunner.query(`CREATE TYPE "public"."message_type_old" AS ENUM('TEXT', 'IMAGE', 'AUDIO', 'VIDEO', 'DOCUMENT', 'LOCATION', 'INTERACTIVE')`);
    // Reactions and contact cards become text messages; the default must go while the type changes.
    await queryRunner.query(`UPDATE "messages" SET "type" = 'TEXT' WHERE "type"::text IN ('REACTION', 'CONTACT')`);
    await queryRunner.query(`ALTER TABLE "messages" ALTER COLUMN "type" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "messages" ALTER COLUMN "type" TYPE "public"."message_type_old" USING "type"::"text"::"public"."message_type_old"`);
    await queryRunner.query(`DROP TYPE "public"."message_type"`);
    await queryRunner.query(`ALTER TYPE "public"."message_type_old" RENAME TO "message_type"`);
    await queryRunner.query(`ALTER TABLE "messages" ALTER COLUMN "type" SET DEFAULT 'TEXT'`);
    await queryRunner.query(`CREATE TYPE "public"."inbox_connection_state_old" AS ENUM('CONNECTED', 'DISCONNECTED', 'UNKNOWN')`);
    await queryRunner.query(`UPDATE "inboxes" SET "connection_state" = 'UNKNOWN' WHERE "connection_state"::text = 'CONNECTING'`);
    await queryRunner.query(`ALTER TABLE "inboxes" ALTER COLUMN "connection_state" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "inboxes" ALTER COLUMN "connection_state" TYPE "public"."inbox_connection_state_old" USING "connection_state"::"text"::"public"."inbox_connection_state_old"`);
    await queryRunner.query(`DROP TYPE "public"."inbox_connection_state"`);
    await queryRunner.query(`ALTER TYPE "public"."inbox_connection_state_old" RENAME TO "inbox_connection_state"`);
    await queryRunner.query(`ALTER TABLE "inboxes" ALTER COLUMN "connection_state" SET DEFAULT 'UNKNOWN'`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "template"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "contacts"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "read_receipt_at"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "delivery_error_code"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "reply_to_message_id"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "last_client_message_at"`);
    await queryRunner.query(`ALTER TABLE "inboxes" DROP COLUMN "previous_secret_expires_at"`);
    await queryRunner.query(`ALTER TABLE "inboxes" DROP COLUMN "previous_secret_sealed"`);
    await queryRunner.query(`DROP INDEX "public"."message_templates_inbox_uq"`);
    await queryRunner.query(`DROP TABLE "message_templates"`);
  }
}
