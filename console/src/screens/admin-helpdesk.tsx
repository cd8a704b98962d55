import { useState } from "react";
import { useForm } from "react-hook-form";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { errorText } from "../lib/live";

const Teams = graphql(`query ConsoleAdminTeams { teams { id name description members { id name } } users { id name role deactivatedAt } }`);
const CreateTeam = graphql(`mutation ConsoleCreateTeam($input: TeamInput!) { createTeam(input: $input) { id name } }`);
const DeleteTeam = graphql(`mutation ConsoleDeleteTeam($id: ID!) { deleteTeam(id: $id) }`);
const SetMembers = graphql(`mutation ConsoleSetTeamMembers($teamId: ID!, $userIds: [ID!]!) { setTeamMembers(teamId: $teamId, userIds: $userIds) { id members { id name } } }`);
const Canned = graphql(`query ConsoleAdminCanned { cannedReplies { id shortcut title body personal } }`);
const CreateCanned = graphql(`mutation ConsoleCreateCanned($input: CannedReplyInput!) { createCannedReply(input: $input) { id } }`);
const UpdateCanned = graphql(`mutation ConsoleUpdateCanned($id: ID!, $input: CannedReplyInput!) { updateCannedReply(id: $id, input: $input) { id shortcut title body personal } }`);
const DeleteCanned = graphql(`mutation ConsoleDeleteCanned($id: ID!) { deleteCannedReply(id: $id) }`);
const Labels = graphql(`query ConsoleAdminLabels { labels { id name color } }`);
const CreateLabel = graphql(`mutation ConsoleCreateLabel($input: LabelInput!) { createLabel(input: $input) { id } }`);
const UpdateLabel = graphql(`mutation ConsoleUpdateLabel($id: ID!, $input: LabelInput!) { updateLabel(id: $id, input: $input) { id name color } }`);
const DeleteLabel = graphql(`mutation ConsoleDeleteLabel($id: ID!) { deleteLabel(id: $id) }`);

/** Teams: create, delete, and pick their members. */
export function TeamsAdmin() {
  const [list, refetch] = useQuery({ query: Teams });
  const [created, createTeam] = useMutation(CreateTeam);
  const [members, setMembers] = useMutation(SetMembers);
  const [deleted, deleteTeam] = useMutation(DeleteTeam);
  const { register, handleSubmit, reset } = useForm<{ name: string; description: string }>();
  const users = (list.data?.users ?? []).filter((u) => !u.deactivatedAt && u.role !== "INTEGRATOR");
  const again = () => refetch({ requestPolicy: "network-only" });
  const failure = errorText(created.error ?? members.error ?? deleted.error);
  return (
    <div>
      <h2>Equipes</h2>
      {failure && <p className="error" role="alert">{failure}</p>}
      <ul className="cards">
        {list.data?.teams.map((t) => {
          return (
            <li key={t.id} className="card" aria-label={`Equipe ${t.name}`}>
              <h3>{t.name}</h3>
              {t.description && <p className="muted">{t.description}</p>}
              <TeamMembers key={t.members.map((m) => m.id).join()} members={t.members.map((m) => m.id)} users={users} onSave={(ids) => void setMembers({ teamId: t.id, userIds: ids }).then(again)} />
              <button type="button" className="danger" onClick={() => void deleteTeam({ id: t.id }).then(again)}>
                Excluir equipe
              </button>
            </li>
          );
        })}
      </ul>
      <form
        className="card wide"
        aria-label="Nova equipe"
        onSubmit={handleSubmit(async (v) => {
          const r = await createTeam({ input: { name: v.name, description: v.description || null } });
          if (r.data) (reset(), again());
        })}
      >
        <h3>Nova equipe</h3>
        <label>
          Nome da equipe
          <input {...register("name", { required: true })} />
        </label>
        <label>
          Descrição
          <input {...register("description")} />
        </label>
        <button type="submit" className="primary" disabled={created.fetching}>
          Criar equipe
        </button>
      </form>
    </div>
  );
}

/** Member checkboxes, updated at once (the list is refetched after the server answers). */
function TeamMembers({ members, users, onSave }: { members: string[]; users: Array<{ id: string; name: string }>; onSave: (ids: string[]) => void }) {
  const [inTeam, setInTeam] = useState(() => new Set(members));
  return (
    <fieldset>
      <legend>Membros</legend>
      {users.map((u) => (
        <label key={u.id} className="inline">
          <input
            type="checkbox"
            checked={inTeam.has(u.id)}
            onChange={(e) => {
              const next = new Set(inTeam);
              if (e.target.checked) next.add(u.id);
              else next.delete(u.id);
              setInTeam(next);
              onSave([...next]);
            }}
          />
          {u.name}
        </label>
      ))}
    </fieldset>
  );
}

type CannedForm = { shortcut: string; title: string; body: string; personal: boolean };

/** Canned replies: list, create, edit, delete. Variables are filled by the server when sent. */
export function CannedRepliesAdmin() {
  const [list, refetch] = useQuery({ query: Canned });
  const [created, create] = useMutation(CreateCanned);
  const [updated, update] = useMutation(UpdateCanned);
  const [deleted, remove] = useMutation(DeleteCanned);
  const [editing, setEditing] = useState<string | null>(null);
  const { register, handleSubmit, reset } = useForm<CannedForm>({ defaultValues: { personal: false } });
  const again = () => refetch({ requestPolicy: "network-only" });
  const failure = errorText(created.error ?? updated.error ?? deleted.error);
  return (
    <div>
      <h2>Respostas prontas</h2>
      <p className="muted">
        Variáveis: {"{{cliente.nome}}"}, {"{{atendente.nome}}"}, {"{{empresa.nome}}"}, {"{{protocolo}}"} — preenchidas pelo servidor no envio. Na conversa, digite / e o atalho.
      </p>
      {failure && <p className="error" role="alert">{failure}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Atalho</th>
              <th>Título</th>
              <th>Texto</th>
              <th>Escopo</th>
              <th>Ações</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.cannedReplies.map((c) => (
              <tr key={c.id}>
                <td>{c.shortcut}</td>
                <td>{c.title}</td>
                <td>{c.body}</td>
                <td>{c.personal ? "Pessoal" : "Da empresa"}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      setEditing(c.id);
                      reset({ shortcut: c.shortcut, title: c.title, body: c.body, personal: c.personal });
                    }}
                  >
                    Editar
                  </button>
                  <button type="button" className="danger" onClick={() => void remove({ id: c.id }).then(again)}>
                    Excluir
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="card wide"
        aria-label={editing ? "Editar resposta pronta" : "Nova resposta pronta"}
        onSubmit={handleSubmit(async (v) => {
          const input = { shortcut: v.shortcut, title: v.title, body: v.body, personal: v.personal };
          const r = editing ? await update({ id: editing, input }) : await create({ input });
          if (r.data) (reset({ shortcut: "", title: "", body: "", personal: false }), setEditing(null), again());
        })}
      >
        <h3>{editing ? "Editar resposta pronta" : "Nova resposta pronta"}</h3>
        <label>
          Atalho
          <input placeholder="/boleto" {...register("shortcut", { required: true })} />
        </label>
        <label>
          Título
          <input {...register("title", { required: true })} />
        </label>
        <label>
          Texto da resposta
          <textarea rows={3} {...register("body", { required: true })} />
        </label>
        <label className="inline">
          <input type="checkbox" {...register("personal")} /> Só para mim
        </label>
        <button type="submit" className="primary" disabled={created.fetching || updated.fetching}>
          {editing ? "Salvar resposta" : "Criar resposta"}
        </button>
      </form>
    </div>
  );
}

/** Labels with their colour: create, rename/recolour, delete. */
export function LabelsAdmin() {
  const [list, refetch] = useQuery({ query: Labels });
  const [created, create] = useMutation(CreateLabel);
  const [updated, update] = useMutation(UpdateLabel);
  const [deleted, remove] = useMutation(DeleteLabel);
  const { register, handleSubmit, reset } = useForm<{ name: string; color: string }>({ defaultValues: { color: "#2e90fa" } });
  const again = () => refetch({ requestPolicy: "network-only" });
  const failure = errorText(created.error ?? updated.error ?? deleted.error);
  return (
    <div>
      <h2>Etiquetas</h2>
      {failure && <p className="error" role="alert">{failure}</p>}
      <ul className="chips">
        {list.data?.labels.map((l) => (
          <li key={l.id} className="chip" style={{ borderColor: l.color }}>
            <input type="color" aria-label={`Cor de ${l.name}`} value={l.color} onChange={(e) => void update({ id: l.id, input: { name: l.name, color: e.target.value } })} />
            {l.name}
            <button type="button" aria-label={`Excluir etiqueta ${l.name}`} onClick={() => void remove({ id: l.id }).then(again)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="card wide"
        aria-label="Nova etiqueta"
        onSubmit={handleSubmit(async (v) => {
          const r = await create({ input: { name: v.name, color: v.color } });
          if (r.data) (reset({ name: "", color: v.color }), again());
        })}
      >
        <label>
          Nome da etiqueta
          <input {...register("name", { required: true })} />
        </label>
        <label>
          Cor
          <input type="color" {...register("color")} />
        </label>
        <button type="submit" className="primary" disabled={created.fetching}>
          Criar etiqueta
        </button>
      </form>
    </div>
  );
}
