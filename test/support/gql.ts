import { print, type DocumentNode } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface GqlError { message: string; path?: string[]; extensions?: { code?: string; field?: string; [k: string]: unknown } }
export interface GqlResponse<T> { data?: T | null; errors?: GqlError[]; status: number; headers: Headers }

type Doc<T, V> = TypedDocumentNode<T, V> | DocumentNode | string;
const source = (doc: Doc<unknown, unknown>) => (typeof doc === "string" ? doc : print(doc));

/** Minimal GraphQL-over-HTTP client, typed by codegen's documents. */
export class GqlClient {
  constructor(readonly baseUrl: string, public token?: string, readonly headers: Record<string, string> = {}) {}

  as(token: string | undefined): GqlClient {
    return new GqlClient(this.baseUrl, token, this.headers);
  }

  async raw<T = any, V = Record<string, unknown>>(doc: Doc<T, V>, variables?: V, extraHeaders: Record<string, string> = {}): Promise<GqlResponse<T>> {
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...this.headers,
        ...extraHeaders,
      },
      body: JSON.stringify({ query: source(doc as Doc<unknown, unknown>), variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: GqlError[] };
    return { ...body, status: res.status, headers: res.headers };
  }

  /** Returns data, failing loudly on any GraphQL error. */
  async ok<T = any, V = Record<string, unknown>>(doc: Doc<T, V>, variables?: V, extraHeaders?: Record<string, string>): Promise<T> {
    const r = await this.raw(doc, variables, extraHeaders);
    if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors ?? r)}`);
    return r.data;
  }

  /** Expects exactly one error and returns it. */
  async fail<T = any, V = Record<string, unknown>>(doc: Doc<T, V>, variables?: V, extraHeaders?: Record<string, string>): Promise<GqlError> {
    const r = await this.raw(doc, variables, extraHeaders);
    if (!r.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(r.data)}`);
    return r.errors[0]!;
  }
}

export function wsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, "ws")}/graphql`;
}

export function wsClient(baseUrl: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({ url: wsUrl(baseUrl), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

/** Subscribes and buffers events; `next()` waits for the next one (or times out). */
export class Subscription<T> {
  private readonly events: T[] = [];
  private readonly waiters: Array<(v: T) => void> = [];
  readonly errors: unknown[] = [];
  private dispose: () => void = () => undefined;
  ready: Promise<void>;

  constructor(client: Client, doc: Doc<T, unknown>, variables?: Record<string, unknown>) {
    let resolveReady!: () => void;
    this.ready = new Promise((r) => (resolveReady = r));
    client.on("connected", () => setTimeout(resolveReady, 50));
    this.dispose = client.subscribe<T>({ query: source(doc as Doc<unknown, unknown>), variables }, {
      next: (msg) => {
        if (msg.errors) this.errors.push(msg.errors);
        const v = msg.data as T;
        const w = this.waiters.shift();
        if (w) w(v);
        else this.events.push(v);
      },
      error: (err) => this.errors.push(err),
      complete: () => undefined,
    });
  }

  next(timeoutMs = 3000): Promise<T> {
    const ready = this.events.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no subscription event within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((v) => {
        clearTimeout(timer);
        resolve(v);
      });
    });
  }

  /** Asserts that nothing arrives within `ms`. */
  async none(ms = 500): Promise<T[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.events.splice(0);
  }

  close(): void {
    this.dispose();
  }
}
