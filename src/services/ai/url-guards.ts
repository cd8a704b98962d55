import { UrlGuard } from "../../infra/url-guard";

/**
 * The SSRF guard for a tenant's URLs: the platform's, or one that allows private addresses
 * for the tenants the operator listed in ALLOW_PRIVATE_URLS_TENANTS (their own Ollama or
 * ERP on the company network).
 */
export class TenantUrlGuards {
  private privateGuard: UrlGuard | null = null;
  private readonly allowed: ReadonlySet<string>;

  constructor(private readonly base: UrlGuard, allowedTenants: readonly string[]) {
    this.allowed = new Set(allowedTenants);
  }

  for(tenantId: string): UrlGuard {
    if (this.base.allowPrivate || !this.allowed.has(tenantId)) return this.base;
    return (this.privateGuard ??= new UrlGuard(true));
  }

  async close(): Promise<void> {
    await this.privateGuard?.close();
  }
}
