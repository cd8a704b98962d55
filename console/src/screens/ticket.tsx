import { useState } from "react";
import { useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { dateTime, percent, PRIORITY_LABEL, TICKET_STATUS_LABEL } from "../lib/format";
import { errorText, useLive } from "../lib/live";
import { DocumentFields } from "./messages";
import { TicketWork } from "./ticket-work";

const Ticket = graphql(`
  query ConsoleTicket($id: ID!) {
    ticket(id: $id) {
      id subject message status priority channel createdAt updatedAt
      client { id name }
      assignee { id name }
      team { id name } category dueAt labels { id name color }
      triage { intent confidence priority needsHuman provider reasons }
      comments { id text system createdAt author { id name } }
      documents { id filename ocrStatus fields kind }
    }
  }
`);
const Comment = graphql(`mutation ConsoleTicketComment($ticketId: ID!, $text: String!) { addTicketComment(ticketId: $ticketId, text: $text) { id } }`);
const Status = graphql(`mutation ConsoleTicketStatus($id: ID!, $status: TicketStatus!) { updateTicketStatus(id: $id, status: $status) { id status } }`);
const Upload = graphql(`mutation ConsoleUpload($file: Upload!, $input: UploadDocumentInput!) { uploadDocument(file: $file, input: $input) { id filename ocrStatus fields kind } }`);
const DocUpdated = graphql(`subscription ConsoleDocumentUpdated { documentUpdated { id filename ocrStatus fields kind } }`);

/** One ticket: triage, comments and status changes, documents with live OCR progress. */
export default function TicketScreen() {
  const { id = "" } = useParams();
  const [r, refetch] = useQuery({ query: Ticket, variables: { id } });
  const [comment, addComment] = useMutation(Comment);
  const [status, setStatus] = useMutation(Status);
  const [upload, uploadDocument] = useMutation(Upload);
  const [text, setText] = useState("");
  const [kind, setKind] = useState("OTHER");
  useLive(DocUpdated, {}, (e) => {
    if (r.data?.ticket?.documents.some((d) => d.id === e.documentUpdated.id)) refetch({ requestPolicy: "network-only" });
  });
  const t = r.data?.ticket;
  if (!t) return r.fetching ? <p role="status">Carregando…</p> : <p className="error">{errorText(r.error) ?? "Chamado não encontrado."}</p>;
  const failure = errorText(comment.error ?? status.error ?? upload.error);
  return (
    <section className="ticket">
      <h1>{t.subject ?? "Chamado sem assunto"}</h1>
      <p className="muted">
        {t.client.name} · aberto em {dateTime(t.createdAt)} · {PRIORITY_LABEL[t.priority]}
      </p>
      <p className="text">{t.message}</p>
      <p>
        Triagem: <strong>{t.triage.intent}</strong> ({percent(t.triage.confidence)}, {t.triage.provider}){t.triage.reasons?.length ? ` — ${t.triage.reasons.join("; ")}` : ""}
      </p>
      <TicketWork key={`${t.id}:${t.dueAt ?? ""}:${t.category ?? ""}`} t={t} onChange={() => refetch({ requestPolicy: "network-only" })} />
      <label>
        Situação
        <select value={t.status} onChange={(e) => void setStatus({ id: t.id, status: e.target.value as never })}>
          {Object.entries(TICKET_STATUS_LABEL).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
      {failure && <p className="error" role="alert">{failure}</p>}
      <h2>Comentários</h2>
      <ul className="comments">
        {t.comments.map((c) => (
          <li key={c.id} className={c.system ? "system" : ""}>
            <strong>{c.system ? "Sistema" : (c.author?.name ?? "—")}</strong> <span className="muted">{dateTime(c.createdAt)}</span>
            <p>{c.text}</p>
          </li>
        ))}
      </ul>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!text.trim()) return;
          const res = await addComment({ ticketId: t.id, text: text.trim() });
          if (res.data) (setText(""), refetch({ requestPolicy: "network-only" }));
        }}
      >
        <label>
          Comentário
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} />
        </label>
        <button type="submit">Comentar</button>
      </form>
      <h2>Documentos</h2>
      <ul className="docs">
        {t.documents.map((d) => (
          <li key={d.id}>
            <DocumentFields doc={d} />
          </li>
        ))}
      </ul>
      <form className="upload" onSubmit={(e) => e.preventDefault()}>
        <label>
          Tipo
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="OTHER">Outro</option>
            <option value="CNPJ_CARD">Cartão CNPJ</option>
            <option value="PAYSLIP">Holerite</option>
            <option value="UTILITY_BILL">Conta de consumo</option>
          </select>
        </label>
        <label>
          Enviar documento
          <input
            type="file"
            accept="image/*,application/pdf"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              const res = await uploadDocument({ file, input: { ticketId: t.id, kind: kind as never } });
              if (res.data) refetch({ requestPolicy: "network-only" });
              e.target.value = "";
            }}
          />
        </label>
      </form>
    </section>
  );
}
