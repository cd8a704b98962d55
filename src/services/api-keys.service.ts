import { IsNull, type DataSource } from "typeorm";
import { ApiKey } from "../entities/api-key";
import { inTransaction, requirePrincipal, type RequestContext } from "../context";
import { Errors } from "../schema/errors";
import type { Role } from "../schema/enums";
import { randomToken, sha256Hex } from "../infra/crypto";
import type { AuditService } from "./audit.service";
import { API_KEY_PREFIX } from "./auth/authenticator";
import { requiredText } from "./validation/input";
import { findOwnedOrNull } from "./scoped";
import { AuthLimits } from "./auth/login-limiter";
import type { Revocations } from "./auth/revocations";

export class ApiKeysService {
  constructor(private readonly ds: DataSource, private readonly audit: AuditService, private readonly limits: AuthLimits, private readonly revocations: Revocations) {}

  list(ctx: RequestContext): Promise<ApiKey[]> {
    const p = requirePrincipal(ctx);
    return ctx.em.find(ApiKey, { where: { tenantId: p.tenantId, revokedAt: IsNull() }, order: { createdAt: "DESC", id: "DESC" } });
  }

  /** The token is returned once; only its hash is stored. */
  async create(ctx: RequestContext, name: string, role: Role): Promise<{ apiKey: ApiKey; token: string }> {
    const p = requirePrincipal(ctx);
    const clean = requiredText("name", name, 80, "O nome");
    await AuthLimits.take(this.limits.sensitive, `createApiKey:${p.id}`);
    const token = `${API_KEY_PREFIX}${randomToken(32)}`;
    return inTransaction(this.ds, ctx, async (tx) => {
      const apiKey = await tx.em.save(tx.em.create(ApiKey, { tenantId: p.tenantId, name: clean, role, tokenHash: sha256Hex(token), createdById: p.userId }));
      await this.audit.log(tx, "api_key.created", { apiKeyId: apiKey.id, role }, "warning");
      return { apiKey, token };
    });
  }

  async revoke(ctx: RequestContext, id: string): Promise<boolean> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const key = await findOwnedOrNull(tx, ApiKey, id);
      if (!key || key.revokedAt) throw Errors.notFound("Chave de API");
      await tx.em.update(ApiKey, { id }, { revokedAt: new Date() });
      await this.audit.log(tx, "api_key.revoked", { apiKeyId: id }, "warning");
      await this.revocations.publish(tx, { tenantId: key.tenantId, apiKeyId: id, reason: "api_key_revoked" });
      return true;
    });
  }
}
