import { useState, type ReactNode } from "react";
import { NavLink, useNavigate } from "react-router";
import { useMutation } from "urql";
import { graphql } from "./gql";
import { AVAILABILITY_LABEL, ROLE_LABEL } from "./lib/format";
import { errorText, isAdmin, isSupervisor, useConnection, useMe } from "./lib/live";
import { logOut, updateMe } from "./lib/session";

const SetAvailability = graphql(`mutation ConsoleSetAvailability($availability: AgentAvailability!) { setAvailability(availability: $availability) { id availability } }`);

export function Layout({ children }: { children: ReactNode }) {
  const me = useMe()!;
  const navigate = useNavigate();
  const conn = useConnection();
  const [menuOpen, setMenuOpen] = useState(false);
  const [{ error }, setAvailability] = useMutation(SetAvailability);

  const links: Array<[string, string]> = [["/fila", "Fila"], ["/conversas", "Conversas"], ["/chamados", "Chamados"]];
  if (isSupervisor(me)) links.push(["/painel", "Painel"]);
  if (isSupervisor(me)) links.push(["/relatorios", "Relatórios"]);
  if (isAdmin(me)) links.push(["/administracao", "Administração"]);

  return (
    <div className="shell" data-connection={conn.state}>
      <header className="topbar">
        <span className="brand">Atende</span>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <nav id="main-nav" aria-label="Principal" className={menuOpen ? "open" : ""} onClick={() => setMenuOpen(false)}>
          {links.map(([to, label]) => (
            <NavLink key={to} to={to}>
              {label}
            </NavLink>
          ))}
        </nav>
        <div className="me">
          <label className="availability">
            <span className="sr-only">Disponibilidade</span>
            <select
              aria-label="Disponibilidade"
              value={me.availability}
              onChange={async (e) => {
                const availability = e.target.value as typeof me.availability;
                const r = await setAvailability({ availability });
                if (r.data) updateMe({ availability: r.data.setAvailability.availability });
              }}
            >
              {Object.entries(AVAILABILITY_LABEL).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <span className="who" title={me.email}>
            {me.name} · {ROLE_LABEL[me.role] ?? me.role}
          </span>
          <button
            type="button"
            onClick={async () => {
              await logOut().catch(() => undefined);
              navigate("/entrar", { replace: true });
            }}
          >
            Sair
          </button>
        </div>
      </header>
      {conn.state === "reconnecting" && (
        <div className="banner" role="status">
          Reconectando…
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      <main>{children}</main>
    </div>
  );
}
