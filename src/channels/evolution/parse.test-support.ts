import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEvolutionWebhook, type InboundEvent } from "./parse";

/** Shared by the Evolution parser tests: fixture loading and small helpers. */
export const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/webhooks");
export const DIR = path.join(FIXTURES, "evolution");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export const load = (name: string): Json => JSON.parse(readFileSync(path.join(DIR, name), "utf8"));
export const clone = <T>(v: T): T => structuredClone(v);
export const at = (seconds: number) => new Date(seconds * 1000);

export function parse(body: unknown): InboundEvent {
  return parseEvolutionWebhook(body, { now: new Date("2030-01-01T00:00:00Z") });
}
export function asMessage(event: InboundEvent) {
  if (event.kind !== "message") throw new Error(`expected message, got ${JSON.stringify(event)}`);
  return event;
}

export const MARIA = { phone: "+5511987654321", waId: "5511987654321", userId: "178263540912345@lid", name: "Maria Souza" };
