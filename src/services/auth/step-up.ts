import type { DataSource } from "typeorm";
import { User } from "../../entities/user";
import { requirePrincipal, type RequestContext } from "../../context";
import { DomainError } from "../../schema/errors";
import type { AuthService } from "./auth.service";

/**
 * Sensitive admin actions (API keys, roles, password resets, deactivation, erasure
 * approval, exports of personal data) ask a user with 2FA on for a fresh TOTP code:
 * a stolen access token alone cannot do them. API keys have no second factor; users
 * without 2FA are covered by the tenant policy `requireTwoFactorForAdmins`.
 */
export class StepUp {
  constructor(private readonly ds: DataSource, private readonly auth: AuthService) {}

  async require(ctx: RequestContext, totpCode: string | null | undefined): Promise<void> {
    const p = requirePrincipal(ctx);
    if (!p.userId) return;
    const user = await this.ds.manager.findOne(User, { where: { id: p.userId } });
    if (!user?.totpEnabledAt) return;
    if (!totpCode) throw new DomainError("TWO_FACTOR_REQUIRED", "Confirme com um código novo da verificação em duas etapas (totpCode).", { field: "totpCode" });
    if (!(await this.auth.checkTotp(user, totpCode))) throw new DomainError("TWO_FACTOR_REQUIRED", "Código de verificação inválido ou já utilizado.", { field: "totpCode" });
  }
}
