import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795465450755 implements MigrationInterface {
  name = "Initial1795465450755";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await queryRunner.query(`CREATE TABLE "tenants" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('ADMIN', 'SUPERVISOR', 'AGENT', 'INTEGRATOR')`);
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "role" "public"."user_role" NOT NULL, "token_hash" text NOT NULL, "created_by_id" uuid, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "api_keys_tenant_idx" ON "api_keys"  ("tenant_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_keys_hash_uq" ON "api_keys"  ("token_hash") `);
    await queryRunner.query(`CREATE TYPE "public"."agent_availability" AS ENUM('ONLINE', 'AWAY', 'OFFLINE')`);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "email" text NOT NULL, "role" "public"."user_role" NOT NULL, "password_hash" text NOT NULL, "totp_secret" text, "totp_enabled_at" TIMESTAMP WITH TIME ZONE, "totp_last_step" bigint, "availability" "public"."agent_availability" NOT NULL DEFAULT 'OFFLINE', "deactivated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "users_tenant_idx" ON "users"  ("tenant_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_uq" ON "users"  ("email") `);
    await queryRunner.query(`CREATE TABLE "audit_logs" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid, "actor_id" uuid, "event" text NOT NULL, "severity" text NOT NULL DEFAULT 'info', "detail" jsonb, "ip" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bb179d048bbc581caa3b013439" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "audit_logs_tenant_created_idx" ON "audit_logs"  ("tenant_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens"  ("family_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "refresh_tokens_hash_uq" ON "refresh_tokens"  ("token_hash") `);
    await queryRunner.query(`CREATE TYPE "public"."document_type" AS ENUM('CPF', 'CNPJ')`);
    await queryRunner.query(`CREATE TYPE "public"."channel_type" AS ENUM('WHATSAPP', 'EMAIL', 'WEB', 'PHONE')`);
    await queryRunner.query(`CREATE TABLE "clients" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "email" text, "phone" text, "wa_id" text, "document" text, "document_type" "public"."document_type", "preferred_channel" "public"."channel_type" NOT NULL DEFAULT 'WEB', "search_text" text NOT NULL DEFAULT '', "anonymized_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f1ab7cf3a5714dbc6bb4e1c28a4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "clients_tenant_created_idx" ON "clients"  ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "clients_tenant_document_uq" ON "clients"  ("tenant_id", "document") WHERE document IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "clients_tenant_phone_uq" ON "clients"  ("tenant_id", "phone") WHERE phone IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "clients_tenant_email_uq" ON "clients"  ("tenant_id", "email") WHERE email IS NOT NULL`);
    await queryRunner.query(`CREATE TYPE "public"."ticket_status" AS ENUM('OPEN', 'RESOLVED', 'ESCALATED', 'CLOSED')`);
    await queryRunner.query(`CREATE TYPE "public"."priority" AS ENUM('LOW', 'MEDIUM', 'HIGH', 'URGENT')`);
    await queryRunner.query(`CREATE TABLE "tickets" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "client_id" uuid NOT NULL, "channel" "public"."channel_type" NOT NULL, "subject" text, "message" text NOT NULL, "status" "public"."ticket_status" NOT NULL DEFAULT 'OPEN', "priority" "public"."priority" NOT NULL DEFAULT 'MEDIUM', "intent" text NOT NULL DEFAULT 'other', "triage" jsonb NOT NULL, "assignee_id" uuid, "session_id" uuid, CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "tickets_client_idx" ON "tickets"  ("client_id") `);
    await queryRunner.query(`CREATE INDEX "tickets_tenant_status_idx" ON "tickets"  ("tenant_id", "status") `);
    await queryRunner.query(`CREATE INDEX "tickets_tenant_created_idx" ON "tickets"  ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "ticket_comments" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "author_id" uuid, "text" text NOT NULL, "system" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_811ed3b81dd8df6b9a92058d89c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ticket_comments_ticket_idx" ON "ticket_comments"  ("ticket_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "FK_3ac18429c8d27858d79432e0dda" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_109638590074998bb72a2f2cf08" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "clients" ADD CONSTRAINT "FK_e7d8b637725986e7b5fa774a3fd" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD CONSTRAINT "FK_d4beb915a8f7487afcb2d073c01" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD CONSTRAINT "FK_ab0f4c7161f0a5c178d229e3541" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD CONSTRAINT "FK_dff6e2b44c9b5e177114588772f" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ticket_comments" ADD CONSTRAINT "FK_4ee48e3e18e7c3ac35152a9fb7b" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ticket_comments" ADD CONSTRAINT "FK_580b2a4f5b78b556eb684f96dbe" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket_comments" DROP CONSTRAINT "FK_580b2a4f5b78b556eb684f96dbe"`);
    await queryRunner.query(`ALTER TABLE "ticket_comments" DROP CONSTRAINT "FK_4ee48e3e18e7c3ac35152a9fb7b"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "FK_dff6e2b44c9b5e177114588772f"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "FK_ab0f4c7161f0a5c178d229e3541"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "FK_d4beb915a8f7487afcb2d073c01"`);
    await queryRunner.query(`ALTER TABLE "clients" DROP CONSTRAINT "FK_e7d8b637725986e7b5fa774a3fd"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_109638590074998bb72a2f2cf08"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_3ac18429c8d27858d79432e0dda"`);
    await queryRunner.query(`DROP INDEX "public"."ticket_comments_ticket_idx"`);
    await queryRunner.query(`DROP TABLE "ticket_comments"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_tenant_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_tenant_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_client_idx"`);
    await queryRunner.query(`DROP TABLE "tickets"`);
    await queryRunner.query(`DROP TYPE "public"."priority"`);
    await queryRunner.query(`DROP TYPE "public"."ticket_status"`);
    await queryRunner.query(`DROP INDEX "public"."clients_tenant_email_uq"`);
    await queryRunner.query(`DROP INDEX "public"."clients_tenant_phone_uq"`);
    await queryRunner.query(`DROP INDEX "public"."clients_tenant_document_uq"`);
    await queryRunner.query(`DROP INDEX "public"."clients_tenant_created_idx"`);
    await queryRunner.query(`DROP TABLE "clients"`);
    await queryRunner.query(`DROP TYPE "public"."channel_type"`);
    await queryRunner.query(`DROP TYPE "public"."document_type"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_tokens_hash_uq"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_tokens_family_idx"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_tokens_user_idx"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."audit_logs_tenant_created_idx"`);
    await queryRunner.query(`DROP TABLE "audit_logs"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_uq"`);
    await queryRunner.query(`DROP INDEX "public"."users_tenant_idx"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."agent_availability"`);
    await queryRunner.query(`DROP INDEX "public"."api_keys_hash_uq"`);
    await queryRunner.query(`DROP INDEX "public"."api_keys_tenant_idx"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP TABLE "tenants"`);
  }
}
