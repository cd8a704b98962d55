import type { DeliveryStatus } from "../gql/graphql";

/** How far a message has gone: a copy that arrives late (the send's own answer, `messageAdded`) never takes a receipt back. */
const PROGRESS: Record<string, number> = { PENDING: 0, FAILED: 1, SENT: 1, DELIVERED: 2, READ: 3 };

/**
 * The copy of a message to keep. Its sends, additions and receipts travel on separate
 * channels (the mutation's answer, two subscriptions), so they can arrive out of order:
 * a receipt that came first keeps its status.
 */
export function newer<M extends { deliveryStatus: DeliveryStatus | string; deliveryError?: string | null }>(cur: M | undefined, incoming: M): M {
  if (!cur || (PROGRESS[incoming.deliveryStatus] ?? 0) >= (PROGRESS[cur.deliveryStatus] ?? 0)) return incoming;
  return { ...incoming, deliveryStatus: cur.deliveryStatus, deliveryError: cur.deliveryError };
}
