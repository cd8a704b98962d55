import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { dateTime } from "../lib/format";
import { errorText } from "../lib/live";

const Audit = graphql(`
  query ConsoleAudit($after: String) {
    auditLogsConnection(first: 50, after: $after) {
      edges { node { id event severity ip createdAt detail actor { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const Access = graphql(`
  query ConsoleAccess($after: String) {
    dataAccessLogsConnection(first: 50, after: $after) {
      edges { node { id action resource justification ip createdAt clientId actor { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const Requests = graphql(`query ConsoleRequests { dataSubjectRequests { id type status reason dueAt createdAt client { id name } } }`);
const Approve = graphql(`mutation ConsoleApprove($id: ID!, $totpCode: String) { approveDataSubjectRequest(id: $id, totpCode: $totpCode) { id status } }`);
const Reject = graphql(`mutation ConsoleReject($id: ID!, $reason: String!) { rejectDataSubjectRequest(id: $id, reason: $reason) { id status } }`);

function Pager({ hasNext, onNext, onFirst, atFirst }: { hasNext: boolean; onNext: () => void; onFirst: () => void; atFirst: boolean }) {
  return (
    <div className="pager">
      <button type="button" disabled={atFirst} onClick={onFirst}>
        Início
      </button>
      <button type="button" disabled={!hasNext} onClick={onNext}>
        Próxima página
      </button>
    </div>
  );
}

export function AuditLogAdmin() {
  const [after, setAfter] = useState<string | null>(null);
  const [r] = useQuery({ query: Audit, variables: { after } });
  const page = r.data?.auditLogsConnection;
  return (
    <div>
      <h2>Auditoria</h2>
      {r.error && <p className="error">{errorText(r.error)}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr><th>Quando</th><th>Evento</th><th>Gravidade</th><th>Quem</th><th>IP</th></tr>
          </thead>
          <tbody>
            {page?.edges.map(({ node: e }) => (
              <tr key={e.id}>
                <td>{dateTime(e.createdAt)}</td>
                <td>{e.event}</td>
                <td>{e.severity}</td>
                <td>{e.actor?.name ?? "—"}</td>
                <td>{e.ip ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager hasNext={Boolean(page?.pageInfo.hasNextPage)} atFirst={!after} onFirst={() => setAfter(null)} onNext={() => setAfter(page?.pageInfo.endCursor ?? null)} />
    </div>
  );
}

export function DataAccessLogAdmin() {
  const [after, setAfter] = useState<string | null>(null);
  const [r] = useQuery({ query: Access, variables: { after } });
  const page = r.data?.dataAccessLogsConnection;
  return (
    <div>
      <h2>Acessos a dados pessoais</h2>
      {r.error && <p className="error">{errorText(r.error)}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr><th>Quando</th><th>Ação</th><th>Recurso</th><th>Quem</th><th>Justificativa</th></tr>
          </thead>
          <tbody>
            {page?.edges.map(({ node: e }) => (
              <tr key={e.id}>
                <td>{dateTime(e.createdAt)}</td>
                <td>{e.action}</td>
                <td>{e.resource}</td>
                <td>{e.actor?.name ?? "—"}</td>
                <td>{e.justification ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager hasNext={Boolean(page?.pageInfo.hasNextPage)} atFirst={!after} onFirst={() => setAfter(null)} onNext={() => setAfter(page?.pageInfo.endCursor ?? null)} />
    </div>
  );
}

const DSR_TYPE: Record<string, string> = { ACCESS: "Acesso", EXPORT: "Portabilidade", DELETION: "Eliminação", RECTIFICATION: "Correção" };
const DSR_STATUS: Record<string, string> = { PENDING: "Pendente", APPROVED: "Aprovada", REJECTED: "Recusada", COMPLETED: "Concluída" };

export function RequestsAdmin() {
  const [r, refetch] = useQuery({ query: Requests });
  const [approved, approve] = useMutation(Approve);
  const [rejected, reject] = useMutation(Reject);
  const [code, setCode] = useState("");
  const done = () => refetch({ requestPolicy: "network-only" });
  return (
    <div>
      <h2>Solicitações de titulares (LGPD)</h2>
      <label className="inline">
        Código de verificação (se a sua conta usa duas etapas)
        <input inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      {(r.error || approved.error || rejected.error) && <p className="error" role="alert">{errorText(r.error ?? approved.error ?? rejected.error)}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr><th>Titular</th><th>Tipo</th><th>Situação</th><th>Prazo</th><th>Ações</th></tr>
          </thead>
          <tbody>
            {r.data?.dataSubjectRequests.map((d) => (
              <tr key={d.id}>
                <td>{d.client?.name ?? "—"}</td>
                <td>{DSR_TYPE[d.type] ?? d.type}</td>
                <td>{DSR_STATUS[d.status] ?? d.status}</td>
                <td>{dateTime(d.dueAt)}</td>
                <td>
                  {d.status === "PENDING" && (
                    <>
                      <button type="button" onClick={() => void approve({ id: d.id, totpCode: code.trim() || null }).then(done)}>
                        Aprovar
                      </button>{" "}
                      <button
                        type="button"
                        className="danger"
                        onClick={() => {
                          const reason = prompt("Motivo da recusa (será informado ao titular):");
                          if (reason?.trim()) void reject({ id: d.id, reason: reason.trim() }).then(done);
                        }}
                      >
                        Recusar
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
