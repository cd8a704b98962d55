import { useState } from "react";
import { Link } from "react-router";
import { useClient, useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { dateTime, maskDocument, phone, TICKET_STATUS_LABEL } from "../lib/format";
import { errorText, useMe } from "../lib/live";

const ClientInfo = graphql(`
  query ConsoleClientPanel($id: ID!) {
    client(id: $id) {
      id name phone email preferredChannel createdAt
      tickets(first: 10) { edges { node { id subject status createdAt documents { id filename ocrStatus } } } }
    }
    consentHistory(clientId: $id) { id purpose granted createdAt revokedAt source }
  }
`);
// Apart: under requireAccessJustification the document field may be refused without failing the panel.
const ClientDocument = graphql(`query ConsoleClientDocument($id: ID!) { client(id: $id) { id document documentType } }`);
const Export = graphql(`query ConsoleExportClient($id: ID!, $justification: String) { exportClientData(clientId: $id, justification: $justification) }`);
const RequestAction = graphql(`mutation ConsoleRequestDsr($input: DataSubjectRequestInput!) { requestDataSubjectAction(input: $input) { id type status dueAt } }`);

const PURPOSE_LABEL: Record<string, string> = {
  AI_PROCESSING: "Atendimento por IA",
  DATA_SHARING: "Compartilhamento de dados",
  MARKETING: "Marketing",
  WEB_CHAT_CONTACT: "Contato pelo chat",
  WHATSAPP_CONTACT: "Contato por WhatsApp",
};
const DSR_LABEL: Record<string, string> = { ACCESS: "Acesso", EXPORT: "Portabilidade", DELETION: "Eliminação", RECTIFICATION: "Correção" };

/** The client beside the conversation: contact, masked CPF/CNPJ, consents (with history), tickets and the LGPD actions. */
export function ClientPanel({ clientId }: { clientId: string }) {
  const me = useMe()!;
  const client = useClient();
  const [info] = useQuery({ query: ClientInfo, variables: { id: clientId } });
  const [doc] = useQuery({ query: ClientDocument, variables: { id: clientId } });
  const [dsr, requestDsr] = useMutation(RequestAction);
  const [dsrType, setDsrType] = useState("ACCESS");
  const [message, setMessage] = useState<string | null>(null);
  const c = info.data?.client;

  const exportData = async () => {
    setMessage(null);
    const r = await client.query(Export, { id: clientId, justification: "Pedido do titular atendido pelo console" }, { requestPolicy: "network-only" }).toPromise();
    if (r.error) return setMessage(errorText(r.error));
    const blob = new Blob([JSON.stringify(r.data?.exportClientData, null, 2)], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `dados-cliente-${clientId.slice(0, 8)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  if (!c) return <aside className="client-panel">{info.error ? <p className="error">{errorText(info.error)}</p> : <p role="status">Carregando cliente…</p>}</aside>;
  const tickets = c.tickets.edges.map((e) => e.node);
  return (
    <aside className="client-panel" aria-label="Cliente">
      <h2>{c.name}</h2>
      <dl className="facts">
        <div>
          <dt>Telefone</dt>
          <dd>{phone(c.phone)}</dd>
        </div>
        <div>
          <dt>E-mail</dt>
          <dd>{c.email ?? "—"}</dd>
        </div>
        <div>
          <dt>{doc.data?.client?.documentType ?? "CPF/CNPJ"}</dt>
          <dd>{doc.error ? "Acesso restrito" : maskDocument(doc.data?.client?.document)}</dd>
        </div>
        <div>
          <dt>Cliente desde</dt>
          <dd>{dateTime(c.createdAt)}</dd>
        </div>
      </dl>
      <h3>Consentimentos</h3>
      {info.data?.consentHistory.length ? (
        <ul className="consents">
          {info.data.consentHistory.map((k) => (
            <li key={k.id}>
              {PURPOSE_LABEL[k.purpose] ?? k.purpose}: <strong>{k.granted && !k.revokedAt ? "concedido" : "revogado"}</strong>
              <span className="muted"> · {dateTime(k.revokedAt ?? k.createdAt)} · {k.source}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nenhum registro.</p>
      )}
      <h3>Chamados</h3>
      {tickets.length ? (
        <ul>
          {tickets.map((t) => (
            <li key={t.id}>
              <Link to={`/chamados/${t.id}`}>{t.subject ?? "Sem assunto"}</Link> <span className="muted">{TICKET_STATUS_LABEL[t.status] ?? t.status}</span>
              {t.documents.length > 0 && <span className="muted"> · {t.documents.length} documento(s)</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nenhum chamado.</p>
      )}
      <h3>LGPD</h3>
      <div className="lgpd">
        {me.role !== "AGENT" && (
          <button type="button" onClick={() => void exportData()}>
            Exportar dados
          </button>
        )}
        <label>
          Tipo de solicitação
          <select value={dsrType} onChange={(e) => setDsrType(e.target.value)}>
            {Object.entries(DSR_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={dsr.fetching}
          onClick={async () => {
            const r = await requestDsr({ input: { clientId, type: dsrType as never, reason: "Solicitado pelo titular no atendimento" } });
            setMessage(r.data ? `Solicitação registrada; prazo: ${dateTime(r.data.requestDataSubjectAction.dueAt)}.` : errorText(r.error));
          }}
        >
          Abrir solicitação do titular
        </button>
        {message && <p role="status">{message}</p>}
      </div>
    </aside>
  );
}
