import { isProviderError } from "../../infra/providers";
import { DomainError } from "../../schema/errors";

/**
 * A provider call made on behalf of a person (connect, logout, template sync…) that failed:
 * a clear Portuguese answer, with the provider's (redacted) reason, never a stack.
 */
export function providerFailure(err: unknown, what: string): DomainError {
  if (err instanceof DomainError) return err;
  const detail = isProviderError(err) ? ` (${err.status ? `HTTP ${err.status}` : err.code === "TIMEOUT" ? "sem resposta" : "inacessível"}${err.providerCode ? `, código ${err.providerCode}` : ""})` : "";
  return new DomainError("CONFLICT", `Não foi possível ${what}: o provedor não atendeu${detail}. Tente novamente em instantes.`, { reason: "PROVIDER_UNAVAILABLE" });
}
