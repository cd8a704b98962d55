import http from "node:http";

/** Every baseline prints `ready <port>` once listening on 127.0.0.1. */
export function listen(server: http.Server, port = Number(process.env.PORT ?? 0)): void {
  server.keepAliveTimeout = 65_000;
  server.listen(port, "127.0.0.1", () => {
    const addr = server.address() as { port: number };
    console.log(`ready ${addr.port}`);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
