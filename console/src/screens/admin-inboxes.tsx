import { useState } from "react";
import { useForm } from "react-hook-form";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { dateTime } from "../lib/format";
import { errorText, useLive } from "../lib/live";

const Inboxes = graphql(`query ConsoleInboxes { inboxes { id name provider channel connectionState webhookUrl webhookPath disabledAt createdAt } }`);
const Create = graphql(`
  mutation ConsoleCreateInbox($input: CreateInboxInput!) {
    createInbox(input: $input) { webhookSecret inbox { id name provider connectionState webhookUrl webhookPath } }
  }
`);
const InboxUpdated = graphql(`subscription ConsoleInboxUpdated { inboxUpdated { id connectionState disabledAt } }`);

const PROVIDERS: Array<[string, string]> = [["EVOLUTION", "WhatsApp (Evolution API)"], ["WHATSAPP_CLOUD", "WhatsApp (API oficial / Cloud)"], ["GENERIC_WEBHOOK", "Webhook genérico"]];
const STATE_LABEL: Record<string, string> = { CONNECTED: "Conectada", CONNECTING: "Conectando", DISCONNECTED: "Desconectada", UNKNOWN: "Desconhecido" };

type Form = {
  name: string;
  provider: string;
  baseUrl: string;
  instance: string;
  apiKey: string;
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  callbackUrl: string;
};

const absolute = (url: string | null | undefined, path: string) => url ?? new URL(path, location.origin).toString();

/** Inboxes: create (Evolution / Cloud API / generic), the webhook URL and the secret shown once, live connection state. */
export function InboxesAdmin() {
  const [list, refetch] = useQuery({ query: Inboxes });
  const [created, create] = useMutation(Create);
  const [shown, setShown] = useState<{ name: string; url: string; secret: string } | null>(null);
  const { register, handleSubmit, watch, reset } = useForm<Form>({ defaultValues: { provider: "EVOLUTION" } });
  const provider = watch("provider");
  // Connection changes patch the rows as they come (QR code read, phone offline…).
  const [live, setLive] = useState<Record<string, { state: string; disabled: boolean }>>({});
  useLive(InboxUpdated, {}, (e) => setLive((cur) => ({ ...cur, [e.inboxUpdated.id]: { state: e.inboxUpdated.connectionState, disabled: Boolean(e.inboxUpdated.disabledAt) } })));

  const submit = handleSubmit(async (v) => {
    const input =
      v.provider === "EVOLUTION"
        ? { name: v.name, provider: "EVOLUTION" as const, evolution: { baseUrl: v.baseUrl, instance: v.instance, apiKey: v.apiKey } }
        : v.provider === "WHATSAPP_CLOUD"
          ? { name: v.name, provider: "WHATSAPP_CLOUD" as const, whatsappCloud: { phoneNumberId: v.phoneNumberId, accessToken: v.accessToken, appSecret: v.appSecret, verifyToken: v.verifyToken } }
          : { name: v.name, provider: "GENERIC_WEBHOOK" as const, genericWebhook: { callbackUrl: v.callbackUrl || null } };
    const r = await create({ input });
    if (r.data) {
      const { inbox, webhookSecret } = r.data.createInbox;
      setShown({ name: inbox.name, url: absolute(inbox.webhookUrl, inbox.webhookPath), secret: webhookSecret });
      reset({ provider: v.provider });
      refetch({ requestPolicy: "network-only" });
    }
  });

  return (
    <div>
      <h2>Caixas de entrada</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Nome</th>
              <th>Provedor</th>
              <th>Conexão</th>
              <th>URL do webhook</th>
              <th>Criada em</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.inboxes.map((i) => (
              <tr key={i.id}>
                <td>{i.name}</td>
                <td>{PROVIDERS.find(([p]) => p === i.provider)?.[1] ?? i.provider}</td>
                <td>
                  <InboxState state={live[i.id]?.state ?? i.connectionState} disabled={live[i.id]?.disabled ?? Boolean(i.disabledAt)} />
                </td>
                <td>
                  <code>{absolute(i.webhookUrl, i.webhookPath)}</code>
                </td>
                <td>{dateTime(i.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown && (
        <div className="once" role="alert">
          <h3>Caixa “{shown.name}” criada</h3>
          <p>Configure no provedor. O segredo aparece só agora: copie e guarde-o.</p>
          <dl>
            <dt>URL do webhook</dt>
            <dd>
              <code data-testid="webhook-url">{shown.url}</code>
            </dd>
            <dt>Segredo do webhook</dt>
            <dd>
              <code>{shown.secret}</code>
            </dd>
          </dl>
          <button type="button" onClick={() => setShown(null)}>
            Já copiei
          </button>
        </div>
      )}
      <form className="card wide" onSubmit={submit}>
        <h3>Nova caixa de entrada</h3>
        <label>
          Nome
          <input {...register("name", { required: true })} />
        </label>
        <label>
          Provedor
          <select {...register("provider")}>
            {PROVIDERS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {provider === "EVOLUTION" && (
          <>
            <label>
              URL da Evolution API
              <input type="url" placeholder="https://evolution.suaempresa.com.br" {...register("baseUrl", { required: true })} />
            </label>
            <label>
              Instância
              <input {...register("instance", { required: true })} />
            </label>
            <label>
              Chave da API
              <input type="password" autoComplete="off" {...register("apiKey", { required: true })} />
            </label>
          </>
        )}
        {provider === "WHATSAPP_CLOUD" && (
          <>
            <label>
              ID do número de telefone
              <input {...register("phoneNumberId", { required: true })} />
            </label>
            <label>
              Token de acesso
              <input type="password" autoComplete="off" {...register("accessToken", { required: true })} />
            </label>
            <label>
              Segredo do app
              <input type="password" autoComplete="off" {...register("appSecret", { required: true })} />
            </label>
            <label>
              Token de verificação
              <input {...register("verifyToken", { required: true })} />
            </label>
          </>
        )}
        {provider === "GENERIC_WEBHOOK" && (
          <label>
            URL de retorno (opcional)
            <input type="url" {...register("callbackUrl")} />
          </label>
        )}
        {created.error && <p className="error" role="alert">{errorText(created.error)}</p>}
        <button type="submit" className="primary" disabled={created.fetching}>
          Criar caixa
        </button>
      </form>
    </div>
  );
}

function InboxState({ state, disabled }: { state: string; disabled: boolean }) {
  return <span className={`badge conn-${state.toLowerCase()}`}>{disabled ? "Desativada" : (STATE_LABEL[state] ?? state)}</span>;
}
