import { CreateClientDocument, StartSessionDocument, SubmitClientMessageDocument } from "../generated/graphql";
import type { GqlClient } from "./gql";

let seq = 0;

/** A client with an open WEB session; returns ids. */
export async function openSession(client: GqlClient, name = `Cliente ${++seq}`): Promise<{ clientId: string; sessionId: string }> {
  const c = await client.ok(CreateClientDocument, { input: { name } });
  const s = await client.ok(StartSessionDocument, { input: { clientId: c.createClient.id, channel: "WEB" } });
  return { clientId: c.createClient.id, sessionId: s.startSession.id };
}

export async function say(client: GqlClient, sessionId: string, text: string) {
  return (await client.ok(SubmitClientMessageDocument, { input: { sessionId, text } })).submitClientMessage;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
