import { graphql } from "../gql";
import type { ConsoleMessageFragment } from "../gql/graphql";
import { DELIVERY_LABEL, OCR_LABEL, time } from "../lib/format";

graphql(`
  fragment ConsoleMessage on Message {
    id
    direction
    sender
    type
    text
    extractedText
    createdAt
    deliveryStatus
    deliveryError
    author { id name }
    attachments { id url mimeType fileName voice }
    document { id filename ocrStatus fields kind }
  }
`);

const SENDER_LABEL: Record<string, string> = { CLIENT: "Cliente", AI: "Assistente", AGENT: "Agente", SYSTEM: "Sistema" };
const TICKS: Record<string, string> = { PENDING: "◷", SENT: "✓", DELIVERED: "✓✓", READ: "✓✓", FAILED: "!" };

/** Every text here is rendered as text (React escapes it): a message can never inject markup. */
export function MessageBubble({ m }: { m: ConsoleMessageFragment }) {
  const mine = m.direction === "OUTBOUND";
  return (
    <li className={`msg ${m.sender.toLowerCase()} ${mine ? "out" : "in"}`} data-message-id={m.id}>
      <div className="meta">
        <span>{m.sender === "AGENT" && m.author ? m.author.name : (SENDER_LABEL[m.sender] ?? m.sender)}</span>
        <time dateTime={m.createdAt}>{time(m.createdAt)}</time>
      </div>
      {m.attachments.map((a) =>
        a.mimeType.startsWith("image/") ? (
          <img key={a.id} src={a.url} alt={a.fileName ?? "Imagem enviada"} loading="lazy" />
        ) : a.mimeType.startsWith("audio/") ? (
          <audio key={a.id} controls src={a.url} aria-label={a.voice ? "Mensagem de voz" : (a.fileName ?? "Áudio")} />
        ) : a.mimeType.startsWith("video/") ? (
          <video key={a.id} controls src={a.url} aria-label={a.fileName ?? "Vídeo"} />
        ) : (
          <a key={a.id} href={a.url} download={a.fileName ?? undefined}>
            📄 {a.fileName ?? "Arquivo"}
          </a>
        ),
      )}
      {m.text && <p className="text">{m.text}</p>}
      {m.extractedText && (
        <details className="extracted">
          <summary>{m.type === "AUDIO" ? "Transcrição" : "Texto lido (OCR)"}</summary>
          <p>{m.extractedText}</p>
        </details>
      )}
      {m.document && <DocumentFields doc={m.document} />}
      {mine && m.sender !== "SYSTEM" && (
        <span className={`tick ${m.deliveryStatus.toLowerCase()}`} data-status={m.deliveryStatus} title={m.deliveryError ?? DELIVERY_LABEL[m.deliveryStatus]} aria-label={DELIVERY_LABEL[m.deliveryStatus]}>
          {TICKS[m.deliveryStatus]}
        </span>
      )}
    </li>
  );
}

export function DocumentFields({ doc }: { doc: { filename: string; ocrStatus: string; fields?: unknown } }) {
  const fields = doc.fields && typeof doc.fields === "object" ? Object.entries(doc.fields as Record<string, unknown>) : [];
  return (
    <div className="doc">
      <strong>{doc.filename}</strong> <span className={`badge ocr-${doc.ocrStatus.toLowerCase()}`}>{OCR_LABEL[doc.ocrStatus] ?? doc.ocrStatus}</span>
      {fields.length > 0 && (
        <dl>
          {fields.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{typeof v === "string" || typeof v === "number" ? String(v) : JSON.stringify(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
