import type { EntityManager } from "typeorm";
import type { PersonalDataRegistry } from "../privacy/registry";

/**
 * CRM personal data: the company registration copied onto a client (partners'
 * names), and the client's leads (contact, qualification answers, notes).
 */
export function registerCrmPersonalData(registry: PersonalDataRegistry): void {
  registry.register("crm", { erase: eraseCrm, export: exportCrm, order: 90 });
}

async function eraseCrm(em: EntityManager, tenantId: string, clientId: string): Promise<void> {
  await em.query(`UPDATE clients SET company = NULL WHERE tenant_id = $1 AND id = $2 AND company IS NOT NULL`, [tenantId, clientId]);
}

async function exportCrm(em: EntityManager, tenantId: string, clientId: string): Promise<Record<string, unknown>> {
  const [row] = await em.query(`SELECT company FROM clients WHERE tenant_id = $1 AND id = $2`, [tenantId, clientId]);
  return { company: row?.company ?? null };
}
