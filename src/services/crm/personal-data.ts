import type { EntityManager } from "typeorm";
import { returnedRows } from "../../infra/database";
import { ANONYMOUS_NAME } from "../privacy/core-areas";
import type { PersonalDataRegistry } from "../privacy/registry";

/**
 * CRM personal data: the company registration copied onto a client (partners'
 * names), and the client's leads (contact, qualification answers, notes). Lead
 * history keeps ids and field names only, so it stays. Leads nobody touched for
 * the tenant's retention period, and never converted, are anonymised.
 */
export function registerCrmPersonalData(registry: PersonalDataRegistry): void {
  registry.register("crm", { erase: eraseCrm, export: exportCrm, order: 90 });
  registry.registerRetention("staleLeads", async (em, tenantId, olderThan) =>
    returnedRows(await em.query(`${ANONYMISE_LEADS} WHERE tenant_id = $1 AND anonymized_at IS NULL AND converted_at IS NULL AND updated_at < $2 RETURNING id`, [tenantId, olderThan])).length,
  );
}

const ANONYMISE_LEADS = `UPDATE leads SET name = '${ANONYMOUS_NAME}', email = NULL, phone = NULL, document = NULL, company_name = NULL, notes = NULL,
  qualification = '{}'::jsonb, qualification_sources = '{}'::jsonb, campaign = NULL, anonymized_at = now()`;

async function eraseCrm(em: EntityManager, tenantId: string, clientId: string): Promise<void> {
  await em.query(`UPDATE clients SET company = NULL WHERE tenant_id = $1 AND id = $2 AND company IS NOT NULL`, [tenantId, clientId]);
  await em.query(`${ANONYMISE_LEADS} WHERE tenant_id = $1 AND client_id = $2 AND anonymized_at IS NULL`, [tenantId, clientId]);
}

async function exportCrm(em: EntityManager, tenantId: string, clientId: string): Promise<Record<string, unknown>> {
  const [row] = await em.query(`SELECT company FROM clients WHERE tenant_id = $1 AND id = $2`, [tenantId, clientId]);
  const leads = await em.query(
    `SELECT l.id, l.name, l.email, l.phone, l.document, l.company_name AS "companyName", l.source, l.campaign, s.name AS stage, l.value,
            l.qualification, l.notes, l.next_action_at AS "nextActionAt", l.qualified_at AS "qualifiedAt", l.converted_at AS "convertedAt", l.created_at AS "createdAt"
     FROM leads l LEFT JOIN pipeline_stages s ON s.id = l.stage_id WHERE l.tenant_id = $1 AND l.client_id = $2 ORDER BY l.created_at`,
    [tenantId, clientId],
  );
  return { company: row?.company ?? null, leads };
}
