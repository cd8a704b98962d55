import crypto from "node:crypto";
import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from "graphql";
import type { RequestContext } from "../context";
import { EventResolutionCache } from "../services/events";

/** One execution per event and class, shared by every subscriber of that class (kept briefly). */
const results = new EventResolutionCache(10_000);

/**
 * Who would get exactly the same answer for the same event: the same operation and
 * variables, run for the same principal (id, role, 2FA state) from the same IP and user
 * agent with the same stated justification. The principal is part of the class, so
 * per-subscriber visibility (an agent sees only their conversations) and the access log
 * (one entry per reader, IP and user agent) are exactly what separate executions would
 * give; what is shared is the work between the sockets of one reader (a console open in
 * several tabs, or many consoles behind one integration) and, above all, between the
 * thousands of subscriptions that run the same operation for the same user.
 */
function classOf(args: ExecutionArgs): string {
  const ctx = args.contextValue as RequestContext | undefined;
  const p = ctx?.principal;
  const parts = [
    print(args.document), args.operationName ?? "", JSON.stringify(args.variableValues ?? {}),
    p ? `${p.kind}:${p.id}:${p.tenantId}:${p.role}:${p.sessionId ?? ""}:${p.twoFactorEnabled ? 1 : 0}:${p.mustEnableTwoFactor ? 1 : 0}` : "anonymous",
    ctx?.ip ?? "", ctx?.userAgent ?? "", ctx?.justification ?? "",
  ];
  return crypto.createHash("sha256").update(parts.join("\u0000")).digest("base64url");
}

/**
 * graphql-js `subscribe`, except that an event (a payload with an `eventId`) is executed
 * once per class of identical subscribers (see classOf) instead of once per subscriber:
 * the same ExecutionResult object goes to each of them. Events without an id run per
 * subscriber as before.
 */
export async function sharedSubscribe(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const events = source as AsyncGenerator<unknown>;
  const cls = classOf(args);
  const run = (payload: unknown) => {
    const eventId = (payload as { eventId?: unknown } | null)?.eventId;
    const exec = () => Promise.resolve(execute({ ...args, rootValue: payload }));
    return typeof eventId === "string" ? results.resolve(`${eventId}:${cls}`, exec) : exec();
  };
  const mapped: AsyncGenerator<ExecutionResult> = {
    async next() {
      const r = await events.next();
      return r.done ? { done: true, value: undefined } : { done: false, value: await run(r.value) };
    },
    async return() {
      await events.return?.(undefined);
      return { done: true, value: undefined };
    },
    async throw(err?: unknown) {
      await events.return?.(undefined);
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  } as unknown as AsyncGenerator<ExecutionResult>;
  return mapped;
}
