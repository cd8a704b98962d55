import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrivateAddress, UrlGuard } from "./url-guard";
import { signWebhook, verifyWebhook, webhookHeaders, newWebhookSecret } from "./standard-webhooks";

describe("isPrivateAddress", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.10", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "224.0.0.1"])("refuses %s", (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });
  it.each(["8.8.8.8", "172.32.0.1", "200.147.1.1", "2804:14c::1", "100.128.0.1"])("allows %s", (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe("UrlGuard", () => {
  let server: http.Server;
  let hits = 0;
  let base = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      if (req.url === "/redirect") return void res.writeHead(302, { location: `${base}/ok` }).end();
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("refuses loopback, metadata and non-http URLs when checking and when fetching; the listener receives nothing", async () => {
    const guard = new UrlGuard(false);
    hits = 0;
    await expect(guard.check(`${base}/x`)).rejects.toMatchObject({ reason: "private" });
    await expect(guard.check("http://169.254.169.254/latest/meta-data")).rejects.toMatchObject({ reason: "private" });
    await expect(guard.check("http://[::1]:6379/")).rejects.toMatchObject({ reason: "private" });
    await expect(guard.check("http://localhost:6379/")).rejects.toMatchObject({ reason: "private" });
    await expect(guard.check("file:///etc/passwd")).rejects.toMatchObject({ reason: "scheme" });
    await expect(guard.check("http://user:pw@example.com/")).rejects.toMatchObject({ reason: "credentials" });
    await expect(guard.fetch(`${base}/ok`)).rejects.toThrow();
    await expect(guard.fetch(`http://localhost:${new URL(base).port}/ok`)).rejects.toThrow();
    expect(hits).toBe(0);
    await guard.close();
  });

  it("lets private addresses through when allowed (on-premises, tests), following redirects", async () => {
    const guard = new UrlGuard(true);
    hits = 0;
    await expect(guard.check(`${base}/x`)).resolves.toBeInstanceOf(URL);
    const res = await guard.fetch(`${base}/redirect`);
    expect(await res.text()).toBe("ok");
    expect(hits).toBe(2);
    await guard.close();
  });
});

describe("Standard Webhooks signatures", () => {
  it("verifies what it signs and refuses a changed body, another secret or a stale timestamp", () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: "ticket.created", data: { id: "1" } });
    const headers = webhookHeaders(secret, "msg_1", body);
    expect(verifyWebhook(secret, headers, body)).toBe(true);
    expect(verifyWebhook(secret, headers, body + " ")).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), headers, body)).toBe(false);
    const old = webhookHeaders(secret, "msg_1", body, new Date(Date.now() - 3600_000));
    expect(verifyWebhook(secret, old, body)).toBe(false);
  });

  it("matches the specification's example", () => {
    // From the Standard Webhooks reference implementations' test vectors.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const sig = signWebhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}');
    expect(sig).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });
});
