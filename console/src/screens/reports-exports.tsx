import { useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { AnalyticsExportFormat, ExportKind, ReportFrequency } from "../gql/graphql";
import { dateTime, number } from "../lib/format";
import { errorText } from "../lib/live";
import type { Period } from "./reports";

const Exports = graphql(`
  query ConsoleExports {
    exports(first: 20) { edges { node { id kind format status from to rows personalData url urlExpiresAt error createdAt completedAt } } }
  }
`);
const StartExport = graphql(`
  mutation ConsoleStartExport($input: ExportInput!) { startExport(input: $input) { id kind format status from to rows personalData url urlExpiresAt error createdAt completedAt } }
`);
const Scheduled = graphql(`query ConsoleScheduledReport { scheduledReport { id frequency weekday time email whatsappTo inboxId enabled lastSentAt lastError } inboxes { id name channel } }`);
const SetScheduled = graphql(`
  mutation ConsoleSetScheduledReport($input: ScheduledReportInput!) { setScheduledReport(input: $input) { id frequency weekday time email whatsappTo inboxId enabled lastSentAt lastError } }
`);

const KIND: Array<[ExportKind, string]> = [["MEASURES", "Indicadores"], ["CONVERSATIONS", "Conversas"], ["TICKETS", "Chamados"], ["MESSAGES", "Mensagens (metadados)"], ["SURVEYS", "Pesquisas de satisfação"]];
const KIND_LABEL = Object.fromEntries(KIND) as Record<string, string>;
const STATUS_LABEL: Record<string, string> = { PENDING: "Na fila", RUNNING: "Gerando…", DONE: "Pronta", FAILED: "Falhou" };
const WEEKDAY = ["Domingo", "Segunda-feira", "Terça-feira", "Quarta-feira", "Quinta-feira", "Sexta-feira", "Sábado"];

/** Exports: start one for the chosen period; the list refreshes every 2 s while one is still being produced. */
export function ExportsPanel({ period }: { period: Period }) {
  const [kind, setKind] = useState<ExportKind>("MEASURES");
  const [format, setFormat] = useState<AnalyticsExportFormat>("CSV");
  const [list, refetch] = useQuery({ query: Exports, requestPolicy: "cache-and-network" });
  const [started, start] = useMutation(StartExport);
  const items = list.data?.exports.edges.map((e) => e.node) ?? [];
  const working = items.some((x) => x.status === "PENDING" || x.status === "RUNNING");
  useEffect(() => {
    if (!working) return;
    const t = setInterval(() => refetch({ requestPolicy: "network-only" }), 2000);
    return () => clearInterval(t);
  }, [working, refetch]);

  return (
    <section aria-labelledby="rel-exportacoes">
      <h2 id="rel-exportacoes">Exportações</h2>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await start({ input: { kind, format, from: period.from, to: period.to } });
          if (r.data) refetch({ requestPolicy: "network-only" });
        }}
      >
        <label>
          Tipo
          <select value={kind} onChange={(e) => setKind(e.target.value as ExportKind)}>
            {KIND.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Formato
          <select value={format} onChange={(e) => setFormat(e.target.value as AnalyticsExportFormat)}>
            <option value="CSV">CSV</option>
            <option value="JSON">JSON</option>
          </select>
        </label>
        <button type="submit" disabled={started.fetching}>
          Exportar
        </button>
        <span className="muted">Período escolhido acima.</span>
      </form>
      {started.error && <p className="error" role="alert">{errorText(started.error)}</p>}
      {list.error && <p className="error" role="alert">{errorText(list.error)}</p>}
      {items.length > 0 && (
        <ul className="exports" aria-label="Exportações">
          {items.map((x) => (
            <li key={x.id} data-status={x.status}>
              <strong>{KIND_LABEL[x.kind] ?? x.kind}</strong> ({x.format}) · {dateTime(x.from)} a {dateTime(x.to)} · <span role="status">{STATUS_LABEL[x.status] ?? x.status}</span>
              {x.personalData && <span className="muted"> · com dados pessoais</span>}
              {x.status === "DONE" && x.url && (
                <>
                  {" "}
                  · {number(x.rows)} linha(s) ·{" "}
                  <a href={x.url} download>
                    Baixar {x.format}
                  </a>
                  {x.urlExpiresAt && <span className="muted"> (link válido até {dateTime(x.urlExpiresAt)})</span>}
                </>
              )}
              {x.status === "FAILED" && x.error && <span className="error"> · {x.error}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The tenant's weekly (or daily) report, by e-mail and/or WhatsApp (admins). */
export function ScheduledReportForm() {
  const [current] = useQuery({ query: Scheduled });
  const [saved, save] = useMutation(SetScheduled);
  const s = current.data?.scheduledReport;
  const inboxes = (current.data?.inboxes ?? []).filter((i) => i.channel === "WHATSAPP");
  const [form, setForm] = useState<{ frequency: ReportFrequency; weekday: string; time: string; email: string; whatsappTo: string; inboxId: string; enabled: boolean } | null>(null);
  const f = form ?? {
    frequency: s?.frequency ?? "WEEKLY",
    weekday: String(s?.weekday ?? 1),
    time: s?.time ?? "08:00",
    email: s?.email ?? "",
    whatsappTo: s?.whatsappTo ?? "",
    inboxId: s?.inboxId ?? "",
    enabled: s?.enabled ?? true,
  };
  const set = (patch: Partial<typeof f>) => setForm({ ...f, ...patch });
  if (current.fetching && !current.data) return null;
  return (
    <section aria-labelledby="rel-agendado">
      <h2 id="rel-agendado">Relatório periódico</h2>
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await save({
            input: {
              frequency: f.frequency,
              weekday: f.frequency === "WEEKLY" ? Number(f.weekday) : null,
              time: f.time,
              email: f.email || null,
              whatsappTo: f.whatsappTo || null,
              inboxId: f.inboxId || null,
              enabled: f.enabled,
            },
          });
          if (r.data) setForm(null);
        }}
      >
        <label>
          Frequência
          <select value={f.frequency} onChange={(e) => set({ frequency: e.target.value as ReportFrequency })}>
            <option value="WEEKLY">Semanal</option>
            <option value="DAILY">Diário</option>
          </select>
        </label>
        {f.frequency === "WEEKLY" && (
          <label>
            Dia da semana
            <select value={f.weekday} onChange={(e) => set({ weekday: e.target.value })}>
              {WEEKDAY.map((d, i) => (
                <option key={d} value={String(i)}>
                  {d}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Horário
          <input type="time" value={f.time} onChange={(e) => set({ time: e.target.value })} required />
        </label>
        <label>
          E-mail do relatório
          <input type="email" value={f.email} onChange={(e) => set({ email: e.target.value })} />
        </label>
        <label>
          WhatsApp (número com DDI ou grupo)
          <input value={f.whatsappTo} onChange={(e) => set({ whatsappTo: e.target.value })} placeholder="5511999999999" />
        </label>
        <label>
          Caixa de WhatsApp
          <select value={f.inboxId} onChange={(e) => set({ inboxId: e.target.value })}>
            <option value="">—</option>
            {inboxes.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={f.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Ativo
        </label>
        <button type="submit" disabled={saved.fetching}>
          Salvar relatório periódico
        </button>
        {saved.error && <p className="error" role="alert">{errorText(saved.error)}</p>}
        {saved.data && <p role="status">Relatório periódico salvo.</p>}
        {s?.lastSentAt && <p className="muted">Último envio: {dateTime(s.lastSentAt)}</p>}
        {s?.lastError && <p className="error">Último erro: {s.lastError}</p>}
      </form>
    </section>
  );
}
