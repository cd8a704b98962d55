import type { MigrationInterface, QueryRunner } from "typeorm";

export class Conversations1795466185190 implements MigrationInterface {
  name = "Conversations1795466185190";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."session_status" AS ENUM('ACTIVE', 'WAITING_HUMAN', 'WITH_AGENT', 'CLOSED')`);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "client_id" uuid NOT NULL, "inbox_id" uuid, "inbox_key" text NOT NULL DEFAULT '', "channel" "public"."channel_type" NOT NULL, "status" "public"."session_status" NOT NULL DEFAULT 'ACTIVE', "assigned_agent_id" uuid, "ended_at" TIMESTAMP(3) WITH TIME ZONE, "last_message_at" TIMESTAMP(3) WITH TIME ZONE, "first_response_at" TIMESTAMP(3) WITH TIME ZONE, "message_count" integer NOT NULL DEFAULT '0', "tokens_input" integer NOT NULL DEFAULT '0', "tokens_output" integer NOT NULL DEFAULT '0', "cost_brl" numeric(14,6) NOT NULL DEFAULT '0', "ai_provider" text, "ai_model" text, "closed_reason" text, "anonymized_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sessions_inactive_idx" ON "sessions"  ("status", "last_message_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "sessions_open_uq" ON "sessions"  ("tenant_id", "client_id", "channel", "inbox_key") WHERE status <> 'CLOSED'`);
    await queryRunner.query(`CREATE INDEX "sessions_tenant_created_idx" ON "sessions"  ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."message_direction" AS ENUM('INBOUND', 'OUTBOUND')`);
    await queryRunner.query(`CREATE TYPE "public"."message_sender" AS ENUM('CLIENT', 'AI', 'AGENT', 'SYSTEM')`);
    await queryRunner.query(`CREATE TYPE "public"."message_type" AS ENUM('TEXT', 'IMAGE', 'AUDIO', 'VIDEO', 'DOCUMENT', 'LOCATION', 'INTERACTIVE')`);
    await queryRunner.query(`CREATE TYPE "public"."delivery_status" AS ENUM('PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED')`);
    await queryRunner.query(`CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "session_id" uuid NOT NULL, "direction" "public"."message_direction" NOT NULL, "sender" "public"."message_sender" NOT NULL, "author_id" uuid, "type" "public"."message_type" NOT NULL DEFAULT 'TEXT', "text" text, "extracted_text" text, "media" jsonb, "location" jsonb, "document_id" uuid, "delivery_status" "public"."delivery_status" NOT NULL DEFAULT 'PENDING', "delivery_error" text, "provider_message_id" text, "reply_to_provider_id" text, "tokens_input" integer NOT NULL DEFAULT '0', "tokens_output" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "messages_provider_uq" ON "messages"  ("tenant_id", "provider_message_id") WHERE provider_message_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "messages_tenant_created_idx" ON "messages"  ("tenant_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "messages_session_created_idx" ON "messages"  ("session_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."handoff_status" AS ENUM('PENDING', 'ASSIGNED', 'COMPLETED', 'CANCELLED')`);
    await queryRunner.query(`CREATE TABLE "handoffs" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "session_id" uuid NOT NULL, "reason" text NOT NULL, "priority" "public"."priority" NOT NULL, "priority_rank" smallint NOT NULL, "status" "public"."handoff_status" NOT NULL DEFAULT 'PENDING', "agent_id" uuid, "resolution" text, "satisfaction" smallint, "assigned_at" TIMESTAMP(3) WITH TIME ZONE, "completed_at" TIMESTAMP(3) WITH TIME ZONE, "source" text NOT NULL DEFAULT 'manual', CONSTRAINT "PK_a3e886a66415e2177f4760aa4bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "handoffs_agent_idx" ON "handoffs"  ("agent_id", "status") `);
    await queryRunner.query(`CREATE INDEX "handoffs_queue_idx" ON "handoffs"  ("tenant_id", "status", "priority_rank", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "handoffs_open_uq" ON "handoffs"  ("session_id") WHERE status IN ('PENDING', 'ASSIGNED')`);
    await queryRunner.query(`CREATE TABLE "handoff_notes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "handoff_id" uuid NOT NULL, "author_id" uuid NOT NULL, "text" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_69daaa92a1806241377ebd7ac78" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "handoff_notes_handoff_idx" ON "handoff_notes"  ("handoff_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_22aa22eb69a1e6826a1f58902d1" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_7af6ac1cd093d361012865a0a48" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "FK_ff71b7760071ed9caba7f02beb4" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD CONSTRAINT "FK_9a31eda00e1fa668186c59b30ff" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD CONSTRAINT "FK_0a971606d13bd9d117db07b7367" FOREIGN KEY ("agent_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "handoff_notes" ADD CONSTRAINT "FK_ebd1b9807f8ec29337e03819207" FOREIGN KEY ("handoff_id") REFERENCES "handoffs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "handoff_notes" DROP CONSTRAINT "FK_ebd1b9807f8ec29337e03819207"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP CONSTRAINT "FK_0a971606d13bd9d117db07b7367"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP CONSTRAINT "FK_9a31eda00e1fa668186c59b30ff"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_ff71b7760071ed9caba7f02beb4"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_7af6ac1cd093d361012865a0a48"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_22aa22eb69a1e6826a1f58902d1"`);
    await queryRunner.query(`DROP INDEX "public"."handoff_notes_handoff_idx"`);
    await queryRunner.query(`DROP TABLE "handoff_notes"`);
    await queryRunner.query(`DROP INDEX "public"."handoffs_open_uq"`);
    await queryRunner.query(`DROP INDEX "public"."handoffs_queue_idx"`);
    await queryRunner.query(`DROP INDEX "public"."handoffs_agent_idx"`);
    await queryRunner.query(`DROP TABLE "handoffs"`);
    await queryRunner.query(`DROP TYPE "public"."handoff_status"`);
    await queryRunner.query(`DROP INDEX "public"."messages_session_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."messages_tenant_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."messages_provider_uq"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP TYPE "public"."delivery_status"`);
    await queryRunner.query(`DROP TYPE "public"."message_type"`);
    await queryRunner.query(`DROP TYPE "public"."message_sender"`);
    await queryRunner.query(`DROP TYPE "public"."message_direction"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_tenant_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_open_uq"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_inactive_idx"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TYPE "public"."session_status"`);
  }
}
