import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/style.css";

/**
 * GraphiQL served by the API at /graphiql outside production, bundled from node_modules
 * (no CDN). Calls go to /graphql on this host; paste a token in the headers tab:
 * {"authorization": "Bearer …"}.
 */
const wsScheme = location.protocol === "https:" ? "wss" : "ws";
const fetcher = createGraphiQLFetcher({
  url: `${location.origin}/graphql`,
  subscriptionUrl: `${wsScheme}://${location.host}/graphql`,
  headers: { "apollo-require-preflight": "true" },
});

createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL fetcher={fetcher} defaultEditorToolsVisibility="headers" defaultHeaders={'{\n  "authorization": "Bearer "\n}'} />,
);
