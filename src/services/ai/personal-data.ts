import { returnedRows } from "../../infra/database";
import type { PersonalDataRegistry } from "../privacy/registry";

/**
 * Tool calls of the assistant keep what it sent and got back about the client (an order, a
 * bill): blanked with the client's erasure and with the conversation's retention, exported
 * with the client's data. ai_calls holds no content and needs nothing.
 */
export function registerAiToolCallPersonalData(registry: PersonalDataRegistry): void {
  registry.register("aiToolCalls", {
    erase: async (em, tenantId, clientId) => {
      await em.query(
        `UPDATE ai_tool_calls c SET arguments = NULL, result = NULL FROM sessions s
         WHERE c.session_id = s.id AND c.tenant_id = $1 AND s.tenant_id = $1 AND s.client_id = $2`,
        [tenantId, clientId],
      );
    },
    export: async (em, tenantId, clientId) => ({
      toolCalls: await em.query(
        `SELECT c.session_id AS "sessionId", c.name, c.arguments, c.result, c.outcome, c.created_at AS "createdAt"
         FROM ai_tool_calls c JOIN sessions s ON s.id = c.session_id WHERE c.tenant_id = $1 AND s.client_id = $2 ORDER BY c.created_at`,
        [tenantId, clientId],
      ),
    }),
  });
  registry.registerRetention("aiToolCalls", async (em, tenantId) => {
    const rows = returnedRows<{ id: string }>(await em.query(
      `UPDATE ai_tool_calls c SET arguments = NULL, result = NULL FROM sessions s
       WHERE c.session_id = s.id AND c.tenant_id = $1 AND s.anonymized_at IS NOT NULL AND (c.arguments IS NOT NULL OR c.result IS NOT NULL)
       RETURNING c.id`,
      [tenantId],
    ));
    return rows.length;
  });
}
