/** One line of the printed table. */
export interface Row {
  scenario: string;
  metric: string;
  platform: string;
  baseline: string;
  ratio: string;
  goal?: string;
}

export interface BenchOptions {
  /** One short round, small sizes (CI smoke run): no figure is meaningful. */
  quick: boolean;
  /** Seconds per measured round. */
  roundSeconds: number;
  rounds: number;
  warmupSeconds: number;
  log(message: string): void;
}

/** `optIn`: runs only when named in --only (heavy seeds, e.g. S8 analytics). */
export type Scenario = { name: string; optIn?: boolean; run(opts: BenchOptions): Promise<Row[]> };

/**
 * A B A B … after one warm-up of each: both sides see the same machine state
 * (page cache, other load, thermal) in turn.
 */
export async function interleaved<T>(opts: BenchOptions, a: () => Promise<T>, b: () => Promise<T>, warmA?: () => Promise<unknown>, warmB?: () => Promise<unknown>): Promise<{ a: T[]; b: T[] }> {
  if (!opts.quick) {
    await (warmA ?? a)();
    await (warmB ?? b)();
  }
  const out = { a: [] as T[], b: [] as T[] };
  for (let r = 0; r < opts.rounds; r++) {
    out.a.push(await a());
    out.b.push(await b());
  }
  return out;
}

export const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
