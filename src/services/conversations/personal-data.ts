import type { DataSource, EntityManager } from "typeorm";
import { returnedRows } from "../../infra/database";
import type { Storage } from "../../infra/storage";
import { REMOVED } from "../privacy/core-areas";
import type { ErasureRun, PersonalDataRegistry } from "../privacy/registry";

/** Media files left by one retention run at most (the rest go on the next, hourly). */
const MEDIA_BATCH = 500;

/**
 * Conversations hold the most personal data of all: message texts, OCR of
 * attachments, media, locations, notes. Erasure blanks them in place (rows stay,
 * so counts and analytics survive without content); retention does the same to
 * conversations closed longer than the tenant keeps them. Stored media (voice
 * notes, photos) are deleted from storage after the commit.
 */
export function registerConversationPersonalData(registry: PersonalDataRegistry, ds: DataSource, storage: Storage): void {
  const media = new MediaFiles(ds, storage);
  registry.register("conversations", {
    erase: async (em, tenantId, clientId, run) => {
      await eraseConversations(em, tenantId, clientId);
      run.afterErase.push(...(await media.leftIn(em, tenantId, `s.client_id = $2`, [clientId])));
    },
    export: exportConversations,
  });
  // Runs before the client record is anonymised (order 100), while its phone is known.
  registry.registerEraser("inboundEvents", eraseInboundEvents, 50);
  registry.registerRetention("closedSessions", async (em, tenantId, olderThan, afterCommit) => {
    const n = await anonymiseClosedSessions(em, tenantId, olderThan);
    // Also picks up files an earlier run or erasure failed to delete.
    afterCommit.push(...(await media.leftIn(em, tenantId, `s.anonymized_at IS NOT NULL`, [])));
    return n;
  });
}

/**
 * Blanking keeps only `media.storageKey` until the file is gone, so that a failed
 * deletion is found again (a file is never orphaned without a row pointing at it).
 */
const BLANK_MESSAGES = `UPDATE messages m SET text = CASE WHEN m.text IS NULL THEN NULL ELSE '${REMOVED}' END,
  extracted_text = NULL, location = NULL, reply_to_provider_id = NULL, email = NULL, contacts = NULL, template = NULL, triage = m.triage - 'response',
  media = CASE WHEN m.media ? 'storageKey' THEN jsonb_build_object('storageKey', m.media->>'storageKey') ELSE NULL END`;

class MediaFiles {
  constructor(private readonly ds: DataSource, private readonly storage: Storage) {}

  /** Deletion hooks for the stored media of blanked messages of the tenant's sessions matching `where`. */
  async leftIn(em: EntityManager, tenantId: string, where: string, params: unknown[]): Promise<Array<() => Promise<void>>> {
    const rows = returnedRows<{ id: string; key: string }>(
      await em.query(
        `SELECT m.id, m.media->>'storageKey' AS key FROM messages m JOIN sessions s ON s.id = m.session_id
         WHERE s.tenant_id = $1 AND ${where} AND s.anonymized_at IS NOT NULL AND m.media ? 'storageKey' AND m.media - 'storageKey' = '{}'::jsonb
         LIMIT ${MEDIA_BATCH}`,
        [tenantId, ...params],
      ),
    );
    return rows.map((r) => async () => {
      await this.storage.delete(r.key);
      await this.ds.query(`UPDATE messages SET media = NULL WHERE id = $1 AND media->>'storageKey' = $2`, [r.id, r.key]);
    });
  }
}

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
            m.location, m.email, m.contacts, m.media->>'fileName' AS "fileName", m.media->>'mimeType' AS "mimeType", m.delivery_status AS "deliveryStatus", m.created_at AS "createdAt"
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
  const rows = returnedRows<{ id: string }>(
    await em.query(
      `UPDATE sessions SET anonymized_at = now() WHERE tenant_id = $1 AND status = 'CLOSED' AND anonymized_at IS NULL AND ended_at < $2 RETURNING id`,
      [tenantId, olderThan],
    ),
  );
  if (rows.length) {
    await em.query(`${BLANK_MESSAGES} WHERE m.session_id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
    // Internal notes and resolutions are free text about the client too.
    await em.query(`UPDATE handoff_notes n SET text = '${REMOVED}' FROM handoffs h WHERE n.handoff_id = h.id AND h.session_id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
    await em.query(`UPDATE handoffs SET resolution = '${REMOVED}' WHERE session_id = ANY($1::uuid[]) AND resolution IS NOT NULL`, [rows.map((r) => r.id)]);
  }
  return rows.length;
}
