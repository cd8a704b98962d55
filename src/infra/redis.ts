import { Redis } from "ioredis";

export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: `atende:${name}`,
    // BullMQ needs null; elsewhere commands fail fast instead of queueing forever.
    maxRetriesPerRequest: name === "bullmq" ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}
