import type { PersonalDataRegistry } from "../privacy/registry";

/** Links of a client, its conversations and its tickets (SQL over label_links, `$1` tenant, `$2` client). */
const OF_CLIENT = `l.tenant_id = $1 AND (
  (l.target_type = 'CLIENT' AND l.target_id = $2)
  OR (l.target_type = 'SESSION' AND l.target_id IN (SELECT id FROM sessions WHERE tenant_id = $1 AND client_id = $2))
  OR (l.target_type = 'TICKET' AND l.target_id IN (SELECT id FROM tickets WHERE tenant_id = $1 AND client_id = $2)))`;

/**
 * A label on a person ("VIP", "Inadimplente") says something about them: erased with
 * the client and exported with their data.
 */
export function registerLabelPersonalData(registry: PersonalDataRegistry): void {
  registry.register("labels", {
    erase: async (em, tenantId, clientId) => {
      await em.query(`DELETE FROM label_links l WHERE ${OF_CLIENT}`, [tenantId, clientId]);
    },
    export: async (em, tenantId, clientId) => ({
      labels: await em.query(
        `SELECT lb.name, l.target_type AS "targetType", l.target_id AS "targetId", l.created_at AS "createdAt"
         FROM label_links l JOIN labels lb ON lb.id = l.label_id WHERE ${OF_CLIENT} ORDER BY l.created_at`,
        [tenantId, clientId],
      ),
    }),
  });
}
