import { lazy, Suspense, useEffect, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";
import { Provider } from "urql";
import { createConsoleClient, type ConsoleClient } from "./lib/client";
import { ConsoleContext, isAdmin, isSupervisor, useMe } from "./lib/live";
import { refresh } from "./lib/session";
import { Layout } from "./layout";
import { LoginScreen } from "./screens/login";
import { SignUpScreen } from "./screens/signup";
import { QueueScreen } from "./screens/queue";
import { ConversationsScreen } from "./screens/conversations";
import { ConversationScreen } from "./screens/conversation";

const TicketsScreen = lazy(() => import("./screens/tickets"));
const TicketScreen = lazy(() => import("./screens/ticket"));
const DashboardScreen = lazy(() => import("./screens/dashboard"));
const AdminScreen = lazy(() => import("./screens/admin"));
const ReportsScreen = lazy(() => import("./screens/reports"));

export function App() {
  const [restoring, setRestoring] = useState(true);
  useEffect(() => {
    // A reload: the HttpOnly cookie (if any) buys a new access token.
    void refresh().finally(() => setRestoring(false));
  }, []);
  if (restoring) return <p className="splash" role="status">Carregando…</p>;
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/entrar" element={<LoginScreen />} />
        <Route path="/cadastro" element={<SignUpScreen />} />
        <Route path="*" element={<SignedIn />} />
      </Routes>
    </BrowserRouter>
  );
}

function SignedIn() {
  const me = useMe();
  const location = useLocation();
  const userId = me?.id ?? null;
  // One client (and socket) per signed-in person; disposed at logout.
  const [client, setClient] = useState<ConsoleClient | null>(null);
  useEffect(() => {
    if (!userId) return;
    const c = createConsoleClient();
    setClient(c);
    return () => {
      c.dispose();
      setClient(null);
    };
  }, [userId]);
  if (!me) return <Navigate to="/entrar" replace state={{ from: location.pathname }} />;
  if (!client) return <p className="splash" role="status">Carregando…</p>;
  const fallback = <p role="status">Carregando…</p>;
  return (
    <ConsoleContext.Provider value={client}>
      <Provider value={client.urql}>
        <Layout>
          <Suspense fallback={fallback}>
            <Routes>
              <Route path="/" element={<Navigate to="/fila" replace />} />
              <Route path="/fila" element={<QueueScreen />} />
              <Route path="/conversas" element={<ConversationsScreen />} />
              <Route path="/conversas/:id" element={<ConversationScreen />} />
              <Route path="/chamados" element={<TicketsScreen />} />
              <Route path="/chamados/:id" element={<TicketScreen />} />
              {isSupervisor(me) && <Route path="/painel" element={<DashboardScreen />} />}
              {isSupervisor(me) && <Route path="/relatorios" element={<ReportsScreen />} />}
              {isAdmin(me) && <Route path="/administracao/*" element={<AdminScreen />} />}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </Layout>
      </Provider>
    </ConsoleContext.Provider>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Página não encontrada</h1>
      <p>O endereço não existe ou você não tem acesso a ele.</p>
    </section>
  );
}
