import type { PersonalDataRegistry } from "../privacy/registry";

/**
 * What web chat visitors typed about themselves, their site and IP. Erasure deletes
 * the rows, which also ends their tokens (a widget left open loses the conversation).
 */
export function registerWebChatPersonalData(registry: PersonalDataRegistry): void {
  registry.register("webChatVisitors", {
    erase: async (em, tenantId, clientId) => {
      await em.query(`DELETE FROM web_visitors WHERE tenant_id = $1 AND client_id = $2`, [tenantId, clientId]);
    },
    export: async (em, tenantId, clientId) => ({
      visitors: await em.query(
        `SELECT session_id AS "sessionId", origin, contact, ip, created_at AS "createdAt", expires_at AS "expiresAt"
         FROM web_visitors WHERE tenant_id = $1 AND client_id = $2 ORDER BY created_at`,
        [tenantId, clientId],
      ),
    }),
  });
}
