import type { PersonalDataRegistry } from "../privacy/registry";

/**
 * LGPD: follow-up texts and survey comments are about the client. Erasure cancels what is still
 * scheduled and removes the texts (scores stay, anonymous, for the tenant's statistics); exports list them.
 */
export function registerFollowUpPersonalData(registry: PersonalDataRegistry): void {
  registry.register("followUps", {
    erase: async (em, tenantId, clientId) => {
      await em.query(`UPDATE follow_ups SET text = '[removido]', status = CASE WHEN status = 'SCHEDULED' THEN 'CANCELLED' ELSE status END, cancel_reason = COALESCE(cancel_reason, CASE WHEN status = 'SCHEDULED' THEN 'ERASED' END), updated_at = now() WHERE tenant_id = $1 AND client_id = $2`, [tenantId, clientId]);
    },
    export: async (em, tenantId, clientId) => ({
      followUps: await em.query(`SELECT id, session_id AS "sessionId", text, status, due_at AS "dueAt", sent_at AS "sentAt" FROM follow_ups WHERE tenant_id = $1 AND client_id = $2 ORDER BY created_at`, [tenantId, clientId]),
    }),
  });
  registry.register("surveyResponses", {
    erase: async (em, tenantId, clientId) => {
      await em.query(`UPDATE survey_responses SET comment = NULL, status = CASE WHEN status = 'SENT' THEN 'EXPIRED' ELSE status END, updated_at = now() WHERE tenant_id = $1 AND client_id = $2`, [tenantId, clientId]);
    },
    export: async (em, tenantId, clientId) => ({
      surveyResponses: await em.query(`SELECT id, kind, status, score, comment, sent_at AS "sentAt", answered_at AS "answeredAt" FROM survey_responses WHERE tenant_id = $1 AND client_id = $2 ORDER BY sent_at`, [tenantId, clientId]),
    }),
  });
}
