import type { Request, Response } from "express";
import type { RefreshCookie } from "../context";

/**
 * The console keeps its refresh token out of JavaScript's reach: it sends this header
 * with logIn / signUp / refreshToken / logOut, and the server answers with the token in
 * an HttpOnly cookie (the body's refreshToken is then empty) and reads it back from
 * there when the mutation's argument is empty. Integrators without the header keep the
 * token in the body, as before.
 */
export const SESSION_MODE_HEADER = "x-atende-session";
export const REFRESH_COOKIE = "atende_refresh";
/** Sent only to the API: never to the console's pages or assets. */
export const REFRESH_COOKIE_PATH = "/graphql";

function readCookie(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The cookie for this request when it asked for cookie mode, else undefined. */
export function refreshCookieFor(req: Request, res: Response, ttlDays: number): RefreshCookie | undefined {
  if (req.header(SESSION_MODE_HEADER) !== "cookie") return undefined;
  // Secure even on http://localhost (browsers accept it there); SameSite=Strict: never sent cross-site.
  const base = { httpOnly: true, secure: true, sameSite: "strict" as const, path: REFRESH_COOKIE_PATH };
  return {
    read: () => readCookie(req, REFRESH_COOKIE),
    write: (token) => void res.cookie(REFRESH_COOKIE, token, { ...base, maxAge: ttlDays * 86_400_000 }),
    clear: () => void res.clearCookie(REFRESH_COOKIE, base),
  };
}
