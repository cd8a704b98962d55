import { afterAll, beforeAll } from "vitest";
import { startTestServer, type TestServer, type TestServerOptions } from "./server";
import { createTenant, type TestTenant } from "./tenant";

export interface TwoTenants { server: TestServer; a: TestTenant; b: TestTenant }

/**
 * The usual e2e fixture: a real server and two tenants (B proves isolation), started
 * before the suite and closed after it. `set` receives them and may add the suite's
 * own setup, e.g. `withTwoTenants((s) => ({ server, a, b } = s));`.
 */
export function withTwoTenants(set: (s: TwoTenants) => unknown, opts?: TestServerOptions): void {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(opts);
    const a = await createTenant(server);
    const b = await createTenant(server);
    await set({ server, a, b });
  });
  afterAll(async () => server?.close());
}
