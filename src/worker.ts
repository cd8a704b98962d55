import "reflect-metadata";
import { runServerProcess } from "./lifecycle";

/**
 * `npm run worker`: processes background jobs (BullMQ on Redis). It serves only
 * /healthz, /readyz and /metrics (WORKER_PORT, default 4001) so orchestrators can
 * probe and scrape it; never the API.
 */
void runServerProcess("worker");
