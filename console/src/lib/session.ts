import { stringifyDocument } from "@urql/core";
import type { DocumentNode } from "graphql";
import { graphql } from "../gql";
import { setTimeZone } from "./format";
import type { AuthPayloadFieldsFragment } from "../gql/graphql";

/**
 * The signed-in person. The access token lives only in this module's memory; the
 * refresh token is an HttpOnly cookie the page's JavaScript can never read (the
 * server sets it when the request carries `x-atende-session: cookie`). A reload
 * therefore starts with `restore()`, which trades the cookie for a new access token.
 */
export type Me = AuthPayloadFieldsFragment["user"];

graphql(`
  fragment AuthPayloadFields on AuthPayload {
    accessToken
    accessTokenExpiresAt
    user { id name email role availability twoFactorEnabled tenant { id name timezone } }
  }
`);
const LogIn = graphql(`mutation ConsoleLogIn($input: LogInInput!) { logIn(input: $input) { ...AuthPayloadFields } }`);
const SignUp = graphql(`mutation ConsoleSignUp($input: SignUpInput!) { signUp(input: $input) { ...AuthPayloadFields } }`);
const Refresh = graphql(`mutation ConsoleRefresh { refreshToken(refreshToken: "") { ...AuthPayloadFields } }`);
const LogOut = graphql(`mutation ConsoleLogOut { logOut(refreshToken: "") }`);

export class ApiError extends Error {
  constructor(message: string, readonly code: string, readonly extensions: Record<string, unknown> = {}) {
    super(message);
  }
}

let accessToken: string | null = null;
let expiresAt = 0;
let me: Me | null = null;
let refreshing: Promise<boolean> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

export const session = {
  get user(): Me | null {
    return me;
  },
  get token(): string | null {
    return accessToken;
  },
  subscribe(fn: () => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
};

function emit(): void {
  for (const fn of listeners) fn();
}

/** A plain POST to /graphql for the auth mutations (before the GraphQL client exists). */
export async function post<T>(doc: DocumentNode, variables?: Record<string, unknown>): Promise<T> {
  let res: Response;
  try {
    res = await fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-atende-session": "cookie", ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
      body: JSON.stringify({ query: stringifyDocument(doc), variables }),
    });
  } catch {
    throw new ApiError("Sem conexão com o servidor. Verifique sua rede e tente de novo.", "NETWORK");
  }
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new ApiError(e.message, String(e.extensions?.code ?? "ERROR"), e.extensions);
  }
  if (!body.data) throw new ApiError(`O servidor respondeu ${res.status}. Tente de novo em instantes.`, "HTTP");
  return body.data;
}


function accept(payload: AuthPayloadFieldsFragment): Me {
  setTimeZone(payload.user.tenant.timezone);
  accessToken = payload.accessToken;
  expiresAt = new Date(payload.accessTokenExpiresAt).getTime();
  me = payload.user;
  clearTimeout(timer);
  // Renewed a minute before it lapses (or halfway, for short tokens).
  const lead = Math.min(60_000, (expiresAt - Date.now()) / 2);
  timer = setTimeout(() => void refresh(), Math.max(5_000, expiresAt - Date.now() - lead));
  emit();
  return payload.user;
}

function forget(): void {
  accessToken = null;
  expiresAt = 0;
  me = null;
  clearTimeout(timer);
  emit();
}

export async function logIn(input: { email: string; password: string; totpCode?: string | null }): Promise<Me> {
  const data = await post<{ logIn: AuthPayloadFieldsFragment }>(LogIn, { input });
  return accept(data.logIn);
}

export async function signUp(input: { tenantName: string; name: string; email: string; password: string }): Promise<Me> {
  const data = await post<{ signUp: AuthPayloadFieldsFragment }>(SignUp, { input });
  return accept(data.signUp);
}

/**
 * Trades the cookie for a new access token. Concurrent callers share one request (the
 * cookie rotates: two parallel refreshes would look like token reuse). Network errors
 * keep the session (the server may be restarting); a refused cookie ends it.
 */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const data = await post<{ refreshToken: AuthPayloadFieldsFragment }>(Refresh);
      accept(data.refreshToken);
      return true;
    } catch (err) {
      if (err instanceof ApiError && (err.code === "NETWORK" || err.code === "HTTP" || err.code === "RATE_LIMITED")) return Boolean(accessToken);
      forget();
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** A token good for at least 20 s more (refreshed first when needed); null when signed out. */
export async function freshToken(): Promise<string | null> {
  if (accessToken && expiresAt - Date.now() > 20_000) return accessToken;
  if (!accessToken && !me) return null;
  await refresh();
  return accessToken;
}

export async function logOut(): Promise<void> {
  try {
    await post(LogOut);
  } finally {
    forget();
  }
}

export function updateMe(patch: Partial<Me>): void {
  if (!me) return;
  me = { ...me, ...patch };
  emit();
}
