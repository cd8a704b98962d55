import { useState } from "react";
import { useForm } from "react-hook-form";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { CHANNEL_LABEL, dateTime, PRIORITY_LABEL } from "../lib/format";
import { errorText } from "../lib/live";

const Sla = graphql(`query ConsoleSlaPolicies { slaPolicies { id priority firstResponseMinutes resolutionMinutes warnBeforeMinutes pauseWhileWaitingCustomer team { id name } } teams { id name } }`);
const SetSla = graphql(`mutation ConsoleSetSla($input: SlaPolicyInput!) { setSlaPolicy(input: $input) { id } }`);
const Rules = graphql(`query ConsoleRoutingRules { routingRules { id name order enabled priority team { id name } match { intents channels keywords } } teams { id name } }`);
const CreateRule = graphql(`mutation ConsoleCreateRule($input: RoutingRuleInput!) { createRoutingRule(input: $input) { id } }`);
const DeleteRule = graphql(`mutation ConsoleDeleteRule($id: ID!) { deleteRoutingRule(id: $id) }`);
const Hooks = graphql(`query ConsoleWebhooks { webhookSubscriptions { id url events enabled description consecutiveFailures disabledAt disabledReason createdAt } }`);
const CreateHook = graphql(`mutation ConsoleCreateWebhook($input: WebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { id } } }`);
const Deliveries = graphql(`query ConsoleWebhookDeliveries($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 50) { edges { node { id eventType status responseStatus attempts lastError createdAt deliveredAt } } } }`);
const Redeliver = graphql(`mutation ConsoleRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }`);

const PRIORITIES = ["URGENT", "HIGH", "MEDIUM", "LOW"] as const;
const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

/** SLA policies per priority (and optionally per team), in business minutes. */
export function SlaAdmin() {
  const [r, refetch] = useQuery({ query: Sla });
  const [saved, save] = useMutation(SetSla);
  const { register, handleSubmit } = useForm<{ priority: string; teamId: string; first: number; resolution: number; warn: number; pause: boolean }>({
    defaultValues: { priority: "MEDIUM", first: 60, resolution: 480, warn: 15, pause: true },
  });
  return (
    <div>
      <h2>Políticas de SLA</h2>
      <p className="muted">Em minutos úteis (horário de atendimento e feriados da empresa).</p>
      {saved.error && <p className="error" role="alert">{errorText(saved.error)}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Prioridade</th>
              <th>Equipe</th>
              <th>1ª resposta</th>
              <th>Resolução</th>
              <th>Aviso antes</th>
              <th>Pausa aguardando cliente</th>
            </tr>
          </thead>
          <tbody>
            {r.data?.slaPolicies.map((p) => (
              <tr key={p.id}>
                <td>{PRIORITY_LABEL[p.priority]}</td>
                <td>{p.team?.name ?? "Todas"}</td>
                <td>{p.firstResponseMinutes} min</td>
                <td>{p.resolutionMinutes} min</td>
                <td>{p.warnBeforeMinutes} min</td>
                <td>{p.pauseWhileWaitingCustomer ? "Sim" : "Não"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="card wide"
        aria-label="Definir política de SLA"
        onSubmit={handleSubmit(async (v) => {
          const input = {
            priority: v.priority as (typeof PRIORITIES)[number],
            teamId: v.teamId || null,
            firstResponseMinutes: Number(v.first),
            resolutionMinutes: Number(v.resolution),
            warnBeforeMinutes: Number(v.warn),
            pauseWhileWaitingCustomer: v.pause,
          };
          const res = await save({ input });
          if (res.data) refetch({ requestPolicy: "network-only" });
        })}
      >
        <label>
          Prioridade
          <select {...register("priority")}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABEL[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Equipe
          <select {...register("teamId")}>
            <option value="">Todas</option>
            {r.data?.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Primeira resposta (minutos)
          <input type="number" min={1} {...register("first")} />
        </label>
        <label>
          Resolução (minutos)
          <input type="number" min={1} {...register("resolution")} />
        </label>
        <label>
          Avisar antes (minutos)
          <input type="number" min={0} {...register("warn")} />
        </label>
        <label className="inline">
          <input type="checkbox" {...register("pause")} /> Pausar enquanto aguarda o cliente
        </label>
        <button type="submit" className="primary" disabled={saved.fetching}>
          Salvar política
        </button>
      </form>
    </div>
  );
}

/** Routing rules: intent / channel / keyword → team, in order. */
export function RoutingAdmin() {
  const [r, refetch] = useQuery({ query: Rules });
  const [created, create] = useMutation(CreateRule);
  const [deleted, remove] = useMutation(DeleteRule);
  const again = () => refetch({ requestPolicy: "network-only" });
  const { register, handleSubmit, reset } = useForm<{ name: string; teamId: string; intents: string; keywords: string; channel: string; order: number }>({ defaultValues: { order: 0 } });
  return (
    <div>
      <h2>Regras de roteamento</h2>
      {(created.error || deleted.error) && <p className="error" role="alert">{errorText(created.error ?? deleted.error)}</p>}
      <ol>
        {r.data?.routingRules.map((x) => (
          <li key={x.id}>
            <strong>{x.name ?? "Regra"}</strong> → equipe {x.team.name}
            <span className="muted">
              {" "}
              {[x.match.intents.length ? `intenções: ${x.match.intents.join(", ")}` : "", x.match.channels.length ? `canais: ${x.match.channels.map((c) => CHANNEL_LABEL[c] ?? c).join(", ")}` : "", x.match.keywords.length ? `palavras: ${x.match.keywords.join(", ")}` : ""].filter(Boolean).join(" · ")}
              {x.enabled ? "" : " (desativada)"}
            </span>{" "}
            <button type="button" className="danger" onClick={() => void remove({ id: x.id }).then(again)}>
              Excluir regra
            </button>
          </li>
        ))}
      </ol>
      <form
        className="card wide"
        aria-label="Nova regra de roteamento"
        onSubmit={handleSubmit(async (v) => {
          const match = { intents: list(v.intents), keywords: list(v.keywords), channels: v.channel ? [v.channel as "WHATSAPP"] : [] };
          const res = await create({ input: { name: v.name || null, teamId: v.teamId, order: Number(v.order), match } });
          if (res.data) (reset({ order: 0 }), again());
        })}
      >
        <label>
          Nome da regra
          <input {...register("name")} />
        </label>
        <label>
          Equipe de destino
          <select {...register("teamId", { required: true })}>
            {r.data?.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Intenções (separadas por vírgula, ex.: payment_status)
          <input {...register("intents")} />
        </label>
        <label>
          Palavras-chave (separadas por vírgula)
          <input {...register("keywords")} />
        </label>
        <label>
          Canal
          <select {...register("channel")}>
            <option value="">Qualquer</option>
            {Object.entries(CHANNEL_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Ordem
          <input type="number" {...register("order")} />
        </label>
        <button type="submit" className="primary" disabled={created.fetching}>
          Criar regra
        </button>
      </form>
    </div>
  );
}

const EVENTS = ["ticket.created", "ticket.updated", "handoff.created", "handoff.assigned", "handoff.completed", "message.created", "client.created", "survey.answered", "dsr.completed"];
const DELIVERY_STATUS: Record<string, string> = { PENDING: "Pendente", SUCCEEDED: "Entregue", FAILED: "Falhou" };

function DeliveryLog({ id }: { id: string }) {
  const [r, refetch] = useQuery({ query: Deliveries, variables: { id }, requestPolicy: "network-only" });
  const [again, redeliver] = useMutation(Redeliver);
  return (
    <div className="table-wrap">
      {again.error && <p className="error" role="alert">{errorText(again.error)}</p>}
      <table aria-label="Entregas">
        <thead>
          <tr>
            <th>Evento</th>
            <th>Situação</th>
            <th>Resposta</th>
            <th>Tentativas</th>
            <th>Criada em</th>
            <th>Ações</th>
          </tr>
        </thead>
        <tbody>
          {r.data?.webhookDeliveries.edges.map(({ node: d }) => (
            <tr key={d.id}>
              <td>{d.eventType}</td>
              <td>{DELIVERY_STATUS[d.status] ?? d.status}</td>
              <td>{d.responseStatus ?? d.lastError ?? "—"}</td>
              <td>{d.attempts}</td>
              <td>{dateTime(d.createdAt)}</td>
              <td>
                <button type="button" onClick={() => void redeliver({ id: d.id }).then(() => refetch({ requestPolicy: "network-only" }))}>
                  Reenviar
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Integrator webhooks: create (secret shown once), delivery log, manual redelivery. */
export function WebhooksAdmin() {
  const [r, refetch] = useQuery({ query: Hooks });
  const [created, create] = useMutation(CreateHook);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const { register, handleSubmit, reset } = useForm<{ url: string; description: string; events: string[] }>({ defaultValues: { events: [] } });
  return (
    <div>
      <h2>Webhooks para integradores</h2>
      <p className="muted">Assinados no padrão Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).</p>
      {created.error && <p className="error" role="alert">{errorText(created.error)}</p>}
      {secret && (
        <p className="dialog" role="status">
          Segredo de assinatura (mostrado só agora; guarde-o): <code>{secret}</code>
        </p>
      )}
      <ul className="cards">
        {r.data?.webhookSubscriptions.map((w) => (
          <li key={w.id} className="card">
            <strong>{w.url}</strong> {w.enabled ? <span className="badge">Ativo</span> : <span className="badge">Desativado{w.disabledReason ? `: ${w.disabledReason}` : ""}</span>}
            <p className="muted">
              {w.events.join(", ")}
              {w.consecutiveFailures ? ` · ${w.consecutiveFailures} falha(s) seguidas` : ""}
            </p>
            <button type="button" onClick={() => setOpen(open === w.id ? null : w.id)}>
              {open === w.id ? "Ocultar entregas" : "Ver entregas"}
            </button>
            {open === w.id && <DeliveryLog id={w.id} />}
          </li>
        ))}
      </ul>
      <form
        className="card wide"
        aria-label="Novo webhook"
        onSubmit={handleSubmit(async (v) => {
          const res = await create({ input: { url: v.url, description: v.description || null, events: v.events } });
          if (res.data) {
            setSecret(res.data.createWebhookSubscription.secret);
            reset({ url: "", description: "", events: [] });
            refetch({ requestPolicy: "network-only" });
          }
        })}
      >
        <label>
          URL de destino
          <input type="url" {...register("url", { required: true })} />
        </label>
        <label>
          Descrição
          <input {...register("description")} />
        </label>
        <fieldset>
          <legend>Eventos</legend>
          {EVENTS.map((e) => (
            <label key={e} className="inline">
              <input type="checkbox" value={e} {...register("events")} /> {e}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={created.fetching}>
          Criar webhook
        </button>
      </form>
    </div>
  );
}
