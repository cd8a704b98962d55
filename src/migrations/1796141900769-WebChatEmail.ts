import type { MigrationInterface, QueryRunner } from "typeorm";

export class WebChatEmail1796141900769 implements MigrationInterface {
  name = "WebChatEmail1796141900769";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "web_visitors" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "inbox_id" uuid NOT NULL, "session_id" uuid NOT NULL, "client_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "origin" text NOT NULL, "contact" jsonb NOT NULL DEFAULT '{}', "ip" text, CONSTRAINT "PK_b98448bdc7dd80b6d7b95240c15" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "web_visitors_token_uq" ON "web_visitors"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "web_visitors_client_idx" ON "web_visitors"  ("client_id") `);
    await queryRunner.query(`CREATE INDEX "web_visitors_session_idx" ON "web_visitors"  ("session_id") `);
    await queryRunner.query(`CREATE TABLE "email_mailboxes" ("inbox_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "mailbox" text NOT NULL, "uid_validity" bigint, "last_uid" bigint NOT NULL DEFAULT '0', "lease_until" TIMESTAMP WITH TIME ZONE, "lease_owner" text, "last_polled_at" TIMESTAMP WITH TIME ZONE, "last_error" text, CONSTRAINT "PK_4e9914a81007b3aaeed8c732e6b" PRIMARY KEY ("inbox_id"))`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "email" jsonb`);
    await queryRunner.query(`ALTER TYPE "public"."inbox_provider" ADD VALUE 'WEB_CHAT'`);
    await queryRunner.query(`ALTER TYPE "public"."inbox_provider" ADD VALUE 'EMAIL'`);
    await queryRunner.query(`ALTER TYPE "public"."consent_purpose" ADD VALUE 'WEB_CHAT_CONTACT'`);
    await queryRunner.query(`CREATE INDEX "inboxes_external_idx" ON "inboxes"  ("provider", "external_id") `);
    await queryRunner.query(`ALTER TABLE "web_visitors" ADD CONSTRAINT "FK_19bfc85b354d7c291dc49812d37" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "web_visitors" ADD CONSTRAINT "FK_c7bfdf1fdafcb1fd596c09c5137" FOREIGN KEY ("inbox_id") REFERENCES "inboxes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "web_visitors" ADD CONSTRAINT "FK_970aff06361655711e4047f88d2" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "web_visitors" ADD CONSTRAINT "FK_c37e864fa2eebc49f37257771a5" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "email_mailboxes" ADD CONSTRAINT "FK_4e9914a81007b3aaeed8c732e6b" FOREIGN KEY ("inbox_id") REFERENCES "inboxes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "email_mailboxes" DROP CONSTRAINT "FK_4e9914a81007b3aaeed8c732e6b"`);
    await queryRunner.query(`ALTER TABLE "web_visitors" DROP CONSTRAINT "FK_c37e864fa2eebc49f37257771a5"`);
    await queryRunner.query(`ALTER TABLE "web_visitors" DROP CONSTRAINT "FK_970aff06361655711e4047f88d2"`);
    await queryRunner.query(`ALTER TABLE "web_visitors" DROP CONSTRAINT "FK_c7bfdf1fdafcb1fd596c09c5137"`);
    await queryRunner.query(`ALTER TABLE "web_visitors" DROP CONSTRAINT "FK_19bfc85b354d7c291dc49812d37"`);
    await queryRunner.query(`DROP INDEX "public"."inboxes_external_idx"`);
    await queryRunner.query(`CREATE TYPE "public"."consent_purpose_old" AS ENUM('WHATSAPP_CONTACT', 'MARKETING', 'AI_PROCESSING', 'DATA_SHARING')`);
    await queryRunner.query(`ALTER TABLE "consents" ALTER COLUMN "purpose" TYPE "public"."consent_purpose_old" USING "purpose"::"text"::"public"."consent_purpose_old"`);
    await queryRunner.query(`DROP TYPE "public"."consent_purpose"`);
    await queryRunner.query(`ALTER TYPE "public"."consent_purpose_old" RENAME TO "consent_purpose"`);
    await queryRunner.query(`CREATE TYPE "public"."inbox_provider_old" AS ENUM('EVOLUTION', 'WHATSAPP_CLOUD', 'GENERIC_WEBHOOK')`);
    await queryRunner.query(`ALTER TABLE "inboxes" ALTER COLUMN "provider" TYPE "public"."inbox_provider_old" USING "provider"::"text"::"public"."inbox_provider_old"`);
    await queryRunner.query(`DROP TYPE "public"."inbox_provider"`);
    await queryRunner.query(`ALTER TYPE "public"."inbox_provider_old" RENAME TO "inbox_provider"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "email"`);
    await queryRunner.query(`DROP TABLE "email_mailboxes"`);
    await queryRunner.query(`DROP INDEX "public"."web_visitors_session_idx"`);
    await queryRunner.query(`DROP INDEX "public"."web_visitors_client_idx"`);
    await queryRunner.query(`DROP INDEX "public"."web_visitors_token_uq"`);
    await queryRunner.query(`DROP TABLE "web_visitors"`);
  }
}
