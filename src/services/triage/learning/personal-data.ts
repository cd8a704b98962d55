import { returnedRows } from "../../../infra/database";
import type { PersonalDataRegistry } from "../../privacy/registry";

/**
 * Corrected examples keep a client's message text: deleted with the client, exported with
 * their data, and dropped once the conversation they came from is anonymised by retention
 * (ticket examples: once older than the retention period). The trained models keep only
 * weights, no text.
 */
export function registerTriageExamplePersonalData(registry: PersonalDataRegistry): void {
  registry.register("triageExamples", {
    erase: async (em, tenantId, clientId) => {
      await em.query(`DELETE FROM triage_examples WHERE tenant_id = $1 AND client_id = $2`, [tenantId, clientId]);
    },
    export: async (em, tenantId, clientId) => ({
      examples: await em.query(
        `SELECT text, intent, predicted_intent AS "predictedIntent", session_id AS "sessionId", ticket_id AS "ticketId", created_at AS "createdAt"
         FROM triage_examples WHERE tenant_id = $1 AND client_id = $2 ORDER BY created_at`,
        [tenantId, clientId],
      ),
    }),
  });
  // Registered after the conversations' retention, so sessions it anonymises in this run count.
  registry.registerRetention("triageExamples", async (em, tenantId, olderThan) => {
    const rows = returnedRows<{ id: string }>(await em.query(
      `DELETE FROM triage_examples e WHERE e.tenant_id = $1 AND (
         (e.session_id IS NOT NULL AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = e.session_id AND s.anonymized_at IS NOT NULL))
         OR (e.session_id IS NULL AND e.created_at < $2)) RETURNING e.id`,
      [tenantId, olderThan],
    ));
    return rows.length;
  });
}
