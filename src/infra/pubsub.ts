import { EventEmitter, on } from "node:events";
import type { Redis } from "ioredis";
import type { Logger } from "./logger";

/**
 * Topic-based pub/sub for domain events. Payloads are JSON (they cross processes
 * through Redis), so both implementations round-trip them through JSON.
 */
export interface PubSub {
  publish(topic: string, payload: unknown): Promise<void>;
  /** Async iterator of payloads; `return()` (client unsubscribes) releases the subscription. */
  subscribe<T>(topic: string, signal?: AbortSignal): AsyncIterableIterator<T>;
  close(): Promise<void>;
}

abstract class EmitterPubSub implements PubSub {
  protected readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }

  abstract publish(topic: string, payload: unknown): Promise<void>;

  subscribe<T>(topic: string, signal?: AbortSignal): AsyncIterableIterator<T> {
    this.retain(topic);
    const source = on(this.emitter, topic, signal ? { signal } : undefined) as AsyncIterableIterator<[T]>;
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        this.release(topic);
      }
    };
    const iterator: AsyncIterableIterator<T> = {
      next: async () => {
        try {
          const r = await source.next();
          if (r.done) release();
          return r.done ? { done: true, value: undefined } : { done: false, value: r.value[0] };
        } catch (err) {
          release();
          if ((err as Error).name === "AbortError") return { done: true, value: undefined };
          throw err;
        }
      },
      return: async () => {
        release();
        await source.return?.();
        return { done: true, value: undefined };
      },
      throw: async (err) => {
        release();
        await source.return?.();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return iterator;
  }

  protected retain(_topic: string): void {}
  protected release(_topic: string): void {}
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class InProcessPubSub extends EmitterPubSub {
  async publish(topic: string, payload: unknown): Promise<void> {
    const copy = JSON.parse(JSON.stringify(payload));
    setImmediate(() => this.emitter.emit(topic, copy));
  }
}

/** Separate publisher and subscriber connections; channels are ref-counted per process. */
export class RedisPubSub extends EmitterPubSub {
  private readonly counts = new Map<string, number>();

  constructor(private readonly publisher: Redis, private readonly subscriber: Redis, private readonly prefix: string, private readonly logger: Logger) {
    super();
    subscriber.on("message", (channel: string, message: string) => {
      const topic = channel.slice(this.prefix.length + 1);
      try {
        this.emitter.emit(topic, JSON.parse(message));
      } catch (err) {
        this.logger.warn({ err, channel }, "unparseable pubsub message");
      }
    });
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    await this.publisher.publish(`${this.prefix}:${topic}`, JSON.stringify(payload));
  }

  protected override retain(topic: string): void {
    const n = (this.counts.get(topic) ?? 0) + 1;
    this.counts.set(topic, n);
    if (n === 1) this.subscriber.subscribe(`${this.prefix}:${topic}`).catch((err) => this.logger.error({ err, topic }, "redis subscribe failed"));
  }

  protected override release(topic: string): void {
    const n = (this.counts.get(topic) ?? 1) - 1;
    if (n > 0) return void this.counts.set(topic, n);
    this.counts.delete(topic);
    this.subscriber.unsubscribe(`${this.prefix}:${topic}`).catch(() => undefined);
  }

  /** Resolves once the subscriber connection has confirmed every pending SUBSCRIBE. */
  async ready(): Promise<void> {
    await this.subscriber.ping();
  }

  override async close(): Promise<void> {
    await super.close();
  }
}
