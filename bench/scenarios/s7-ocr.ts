import fs from "node:fs";
import path from "node:path";
import { createDatabase, REDIS_URL } from "../lib/db";
import { createTenant, gql, startPlatform, type Platform } from "../lib/platform";
import { sleep, startNode, type Proc } from "../lib/procs";
import { interleaved, mean, type Row, type Scenario } from "../lib/scenario";
import { fmt, ratio } from "../lib/stats";

const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/documents/dev");
const UPLOAD = `mutation($file: Upload!, $input: UploadDocumentInput!) { uploadDocument(file: $file, input: $input) { id } }`;

async function upload(p: Platform, token: string, file: string): Promise<string> {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query: UPLOAD, variables: { file: null, input: { kind: "OTHER" } } }));
  form.append("map", JSON.stringify({ 0: ["variables.file"] }));
  form.append("0", new Blob([new Uint8Array(fs.readFileSync(file))], { type: "image/png" }), path.basename(file));
  const res = await fetch(`${p.origin}/graphql`, { method: "POST", headers: { authorization: `Bearer ${token}`, "apollo-require-preflight": "true" }, body: form });
  const body = (await res.json()) as { data?: { uploadDocument: { id: string } }; errors?: unknown };
  if (!body.data) throw new Error(`upload failed: ${JSON.stringify(body.errors)}`);
  return body.data.uploadDocument.id;
}

/** S7: documents read by the platform's OCR job (upload → DONE) beside tesseract.js in process on the same images. */
export const s7: Scenario = {
  name: "S7 OCR",
  async run(opts) {
    if (!fs.existsSync(FIXTURES)) return [{ scenario: "S7", metric: "OCR (fixtures not found)", platform: "—", baseline: "—", ratio: "—" }];
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".png")).sort().slice(0, opts.quick ? 1 : 6).map((f) => path.join(FIXTURES, f));
    const db = await createDatabase();
    const procs: Array<Platform | Proc> = [];
    try {
      const p = await startPlatform({ databaseUrl: db.url, redisUrl: REDIS_URL, env: { OCR_WORKERS: "1" } });
      procs.push(p);
      const t = await createTenant(p.origin, 0);
      const base = await startNode("tesseract", "bench/baselines/ocr.js", { FILES: files.join(","), WORKERS: "1" }, /ready/, 180_000);
      procs.push(base);
      const platformRun = async () => {
        const t0 = performance.now();
        const ids = await Promise.all(files.map((f) => upload(p, t.adminToken, f)));
        for (const id of ids) {
          for (;;) {
            const d = await gql(p.origin, t.adminToken, `query($id: ID!) { document(id: $id) { ocrStatus } }`, { id });
            if (d.document.ocrStatus === "DONE" || d.document.ocrStatus === "FAILED") break;
            await sleep(100);
          }
        }
        return (performance.now() - t0) / 1000;
      };
      const baselineRun = async () => {
        const before = base.output().split("done ").length;
        base.child.stdin?.write("go\n");
        while (base.output().split("done ").length === before) await sleep(50);
        const runs = [...base.output().matchAll(/done ([\d.]+)/g)];
        return Number(runs.at(-1)![1]) / 1000;
      };
      opts.log(`S7: ${files.length} images, platform OCR job vs tesseract.js in process (1 worker each)`);
      const r = await interleaved({ ...opts, rounds: opts.quick ? 1 : 2 }, platformRun, baselineRun);
      const a = files.length / mean(r.a), b = files.length / mean(r.b);
      return [{ scenario: "S7", metric: `OCR throughput, ${files.length} images, 1 worker`, platform: `${fmt(a * 60, 1)} pages/min (upload → DONE, with preprocessing and extraction)`, baseline: `tesseract.js: ${fmt(b * 60, 1)} pages/min`, ratio: ratio(a, b) }];
    } finally {
      for (const x of procs.reverse()) await x.stop().catch(() => undefined);
      await db.drop().catch(() => undefined);
    }
  },
};
