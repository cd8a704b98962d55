import type { DataSource, EntityManager } from "typeorm";
import type { Storage } from "../../infra/storage";
import { REMOVED } from "../privacy/core-areas";
import type { ErasureRun, PersonalDataRegistry } from "../privacy/registry";

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r) as T[];

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
}

async function eraseDocuments(em: EntityManager, ds: DataSource, storage: Storage, tenantId: string, clientId: string, run: ErasureRun): Promise<void> {
  const rows = rowsOf<{ id: string; storage_key: string | null }>(
    await em.query(
      `UPDATE documents SET ocr_text = NULL, fields = NULL, filename = '${REMOVED}', error = NULL,
         ocr_status = CASE WHEN ocr_status IN ('PENDING', 'PROCESSING') THEN 'FAILED'::ocr_status ELSE ocr_status END
       WHERE tenant_id = $1 AND client_id = $2 RETURNING id, storage_key`,
      [tenantId, clientId],
    ),
  );
  const files = rows.filter((r) => r.storage_key);
  if (!files.length) return;
  // Storage cannot roll back: delete after the commit, then forget the key (a failure
  // keeps the key, and the rerun of the erasure finds the file again).
  run.afterErase.push(async () => {
    for (const f of files) {
      await storage.delete(f.storage_key!);
      await ds.query(`UPDATE documents SET storage_key = NULL WHERE id = $1 AND tenant_id = $2 AND storage_key = $3`, [f.id, tenantId, f.storage_key]);
    }
  });
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
