import type { EntityManager } from "typeorm";
import { REMOVED } from "../privacy/core-areas";
import type { PersonalDataRegistry } from "../privacy/registry";

/**
 * Conversations hold the most personal data of all: message texts, OCR of
 * attachments, media, locations, notes. Erasure blanks them in place (rows stay,
 * so counts and analytics survive without content); retention does the same to
 * conversations closed longer than the tenant keeps them.
 */
export function registerConversationPersonalData(registry: PersonalDataRegistry): void {
  registry.register("conversations", { erase: eraseConversations, export: exportConversations });
  // Runs before the client record is anonymised (order 100), while its phone is known.
  registry.registerEraser("inboundEvents", eraseInboundEvents, 50);
  registry.registerRetention("closedSessions", anonymiseClosedSessions);
}

const BLANK_MESSAGES = `UPDATE messages m SET text = CASE WHEN m.text IS NULL THEN NULL ELSE '${REMOVED}' END,
  extracted_text = NULL, media = NULL, location = NULL, reply_to_provider_id = NULL`;

async function eraseConversations(em: EntityManager, tenantId: string, clientId: string): Promise<void> {
  await em.query(`${BLANK_MESSAGES} FROM sessions s WHERE m.session_id = s.id AND s.tenant_id = $1 AND s.client_id = $2`, [tenantId, clientId]);
  await em.query(
    `UPDATE handoff_notes n SET text = '${REMOVED}' FROM handoffs h JOIN sessions s ON s.id = h.session_id
     WHERE n.handoff_id = h.id AND s.tenant_id = $1 AND s.client_id = $2`,
    [tenantId, clientId],
  );
  await em.query(
    `UPDATE handoffs h SET reason = '${REMOVED}', resolution = CASE WHEN h.resolution IS NULL THEN NULL ELSE '${REMOVED}' END
     FROM sessions s WHERE h.session_id = s.id AND s.tenant_id = $1 AND s.client_id = $2`,
    [tenantId, clientId],
  );
  await em.query(`UPDATE sessions SET anonymized_at = coalesce(anonymized_at, now()) WHERE tenant_id = $1 AND client_id = $2`, [tenantId, clientId]);
}

/**
 * Raw provider events are emptied once processed; what is left (dead letters,
 * ignored or pending events) is dropped when it mentions the client's number.
 */
async function eraseInboundEvents(em: EntityManager, tenantId: string, clientId: string): Promise<void> {
  const [client] = await em.query(`SELECT phone, wa_id FROM clients WHERE id = $1 AND tenant_id = $2`, [clientId, tenantId]);
  const ids = [client?.wa_id, client?.phone?.replace(/\D/g, "")].filter((v): v is string => Boolean(v && v.length >= 8));
  for (const id of new Set(ids)) {
    await em.query(`UPDATE inbound_events SET payload = NULL, raw_text = NULL WHERE tenant_id = $1 AND (payload::text LIKE $2 OR raw_text LIKE $2)`, [tenantId, `%${id}%`]);
  }
}

async function exportConversations(em: EntityManager, tenantId: string, clientId: string): Promise<Record<string, unknown>> {
  const sessions: Array<Record<string, unknown>> = await em.query(
    `SELECT id, channel, status, created_at AS "startedAt", ended_at AS "endedAt", message_count AS "messageCount" FROM sessions
     WHERE tenant_id = $1 AND client_id = $2 ORDER BY created_at`,
    [tenantId, clientId],
  );
  const messages: Array<Record<string, unknown> & { sessionId: string }> = await em.query(
    `SELECT m.id, m.session_id AS "sessionId", m.direction, m.sender, m.type, m.text, m.extracted_text AS "extractedText",
            m.location, m.media->>'fileName' AS "fileName", m.media->>'mimeType' AS "mimeType", m.delivery_status AS "deliveryStatus", m.created_at AS "createdAt"
     FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.tenant_id = $1 AND s.client_id = $2 ORDER BY m.created_at`,
    [tenantId, clientId],
  );
  const handoffs: Array<Record<string, unknown>> = await em.query(
    `SELECT h.id, h.session_id AS "sessionId", h.reason, h.priority, h.status, h.resolution, h.satisfaction, h.created_at AS "createdAt", h.completed_at AS "completedAt"
     FROM handoffs h JOIN sessions s ON s.id = h.session_id WHERE s.tenant_id = $1 AND s.client_id = $2 ORDER BY h.created_at`,
    [tenantId, clientId],
  );
  return {
    sessions: sessions.map((s) => ({ ...s, messages: messages.filter((m) => m.sessionId === s.id).map(({ sessionId: _s, ...m }) => m) })),
    handoffs,
  };
}

async function anonymiseClosedSessions(em: EntityManager, tenantId: string, olderThan: Date): Promise<number> {
  const rows: Array<{ id: string }> = await em.query(
    `UPDATE sessions SET anonymized_at = now() WHERE tenant_id = $1 AND status = 'CLOSED' AND anonymized_at IS NULL AND ended_at < $2 RETURNING id`,
    [tenantId, olderThan],
  ).then((r: unknown) => (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r) as Array<{ id: string }>);
  if (rows.length) await em.query(`${BLANK_MESSAGES} WHERE m.session_id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
  return rows.length;
}
