import { useEffect } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { Me } from "../lib/session";
import { isSupervisor, useConnection } from "../lib/live";

const MyLoad = graphql(`query ConsoleMyLoad($agentId: ID!) { handoffs(first: 50, filter: { agentId: $agentId, status: ASSIGNED }) { edges { node { id } } } }`);
const Capacity = graphql(`query ConsoleCapacity { tenantSettings { agentCapacity } }`);

/** "2 de 5 atendimentos": the agent's open handoffs against the tenant's capacity (when visible to the role). */
export function AgentLoad({ me }: { me: Me }) {
  const { epoch } = useConnection();
  const [load, refetch] = useQuery({ query: MyLoad, variables: { agentId: me.id }, requestPolicy: "cache-and-network" });
  useEffect(() => {
    if (epoch) refetch({ requestPolicy: "network-only" });
  }, [epoch, refetch]);
  const [cap] = useQuery({ query: Capacity, pause: !isSupervisor(me) });
  const n = load.data?.handoffs.edges.length;
  if (n === undefined) return null;
  const capacity = cap.data?.tenantSettings.agentCapacity;
  return <p className="load">{capacity ? `${n} de ${capacity} atendimentos em andamento` : `${n} atendimento(s) em andamento`}</p>;
}
