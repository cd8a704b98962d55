import "reflect-metadata";
import { runServerProcess } from "./lifecycle";

/** `npm start`: the API (GraphQL over HTTP and WebSocket, webhooks), running jobs too unless WORKER_MODE=off. */
void runServerProcess("api");
