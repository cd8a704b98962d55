import type { DataSource } from "typeorm";
import { TenantSettingsRow } from "../../entities/tenant-settings";
import { Tenant } from "../../entities/tenant";
import type { Logger } from "../../infra/logger";
import type { PersonalDataRegistry } from "./registry";

const DAY_MS = 86_400_000;
/** Same default as SettingsService (a tenant without a settings row). */
const DEFAULT_RETENTION_DAYS = 90;

export interface RetentionReport { tenants: number; affected: Record<string, number>; failures: number }

/**
 * Applies each tenant's `retentionDays` (scheduled hourly): every registered
 * retention handler gets the tenant and the cut-off date, in its own transaction,
 * so one failing area or tenant does not hold back the others. Data access logs
 * are not purged here; the database refuses to delete any younger than 6 months.
 */
export class RetentionService {
  constructor(private readonly ds: DataSource, private readonly registry: PersonalDataRegistry, private readonly logger: Logger) {}

  async run(now = new Date()): Promise<RetentionReport> {
    const handlers = this.registry.retentionHandlers();
    const report: RetentionReport = { tenants: 0, affected: {}, failures: 0 };
    if (!handlers.length) return report;
    const tenants = await this.ds.manager
      .createQueryBuilder(Tenant, "t")
      .leftJoin(TenantSettingsRow, "s", "s.tenant_id = t.id")
      .select("t.id", "id")
      .addSelect("s.retention_days", "retentionDays")
      .getRawMany<{ id: string; retentionDays: number | null }>();
    for (const tenant of tenants) {
      report.tenants++;
      const olderThan = new Date(now.getTime() - (tenant.retentionDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS);
      for (const { name, handler } of handlers) {
        try {
          const afterCommit: Array<() => Promise<void>> = [];
          const n = await this.ds.transaction((em) => handler(em, tenant.id, olderThan, afterCommit));
          report.affected[name] = (report.affected[name] ?? 0) + n;
          for (const hook of afterCommit) await hook();
        } catch (err) {
          report.failures++;
          this.logger.error({ err, tenantId: tenant.id, handler: name }, "retention handler failed");
        }
      }
    }
    if (Object.values(report.affected).some((n) => n > 0) || report.failures) this.logger.info({ retention: report }, "retention applied");
    return report;
  }
}
