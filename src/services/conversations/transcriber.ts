import OpenAI, { toFile } from "openai";
import type { Logger } from "../../infra/logger";
import type { Storage } from "../../infra/storage";
import type { Message } from "../../entities/message";
import { observedAiFetch } from "../../infra/ai-metrics";

const EXTENSIONS: Array<[RegExp, string]> = [[/ogg|opus/, "ogg"], [/mpeg|mp3/, "mp3"], [/mp4|m4a|aac/, "m4a"], [/wav/, "wav"], [/webm/, "webm"], [/amr/, "amr"]];
/** WhatsApp voice notes are short; a long recording is left to a person (and its cost). */
const MAX_BYTES = 25 * 1024 * 1024;

/**
 * Voice notes → text with an OpenAI-compatible speech-to-text endpoint (whisper-1 or
 * gpt-4o-mini-transcribe), in Portuguese. Returns null when there is nothing usable
 * (no file, too large, provider error): the caller then hands the message to a person.
 */
export class AudioTranscriber {
  private readonly client: OpenAI;

  constructor(private readonly cfg: { apiKey: string; baseUrl?: string; model: string; timeoutMs: number }, private readonly storage: Storage, private readonly logger: Logger) {
    this.client = new OpenAI({ apiKey: cfg.apiKey, baseURL: cfg.baseUrl, timeout: cfg.timeoutMs, maxRetries: 1, fetch: observedAiFetch("transcription", cfg.model) });
  }

  async transcribe(message: Message): Promise<string | null> {
    const key = message.media?.storageKey;
    if (!key || (message.media?.size ?? 0) > MAX_BYTES) return null;
    const mimeType = (message.media?.mimeType ?? "audio/ogg").split(";")[0]!.trim().toLowerCase();
    const ext = EXTENSIONS.find(([re]) => re.test(mimeType))?.[1] ?? "ogg";
    const started = Date.now();
    try {
      const audio = await this.storage.get(key);
      const r = await this.client.audio.transcriptions.create({ file: await toFile(audio, `mensagem.${ext}`, { type: mimeType }), model: this.cfg.model, language: "pt" });
      const text = r.text?.trim() ?? "";
      this.logger.info({ messageId: message.id, ms: Date.now() - started, chars: text.length }, "voice note transcribed");
      return text || null;
    } catch (err) {
      this.logger.warn({ err, messageId: message.id }, "voice note transcription failed");
      return null;
    }
  }
}
