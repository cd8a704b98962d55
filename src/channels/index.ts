import type { InboxProvider } from "../schema/enums";
import type { Channel } from "./channel";
import { cloudApiChannel } from "./cloud-api";
import { evolutionChannel } from "./evolution";
import { genericChannel } from "./generic";
import { webChatChannel } from "./web-chat";
import { emailChannel } from "./email";

export type { Channel, ChannelRuntime, WebhookKit, WebhookRoute, Recipient, SendResult, SendContext, ThreadRef, ConfigureTools } from "./channel";
export type { EvolutionConfig } from "./evolution";
export type { CloudConfig } from "./cloud-api";
export type { GenericConfig } from "./generic";
export type { WebChatConfig } from "./web-chat";
export type { EmailConfig } from "./email";

/** Every channel the platform speaks; a new provider is a folder beside these and a line here. */
export const CHANNELS: ReadonlyArray<Channel> = [evolutionChannel, cloudApiChannel, genericChannel, webChatChannel, emailChannel] as ReadonlyArray<Channel>;

const BY_PROVIDER = new Map(CHANNELS.map((c) => [c.provider, c]));

export function channelFor(provider: InboxProvider): Channel {
  const channel = BY_PROVIDER.get(provider);
  if (!channel) throw new Error(`no channel for provider ${provider}`);
  return channel;
}
