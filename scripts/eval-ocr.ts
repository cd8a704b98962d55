/**
 * OCR + extraction accuracy on the dev fixtures.
 *   npx tsc -p . && node dist/scripts/eval-ocr.js [fixturesDir] [--workers N] [--json out.json]
 * Accuracy is measured on the single-worker run; the pool run only measures throughput (and
 * asserts the pool returns the same fields).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isValidCnpj, isValidCpf, normalizeName, sameCents } from "../src/services/documents/extract/br-format";
import { FIELDS_BY_KIND, type DocumentKind, type ExtractionResult } from "../src/services/documents/extract";
import { readDocument } from "../src/services/documents/read-document";
import { OcrEngine } from "../src/services/ocr/ocr-engine";

// From the fixtures README: the four images with simulated scan/camera degradation (other
// fixture sets can flag theirs with `"degraded": true` in the JSON).
const DEGRADED = new Set(["payslip-04", "payslip-08", "utility_bill-05", "cnpj_card-03"]);
const KIND: Record<string, DocumentKind> = { payslip: "PAYSLIP", utility_bill: "UTILITY_BILL", cnpj_card: "CNPJ_CARD" };
const NAME_FIELDS = new Set(["employeeName", "customerName", "companyName", "position"]);

interface Fixture {
  id: string;
  degraded: boolean;
  kind: DocumentKind;
  image: Buffer;
  truth: Record<string, string | number>;
}

interface Outcome {
  fixture: Fixture;
  result: ExtractionResult;
  ocrConfidence: number;
  passes: number;
}

function parseArgs(argv: string[]) {
  const out = { dir: path.resolve(process.cwd(), "../shared/fixtures/documents/dev"), workers: os.cpus().length, json: "" };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--workers") out.workers = Number(argv[++i]);
    else if (argv[i] === "--json") out.json = argv[++i];
    else out.dir = path.resolve(argv[i]);
  }
  return out;
}

function loadFixtures(dir: string): Fixture[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => {
      const id = f.replace(/\.json$/, "");
      const img = ["png", "jpg", "jpeg", "webp", "tiff", "pdf"].map((e) => path.join(dir, `${id}.${e}`)).find(fs.existsSync);
      if (!img) return [];
      const gt = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as {
        kind: string;
        fields: Record<string, string | number>;
        degraded?: boolean;
      };
      const degraded = gt.degraded === true || DEGRADED.has(id);
      return [{ id, degraded, kind: KIND[gt.kind] ?? "OTHER", image: fs.readFileSync(img), truth: gt.fields }];
    });
}

function fieldCorrect(field: string, want: string | number, got: unknown): boolean {
  if (got === null || got === undefined) return false;
  if (typeof want === "number") return typeof got === "number" && sameCents(want, got);
  if (NAME_FIELDS.has(field)) return typeof got === "string" && normalizeName(got) === normalizeName(want);
  return got === want;
}

async function run(fixtures: Fixture[], workers: number): Promise<{ outcomes: Outcome[]; wallMs: number }> {
  const engine = new OcrEngine({ workers });
  await engine.start();
  const started = performance.now();
  try {
    const outcomes = await Promise.all(
      fixtures.map(async (fixture) => {
        const r = await readDocument(engine, fixture.image, fixture.kind);
        return { fixture, result: r.extraction, ocrConfidence: r.ocr.confidence, passes: r.passes };
      }),
    );
    return { outcomes, wallMs: performance.now() - started };
  } finally {
    await engine.terminate();
  }
}

const pct = (a: number, b: number) => (b === 0 ? "  n/a" : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

function report(outcomes: Outcome[]) {
  const perField = new Map<string, { ok: number; total: number }>();
  const perKind = new Map<string, { exact: number; total: number }>();
  const split = { clean: { ok: 0, total: 0 }, degraded: { ok: 0, total: 0 } };
  let invalidIds = 0;
  const failures: string[] = [];
  for (const { fixture, result } of outcomes) {
    let allOk = true;
    for (const field of FIELDS_BY_KIND[fixture.kind]) {
      const want = fixture.truth[field];
      if (want === undefined) continue;
      const got = result.fields[field];
      const ok = fieldCorrect(field, want, got);
      const key = `${fixture.kind}.${field}`;
      const pf = perField.get(key) ?? { ok: 0, total: 0 };
      pf.total++;
      if (ok) pf.ok++;
      perField.set(key, pf);
      const bucket = fixture.degraded ? split.degraded : split.clean;
      bucket.total++;
      if (ok) bucket.ok++;
      if (!ok) {
        allOk = false;
        failures.push(`${fixture.id}.${field}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    }
    const cpf = result.fields.cpf;
    const cnpj = result.fields.cnpj;
    if (typeof cpf === "string" && !isValidCpf(cpf)) invalidIds++;
    if (typeof cnpj === "string" && !isValidCnpj(cnpj)) invalidIds++;
    const pk = perKind.get(fixture.kind) ?? { exact: 0, total: 0 };
    pk.total++;
    if (allOk) pk.exact++;
    perKind.set(fixture.kind, pk);
  }
  console.log("\nPer-field accuracy");
  for (const [k, v] of perField) console.log(`  ${k.padEnd(32)} ${pct(v.ok, v.total)}  (${v.ok}/${v.total})`);
  console.log("\nPer-kind exact match (every field right)");
  for (const [k, v] of perKind) console.log(`  ${k.padEnd(32)} ${pct(v.exact, v.total)}  (${v.exact}/${v.total})`);
  const all = { ok: split.clean.ok + split.degraded.ok, total: split.clean.total + split.degraded.total };
  console.log("\nField accuracy");
  console.log(`  clean images                     ${pct(split.clean.ok, split.clean.total)}  (${split.clean.ok}/${split.clean.total})`);
  console.log(`  degraded images                  ${pct(split.degraded.ok, split.degraded.total)}  (${split.degraded.ok}/${split.degraded.total})`);
  console.log(`  all                              ${pct(all.ok, all.total)}  (${all.ok}/${all.total})`);
  console.log(`  invalid CPF/CNPJ returned        ${invalidIds}`);
  if (failures.length) console.log(`\nWrong or missing fields:\n  ${failures.join("\n  ")}`);
  return { perField: Object.fromEntries(perField), perKind: Object.fromEntries(perKind), split, invalidIds, failures };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const fixtures = loadFixtures(args.dir);
  if (fixtures.length === 0) throw new Error(`no fixtures in ${args.dir}`);
  console.log(`${fixtures.length} fixtures from ${args.dir}`);

  const single = await run(fixtures, 1);
  const summary = report(single.outcomes);
  const pool = await run(fixtures, args.workers);
  const mismatches = pool.outcomes.filter(
    (o, i) => JSON.stringify(o.result.fields) !== JSON.stringify(single.outcomes[i].result.fields),
  ).length;

  const pages = fixtures.length;
  const meanConf = single.outcomes.reduce((s, o) => s + o.ocrConfidence, 0) / pages;
  console.log("\nThroughput (preprocessing + OCR + extraction, workers already started)");
  console.log(`  1 worker        ${(single.wallMs / pages).toFixed(0).padStart(6)} ms/page  (wall ${(single.wallMs / 1000).toFixed(1)} s)`);
  console.log(`  ${String(args.workers).padEnd(2)}workers      ${(pool.wallMs / pages).toFixed(0).padStart(6)} ms/page  (wall ${(pool.wallMs / 1000).toFixed(1)} s)`);
  const retried = single.outcomes.filter((o) => o.passes > 1).map((o) => o.fixture.id);
  console.log(`  mean OCR confidence ${meanConf.toFixed(3)}; pool vs single field mismatches: ${mismatches}`);
  console.log(`  second OCR pass needed on ${retried.length} page(s)${retried.length ? `: ${retried.join(", ")}` : ""}`);
  if (args.json) {
    const ms = { singleMsPerPage: single.wallMs / pages, poolMsPerPage: pool.wallMs / pages, workers: args.workers };
    fs.writeFileSync(args.json, JSON.stringify({ ...summary, ...ms }, null, 2));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
