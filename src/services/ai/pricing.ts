import type { Config } from "../../config";

/** BRL per million tokens. */
export interface Price { input: number; output: number }

/** The server's price table entry for a model (dated snapshots fall back to their family). */
export function priceFor(prices: Config["aiPricesBrl"], model: string): Price {
  return prices[model] ?? prices[model.replace(/-\d{4}-\d{2}-\d{2}$/, "")] ?? { input: 0, output: 0 };
}

export function costBrl(price: Price, inputTokens: number, outputTokens: number): number {
  return (Math.max(0, inputTokens) * price.input + Math.max(0, outputTokens) * price.output) / 1_000_000;
}
