import { lazy, Suspense } from "react";
import { NavLink, Route, Routes } from "react-router";
import { InboxesAdmin } from "./admin-inboxes";
import { UsersAdmin, ApiKeysAdmin } from "./admin-users";
import { SettingsAdmin } from "./admin-settings";
import { AuditLogAdmin, DataAccessLogAdmin, RequestsAdmin } from "./admin-logs";

// The help-desk tabs load on demand (the admin chunk itself is already lazy).
const TeamsAdmin = lazy(() => import("./admin-helpdesk").then((m) => ({ default: m.TeamsAdmin })));
const CannedRepliesAdmin = lazy(() => import("./admin-helpdesk").then((m) => ({ default: m.CannedRepliesAdmin })));
const LabelsAdmin = lazy(() => import("./admin-helpdesk").then((m) => ({ default: m.LabelsAdmin })));
const SlaAdmin = lazy(() => import("./admin-automation").then((m) => ({ default: m.SlaAdmin })));
const RoutingAdmin = lazy(() => import("./admin-automation").then((m) => ({ default: m.RoutingAdmin })));
const WebhooksAdmin = lazy(() => import("./admin-automation").then((m) => ({ default: m.WebhooksAdmin })));

const TABS: Array<[string, string]> = [
  ["", "Caixas de entrada"],
  ["usuarios", "Usuários"],
  ["configuracoes", "Configurações"],
  ["equipes", "Equipes"],
  ["respostas", "Respostas prontas"],
  ["etiquetas", "Etiquetas"],
  ["roteamento", "Regras de roteamento"],
  ["sla", "SLA"],
  ["webhooks", "Webhooks"],
  ["chaves", "Chaves de API"],
  ["auditoria", "Auditoria"],
  ["acessos", "Acessos a dados"],
  ["solicitacoes", "Solicitações LGPD"],
];

/** Administration (ADMIN only; the server refuses the rest anyway). */
export default function AdminScreen() {
  return (
    <section className="admin">
      <h1>Administração</h1>
      <nav aria-label="Administração" className="tabs">
        {TABS.map(([to, label]) => (
          <NavLink key={to} to={`/administracao${to ? `/${to}` : ""}`} end>
            {label}
          </NavLink>
        ))}
      </nav>
      <Suspense fallback={<p role="status">Carregando…</p>}>
      <Routes>
        <Route index element={<InboxesAdmin />} />
        <Route path="usuarios" element={<UsersAdmin />} />
        <Route path="configuracoes" element={<SettingsAdmin />} />
        <Route path="equipes" element={<TeamsAdmin />} />
        <Route path="respostas" element={<CannedRepliesAdmin />} />
        <Route path="etiquetas" element={<LabelsAdmin />} />
        <Route path="roteamento" element={<RoutingAdmin />} />
        <Route path="sla" element={<SlaAdmin />} />
        <Route path="webhooks" element={<WebhooksAdmin />} />
        <Route path="chaves" element={<ApiKeysAdmin />} />
        <Route path="auditoria" element={<AuditLogAdmin />} />
        <Route path="acessos" element={<DataAccessLogAdmin />} />
        <Route path="solicitacoes" element={<RequestsAdmin />} />
      </Routes>
      </Suspense>
    </section>
  );
}
