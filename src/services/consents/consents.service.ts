import type { DataSource } from "typeorm";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Client } from "../../entities/client";
import { Consent } from "../../entities/consent";
import { Errors } from "../../schema/errors";
import { ConsentPurpose } from "../../schema/enums";
import type { AuditService } from "../audit.service";
import type { AccessLogService } from "../privacy/access-log.service";
import { findOwned, isUuid } from "../scoped";
import { optionalText, requiredText } from "../validation/input";
import { isOptOutMessage, OPT_OUT_CONFIRMATION } from "./opt-out";

export interface GrantConsent {
  clientId: string;
  purpose: ConsentPurpose;
  /** The exact text shown to the client; stored byte for byte. */
  text: string;
  textVersion: string;
  /** Channel, IP or provider message id, e.g. "whatsapp:wamid.HBg...", "web ip:189.40.1.2". */
  source: string;
}

export interface RevokeConsent {
  clientId: string;
  purpose: ConsentPurpose;
  reason?: string | null;
  /** Defaults to the API caller ("api ip:<caller ip>"). */
  source?: string | null;
}

const MAX_TEXT = 20_000;

/**
 * Consent per client and purpose (LGPD Art. 7 I, 8). The history is append-only
 * (database trigger): granting and revoking both add a record; the current state
 * of a purpose is its latest record. Other areas ask `has()` before acting
 * (marketing sends, AI processing) and feed inbound texts to
 * `revokeByClientMessage()`.
 *
 * `ctx` must carry the tenant's principal; jobs use a system principal of the tenant.
 */
export class ConsentsService {
  constructor(private readonly ds: DataSource, private readonly audit: AuditService, private readonly accessLog: AccessLogService) {}

  /** Whether the latest record for `purpose` is a grant. Another tenant's (or an erased) client is NOT_FOUND. */
  async has(ctx: RequestContext, clientId: string, purpose: ConsentPurpose): Promise<boolean> {
    const p = requirePrincipal(ctx);
    const rows: Array<{ granted: boolean | null }> = isUuid(clientId)
      ? await ctx.em.query(
          `SELECT (SELECT k.granted FROM consents k WHERE k.tenant_id = c.tenant_id AND k.client_id = c.id AND k.purpose = $3 ORDER BY k.seq DESC LIMIT 1) AS granted
             FROM clients c WHERE c.id = $1 AND c.tenant_id = $2 AND c.anonymized_at IS NULL`,
          [clientId, p.tenantId, purpose],
        )
      : [];
    if (!rows.length) throw Errors.notFound("Cliente");
    return rows[0]!.granted === true;
  }

  /** Full history, oldest first. Readable for erased clients too: it is the proof. */
  async history(ctx: RequestContext, clientId: string): Promise<Consent[]> {
    const p = requirePrincipal(ctx);
    const client = await findOwned(ctx, Client, clientId, "Cliente");
    await this.accessLog.record(ctx, { clientId: client.id, action: "consent.read", resource: `Client:${client.id}` });
    return ctx.em.find(Consent, { where: { tenantId: p.tenantId, clientId: client.id }, order: { seq: "ASC" } });
  }

  async grant(ctx: RequestContext, input: GrantConsent): Promise<Consent> {
    const p = requirePrincipal(ctx);
    if (!input.text?.trim()) throw Errors.badInput("text", "O texto do consentimento é obrigatório.");
    if (input.text.length > MAX_TEXT) throw Errors.badInput("text", `O texto do consentimento pode ter no máximo ${MAX_TEXT} caracteres.`);
    const textVersion = requiredText("textVersion", input.textVersion, 50, "A versão do texto");
    const source = requiredText("source", input.source, 500, "A origem");
    return inTransaction(this.ds, ctx, async (tx) => {
      const client = await this.lockClient(tx, input.clientId);
      return tx.em.save(tx.em.create(Consent, { tenantId: p.tenantId, clientId: client.id, purpose: input.purpose, granted: true, text: input.text, textVersion, source, reason: null, revokedAt: null }));
    });
  }

  /** Adds a revocation record. CONFLICT when the purpose is not currently granted. */
  async revoke(ctx: RequestContext, input: RevokeConsent): Promise<Consent> {
    const reason = optionalText("reason", input.reason, 1000, "O motivo");
    const source = optionalText("source", input.source, 500, "A origem") ?? `api${ctx.ip ? ` ip:${ctx.ip}` : ""}`;
    return inTransaction(this.ds, ctx, async (tx) => {
      const client = await this.lockClient(tx, input.clientId);
      const revoked = await this.revokeLocked(tx, client.id, input.purpose, source, reason);
      if (!revoked) throw Errors.conflict("Não há consentimento ativo para esta finalidade.", "purpose");
      await this.audit.log(tx, "consent.revoked", { clientId: client.id, purpose: input.purpose, via: "api", consentId: revoked.id });
      return revoked;
    });
  }

  /**
   * For inbound messages: when the whole text is an opt-out ("PARAR", "SAIR",
   * "STOP", "não quero mais receber"...), revokes MARKETING (if granted) and returns
   * the confirmation to send back; otherwise null and nothing changes.
   */
  async revokeByClientMessage(ctx: RequestContext, clientId: string, text: string, providerMessageId: string): Promise<string | null> {
    if (!isOptOutMessage(text)) return null;
    await inTransaction(this.ds, ctx, async (tx) => {
      const client = await this.lockClient(tx, clientId);
      const revoked = await this.revokeLocked(tx, client.id, ConsentPurpose.MARKETING, `message:${providerMessageId}`.slice(0, 500), "Opt-out por mensagem do cliente.");
      if (revoked) await this.audit.log(tx, "consent.revoked", { clientId: client.id, purpose: ConsentPurpose.MARKETING, via: "opt_out", consentId: revoked.id });
    });
    return OPT_OUT_CONFIRMATION;
  }

  /** Latest record per purpose of each client (Client.consents), one query for any number of clients. */
  async currentFor(ctx: RequestContext, clientIds: readonly string[]): Promise<Consent[]> {
    const p = requirePrincipal(ctx);
    if (!clientIds.length) return [];
    return ctx.em
      .createQueryBuilder(Consent, "k")
      .distinctOn(["k.client_id", "k.purpose"])
      .where("k.tenant_id = :tenantId AND k.client_id IN (:...ids)", { tenantId: p.tenantId, ids: [...clientIds] })
      .orderBy("k.client_id")
      .addOrderBy("k.purpose")
      .addOrderBy("k.seq", "DESC")
      .getMany();
  }

  private async revokeLocked(tx: RequestContext, clientId: string, purpose: ConsentPurpose, source: string, reason: string | null): Promise<Consent | null> {
    const tenantId = requirePrincipal(tx).tenantId;
    const latest = await tx.em.findOne(Consent, { where: { tenantId, clientId, purpose }, order: { seq: "DESC" } });
    if (!latest?.granted) return null;
    return tx.em.save(
      tx.em.create(Consent, { tenantId, clientId, purpose, granted: false, text: latest.text, textVersion: latest.textVersion, source, reason, revokedAt: new Date() }),
    );
  }

  // Grants and revocations of one client are serialised on its row, so "latest" is well defined.
  private async lockClient(tx: RequestContext, clientId: string): Promise<Client> {
    const client = await findOwned(tx, Client, clientId, "Cliente", { lock: true });
    if (client.anonymizedAt) throw Errors.notFound("Cliente");
    return client;
  }
}
