import type { InboxProvider } from "../schema/enums";
import type { Channel } from "./channel";
import { cloudApiChannel } from "./cloud-api";
import { evolutionChannel } from "./evolution";
import { genericChannel } from "./generic";

export type { Channel, ChannelRuntime, WebhookKit, WebhookRoute, Recipient, SendResult, ConfigureTools } from "./channel";
export type { EvolutionConfig } from "./evolution";
export type { CloudConfig } from "./cloud-api";
export type { GenericConfig } from "./generic";

/** Every channel the platform speaks; a new provider is a folder beside these and a line here. */
export const CHANNELS: ReadonlyArray<Channel> = [evolutionChannel, cloudApiChannel, genericChannel] as ReadonlyArray<Channel>;

const BY_PROVIDER = new Map(CHANNELS.map((c) => [c.provider, c]));

export function channelFor(provider: InboxProvider): Channel {
  const channel = BY_PROVIDER.get(provider);
  if (!channel) throw new Error(`no channel for provider ${provider}`);
  return channel;
}
