import { afterCommit, type RequestContext } from "../../context";
import type { PubSub } from "../../infra/pubsub";

/** One topic for all tenants: every API process re-checks the open sockets the event concerns. */
export const REVOCATION_TOPIC = "auth:revoked";

export interface RevocationEvent {
  tenantId: string;
  /** The user whose access changed (deactivated, role changed, sessions revoked, password changed). */
  userId?: string | null;
  apiKeyId?: string | null;
  reason: string;
}

/**
 * "A principal's access changed": published after the change commits. Sockets do
 * not trust it blindly; they re-read their principal (Authenticator.revalidate), so a
 * lost or duplicated event can only delay or repeat a check.
 */
export class Revocations {
  private readonly local: Array<(event: RevocationEvent) => void> = [];

  constructor(private readonly pubsub: PubSub) {}

  /**
   * Runs `fn` in this process synchronously after the change commits, before the
   * mutation that made it answers (and before the event reaches other processes).
   */
  onLocal(fn: (event: RevocationEvent) => void): void {
    this.local.push(fn);
  }

  async publish(ctx: Pick<RequestContext, "em" | "afterCommit">, event: RevocationEvent): Promise<void> {
    await afterCommit(ctx, () => {
      for (const fn of this.local) fn(event);
      return this.pubsub.publish(REVOCATION_TOPIC, event);
    });
  }

  subscribe(signal?: AbortSignal): AsyncIterableIterator<RevocationEvent> {
    return this.pubsub.subscribe<RevocationEvent>(REVOCATION_TOPIC, signal);
  }
}
