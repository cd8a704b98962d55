/**
 * Raw `ws` fan-out: clients connect (no protocol), POST /broadcast sends the request
 * body, as is, to every open socket, then answers.
 */
import http from "node:http";
import { WebSocketServer, WebSocket } from "ws";
import { listen, readBody } from "./common";

const server = http.createServer(async (req, res) => {
  const body = await readBody(req);
  if (req.url === "/broadcast") {
    const frame = body.toString("utf8");
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(frame);
    res.writeHead(200).end("ok");
  } else res.writeHead(200).end(String(wss.clients.size));
});
const wss = new WebSocketServer({ server, path: "/ws" });
listen(server);
