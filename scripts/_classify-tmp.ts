import fs from "node:fs";
import path from "node:path";
import { OcrEngine } from "../src/services/ocr/ocr-engine";
import { classifyDocument } from "../src/services/documents/classify";
const dir = "/work/shared/fixtures/documents/dev";
async function main() {
const engine = new OcrEngine({ workers: 1 });
let ok = 0, n = 0;
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".png"))) {
  const truth = JSON.parse(fs.readFileSync(path.join(dir, f.replace(".png", ".json")), "utf8")).kind.toUpperCase();
  const r = await engine.recognizeDocument(fs.readFileSync(path.join(dir, f)), "image/png");
  const c = classifyDocument(r.text, "");
  n++; if (c.kind === truth) ok++;
  console.log(f, truth, c.kind, JSON.stringify(c.scores));
}
console.log(`${ok}/${n}`);
await engine.terminate();
}
void main();
