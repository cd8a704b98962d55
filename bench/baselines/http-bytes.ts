/** Raw node:http answering every request with the same bytes (read from BODY_FILE). */
import fs from "node:fs";
import http from "node:http";
import { listen, readBody } from "./common";

const body = fs.readFileSync(process.env.BODY_FILE!);
const server = http.createServer(async (req, res) => {
  await readBody(req);
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
  res.end(body);
});
listen(server);
