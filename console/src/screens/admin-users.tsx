import { useState } from "react";
import { useForm } from "react-hook-form";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { AVAILABILITY_LABEL, dateTime, ROLE_LABEL } from "../lib/format";
import { errorText } from "../lib/live";

const Users = graphql(`query ConsoleUsers { users { id name email role availability twoFactorEnabled deactivatedAt createdAt } }`);
const CreateUser = graphql(`mutation ConsoleCreateUser($input: CreateUserInput!) { createUser(input: $input) { id } }`);
const ChangeRole = graphql(`mutation ConsoleChangeRole($id: ID!, $role: Role!, $totpCode: String) { changeUserRole(id: $id, role: $role, totpCode: $totpCode) { id role } }`);
const Deactivate = graphql(`mutation ConsoleDeactivate($id: ID!, $totpCode: String) { deactivateUser(id: $id, totpCode: $totpCode) { id deactivatedAt } }`);
const Keys = graphql(`query ConsoleApiKeys { apiKeys { id name role createdAt lastUsedAt } }`);
const CreateKey = graphql(`mutation ConsoleCreateKey($name: String!, $role: Role!, $totpCode: String) { createApiKey(name: $name, role: $role, totpCode: $totpCode) { token apiKey { id name } } }`);
const RevokeKey = graphql(`mutation ConsoleRevokeKey($id: ID!) { revokeApiKey(id: $id) }`);

const ROLES = ["AGENT", "SUPERVISOR", "ADMIN"] as const;

/** Users: create, change role, deactivate; availability shown. Step-up codes asked when the admin has 2FA. */
export function UsersAdmin() {
  const [list, refetch] = useQuery({ query: Users });
  const [created, createUser] = useMutation(CreateUser);
  const [roleState, changeRole] = useMutation(ChangeRole);
  const [deact, deactivate] = useMutation(Deactivate);
  const [code, setCode] = useState("");
  const { register, handleSubmit, reset } = useForm<{ name: string; email: string; password: string; role: string }>({ defaultValues: { role: "AGENT" } });
  const totpCode = code.trim() || null;
  const failure = errorText(created.error ?? roleState.error ?? deact.error);
  return (
    <div>
      <h2>Usuários</h2>
      <label className="inline">
        Código de verificação (se a sua conta usa duas etapas)
        <input inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      {failure && <p className="error" role="alert">{failure}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Nome</th>
              <th>E-mail</th>
              <th>Papel</th>
              <th>Disponibilidade</th>
              <th>Desde</th>
              <th>Ações</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.users.map((u) => (
              <tr key={u.id} className={u.deactivatedAt ? "muted" : ""}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <select aria-label={`Papel de ${u.name}`} value={u.role} disabled={Boolean(u.deactivatedAt)} onChange={(e) => void changeRole({ id: u.id, role: e.target.value as never, totpCode })}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABEL[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{u.deactivatedAt ? "Desativado" : AVAILABILITY_LABEL[u.availability]}</td>
                <td>{dateTime(u.createdAt)}</td>
                <td>
                  {!u.deactivatedAt && (
                    <button type="button" className="danger" onClick={() => void deactivate({ id: u.id, totpCode }).then(() => refetch({ requestPolicy: "network-only" }))}>
                      Desativar
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="card wide"
        onSubmit={handleSubmit(async (v) => {
          const r = await createUser({ input: { name: v.name, email: v.email, password: v.password, role: v.role as never } });
          if (r.data) (reset({ role: v.role }), refetch({ requestPolicy: "network-only" }));
        })}
      >
        <h3>Novo usuário</h3>
        <label>
          Nome
          <input {...register("name", { required: true })} />
        </label>
        <label>
          E-mail
          <input type="email" {...register("email", { required: true })} />
        </label>
        <label>
          Senha inicial
          <input type="password" autoComplete="new-password" {...register("password", { required: true })} />
        </label>
        <label>
          Papel
          <select {...register("role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={created.fetching}>
          Criar usuário
        </button>
      </form>
    </div>
  );
}

/** API keys: created with the token shown once; revoke. */
export function ApiKeysAdmin() {
  const [list, refetch] = useQuery({ query: Keys });
  const [created, createKey] = useMutation(CreateKey);
  const [revoked, revoke] = useMutation(RevokeKey);
  const [name, setName] = useState("");
  const [role, setRole] = useState("INTEGRATOR");
  const [code, setCode] = useState("");
  const [token, setToken] = useState<string | null>(null);
  return (
    <div>
      <h2>Chaves de API</h2>
      {token && (
        <div className="once" role="alert">
          <p>Copie a chave agora; ela não será mostrada de novo.</p>
          <code>{token}</code> <button type="button" onClick={() => setToken(null)}>Já copiei</button>
        </div>
      )}
      {(created.error || revoked.error) && <p className="error" role="alert">{errorText(created.error ?? revoked.error)}</p>}
      <ul className="cards">
        {list.data?.apiKeys.map((k) => (
          <li key={k.id}>
            <strong>{k.name}</strong> <span className="muted">{ROLE_LABEL[k.role] ?? k.role} · criada {dateTime(k.createdAt)} · último uso {dateTime(k.lastUsedAt)}</span>{" "}
            <button type="button" className="danger" onClick={() => void revoke({ id: k.id }).then(() => refetch({ requestPolicy: "network-only" }))}>
              Revogar
            </button>
          </li>
        ))}
      </ul>
      <form
        className="card wide"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await createKey({ name, role: role as never, totpCode: code.trim() || null });
          if (r.data) (setToken(r.data.createApiKey.token), setName(""), refetch({ requestPolicy: "network-only" }));
        }}
      >
        <h3>Nova chave</h3>
        <label>
          Nome da chave
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          Papel
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            {["INTEGRATOR", "AGENT", "SUPERVISOR"].map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Código de verificação (se exigido)
          <input inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          Criar chave
        </button>
      </form>
    </div>
  );
}
