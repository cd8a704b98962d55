import { useEffect } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { errorText } from "../lib/live";
import { setTimeZone } from "../lib/format";

const Settings = graphql(`
  query ConsoleSettings {
    tenantSettings {
      timezone agentCapacity autoAssign handoffKeywords holidays outOfHoursMessage retentionDays deletionGraceDays
      aiProvider aiModel aiSystemPrompt requireTwoFactorForAdmins requireAccessJustification
      businessHours { weekday opens closes }
      csatSurvey npsSurvey npsIntervalDays ticketCategories
    }
  }
`);
const Save = graphql(`mutation ConsoleSaveSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { timezone } }`);

const WEEKDAYS = ["Domingo", "Segunda", "Terça", "Quarta", "Quinta", "Sexta", "Sábado"];

type Form = {
  timezone: string;
  agentCapacity: number;
  autoAssign: boolean;
  keywords: string;
  holidays: string;
  outOfHoursMessage: string;
  retentionDays: number;
  deletionGraceDays: number;
  aiProvider: string;
  aiModel: string;
  aiSystemPrompt: string;
  hours: Array<{ weekday: number; opens: string; closes: string }>;
  csatSurvey: boolean;
  npsSurvey: boolean;
  npsIntervalDays: number;
  ticketCategories: string;
};

/** Tenant settings: business hours (per weekday) and holidays, handoff keywords, AI provider/model/prompt, retention. */
export function SettingsAdmin() {
  const [r] = useQuery({ query: Settings });
  const [saved, save] = useMutation(Save);
  const { register, handleSubmit, reset, control } = useForm<Form>();
  const hours = useFieldArray({ control, name: "hours" });
  const s = r.data?.tenantSettings;
  useEffect(() => {
    if (!s) return;
    reset({
      timezone: s.timezone,
      agentCapacity: s.agentCapacity,
      autoAssign: s.autoAssign,
      keywords: s.handoffKeywords.join(", "),
      holidays: s.holidays.join("\n"),
      outOfHoursMessage: s.outOfHoursMessage,
      retentionDays: s.retentionDays,
      deletionGraceDays: s.deletionGraceDays,
      aiProvider: s.aiProvider,
      aiModel: s.aiModel ?? "",
      aiSystemPrompt: s.aiSystemPrompt ?? "",
      hours: s.businessHours.map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes })),
      csatSurvey: s.csatSurvey,
      npsSurvey: s.npsSurvey,
      npsIntervalDays: s.npsIntervalDays,
      ticketCategories: s.ticketCategories.join(", "),
    });
  }, [s, reset]);
  if (!s) return r.error ? <p className="error">{errorText(r.error)}</p> : <p role="status">Carregando…</p>;
  const submit = handleSubmit(async (v) => {
    const r = await save({
      input: {
        timezone: v.timezone,
        agentCapacity: Number(v.agentCapacity),
        autoAssign: v.autoAssign,
        handoffKeywords: v.keywords.split(",").map((k) => k.trim()).filter(Boolean),
        holidays: v.holidays.split(/\s+/).map((k) => k.trim()).filter(Boolean),
        outOfHoursMessage: v.outOfHoursMessage,
        retentionDays: Number(v.retentionDays),
        deletionGraceDays: Number(v.deletionGraceDays),
        aiProvider: v.aiProvider,
        aiModel: v.aiModel || null,
        aiSystemPrompt: v.aiSystemPrompt || null,
        businessHours: v.hours.map((h) => ({ weekday: Number(h.weekday), opens: h.opens, closes: h.closes })),
        csatSurvey: v.csatSurvey,
        npsSurvey: v.npsSurvey,
        npsIntervalDays: Number(v.npsIntervalDays),
        ticketCategories: v.ticketCategories.split(",").map((k) => k.trim()).filter(Boolean),
      },
    });
    if (r.data) setTimeZone(r.data.updateTenantSettings.timezone);
  });
  return (
    <form className="card wide settings" onSubmit={submit}>
      <h2>Configurações da empresa</h2>
      <label>
        Fuso horário
        <input {...register("timezone")} />
      </label>
      <fieldset>
        <legend>Horário de atendimento</legend>
        {hours.fields.length === 0 && <p className="muted">Sem horários: sempre aberto.</p>}
        {hours.fields.map((f, i) => (
          <div key={f.id} className="row">
            <select aria-label="Dia da semana" {...register(`hours.${i}.weekday`)}>
              {WEEKDAYS.map((d, n) => (
                <option key={d} value={n}>
                  {d}
                </option>
              ))}
            </select>
            <input type="time" aria-label="Abre" {...register(`hours.${i}.opens`)} />
            <input type="time" aria-label="Fecha" {...register(`hours.${i}.closes`)} />
            <button type="button" onClick={() => hours.remove(i)}>
              Remover
            </button>
          </div>
        ))}
        <button type="button" onClick={() => hours.append({ weekday: 1, opens: "08:00", closes: "18:00" })}>
          Adicionar horário
        </button>
      </fieldset>
      <label>
        Feriados (AAAA-MM-DD, um por linha)
        <textarea rows={3} {...register("holidays")} />
      </label>
      <label>
        Mensagem fora do horário
        <textarea rows={2} {...register("outOfHoursMessage")} />
      </label>
      <label>
        Palavras que pedem um atendente (separadas por vírgula)
        <input {...register("keywords")} />
      </label>
      <label>
        Capacidade por agente
        <input type="number" min={1} {...register("agentCapacity")} />
      </label>
      <label className="check">
        <input type="checkbox" {...register("autoAssign")} /> Distribuir automaticamente
      </label>
      <label>
        Provedor de IA
        <input {...register("aiProvider")} />
      </label>
      <label>
        Modelo de IA
        <input {...register("aiModel")} />
      </label>
      <label>
        Instruções do assistente
        <textarea rows={4} {...register("aiSystemPrompt")} />
      </label>
      <label>
        Retenção de dados (dias)
        <input type="number" min={1} {...register("retentionDays")} />
      </label>
      <label>
        Carência para exclusão (dias)
        <input type="number" min={0} {...register("deletionGraceDays")} />
      </label>
      <label>
        Categorias de chamado (separadas por vírgula)
        <input {...register("ticketCategories")} />
      </label>
      <fieldset>
        <legend>Pesquisas de satisfação</legend>
        <label className="inline">
          <input type="checkbox" {...register("csatSurvey")} /> Enviar CSAT (1 a 5) ao encerrar o atendimento
        </label>
        <label className="inline">
          <input type="checkbox" {...register("npsSurvey")} /> Enviar NPS (0 a 10), só com consentimento de contato
        </label>
        <label>
          Intervalo mínimo entre NPS do mesmo cliente (dias)
          <input type="number" min={1} {...register("npsIntervalDays")} />
        </label>
      </fieldset>
      {saved.error && <p className="error" role="alert">{errorText(saved.error)}</p>}
      {saved.data && !saved.error && <p role="status">Configurações salvas.</p>}
      <button type="submit" className="primary" disabled={saved.fetching}>
        Salvar
      </button>
    </form>
  );
}
