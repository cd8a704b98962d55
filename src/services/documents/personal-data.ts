import type { DataSource, EntityManager } from "typeorm";
import { returnedRows } from "../../infra/database";
import type { Storage } from "../../infra/storage";
import { REMOVED } from "../privacy/core-areas";
import type { ErasureRun, PersonalDataRegistry } from "../privacy/registry";

/**
 * Documents hold the most sensitive personal data of all (payslips: CPF, salary;
 * bills: address). Erasure blanks the OCR text, fields and name in the database and
 * deletes the files after the commit; the row stays (counts, ticket links). An OCR
 * still pending is stopped (FAILED) so it cannot write the text back.
 */
export function registerDocumentPersonalData(registry: PersonalDataRegistry, ds: DataSource, storage: Storage): void {
  registry.register("documents", {
    erase: (em, tenantId, clientId, run) => eraseDocuments(em, ds, storage, tenantId, clientId, run),
    export: exportDocuments,
  });
  // Registered after "closedSessions": the documents of conversations it anonymised.
  registry.registerRetention("closedSessionDocuments", (em, tenantId, _olderThan, afterCommit) => expireConversationDocuments(em, ds, storage, tenantId, afterCommit));
}

const BLANK_DOCUMENTS = `UPDATE documents d SET ocr_text = NULL, fields = NULL, filename = '${REMOVED}', error = NULL,
  ocr_status = CASE WHEN d.ocr_status IN ('PENDING', 'PROCESSING') THEN 'FAILED'::ocr_status ELSE d.ocr_status END`;

/** Deletes the files after the commit; the key is forgotten only once the object is gone (a failure is retried). */
function deleteFilesAfter(ds: DataSource, storage: Storage, tenantId: string, files: Array<{ id: string; storage_key: string | null }>, hooks: Array<() => Promise<void>>): void {
  for (const f of files) {
    if (!f.storage_key) continue;
    hooks.push(async () => {
      await storage.delete(f.storage_key!);
      await ds.query(`UPDATE documents SET storage_key = NULL WHERE id = $1 AND tenant_id = $2 AND storage_key = $3`, [f.id, tenantId, f.storage_key]);
    });
  }
}

/**
 * Retention: attachments of a conversation anonymised for age (WhatsApp photos and
 * PDFs read by OCR) go with it. Also finds files an earlier run failed to delete.
 */
async function expireConversationDocuments(em: EntityManager, ds: DataSource, storage: Storage, tenantId: string, afterCommit: Array<() => Promise<void>>): Promise<number> {
  const inExpired = `d.tenant_id = $1 AND d.message_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM messages m JOIN sessions s ON s.id = m.session_id WHERE m.id = d.message_id AND s.anonymized_at IS NOT NULL)`;
  const blanked = returnedRows<{ id: string }>(await em.query(`${BLANK_DOCUMENTS} WHERE ${inExpired} AND d.filename <> '${REMOVED}' RETURNING d.id`, [tenantId]));
  // The files of those just blanked and of any an earlier run failed to delete.
  const files: Array<{ id: string; storage_key: string }> = await em.query(
    `SELECT d.id, d.storage_key FROM documents d WHERE ${inExpired} AND d.filename = '${REMOVED}' AND d.storage_key IS NOT NULL LIMIT 500`,
    [tenantId],
  );
  deleteFilesAfter(ds, storage, tenantId, files, afterCommit);
  return blanked.length;
}

async function eraseDocuments(em: EntityManager, ds: DataSource, storage: Storage, tenantId: string, clientId: string, run: ErasureRun): Promise<void> {
  const rows = returnedRows<{ id: string; storage_key: string | null }>(
    await em.query(`${BLANK_DOCUMENTS} WHERE d.tenant_id = $1 AND d.client_id = $2 RETURNING d.id, d.storage_key`, [tenantId, clientId]),
  );
  // Storage cannot roll back: delete after the commit, then forget the key (a failure
  // keeps the key, and the rerun of the erasure finds the file again).
  deleteFilesAfter(ds, storage, tenantId, rows, run.afterErase);
}

async function exportDocuments(em: EntityManager, tenantId: string, clientId: string): Promise<Record<string, unknown>> {
  const documents: Array<Record<string, unknown>> = await em.query(
    `SELECT id, filename, mime_type AS "mimeType", size, kind, ocr_status AS "ocrStatus", ocr_confidence AS "ocrConfidence",
            fields, ocr_text AS "ocrText", sensitive, ticket_id AS "ticketId", message_id AS "messageId", created_at AS "createdAt"
     FROM documents WHERE tenant_id = $1 AND client_id = $2 ORDER BY created_at, id`,
    [tenantId, clientId],
  );
  return { documents };
}
