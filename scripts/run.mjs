#!/usr/bin/env node
// Runs a TypeScript entry point of this repository, building first only what is stale:
//
//   node scripts/run.mjs src/main.ts          (npm start)
//   node scripts/run.mjs src/worker.ts        (npm run worker)
//   node scripts/run.mjs --build-only         (transpile + stale builds, run nothing)
//
// The server code is transpiled file by file with SWC (the settings vitest uses), and
// only the files newer than their output: a restart with nothing changed compiles
// nothing. `tsc` stays the type check (npm run lint, the test setup). Every other
// part with a `build:<name>` npm script and a `<name>/` folder (e.g. build:console →
// console/ → console/dist/) is rebuilt when its sources are newer than its last
// successful build; a part without its script is skipped silently.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "dist");
const SOURCE_DIRS = ["src", "scripts", "bench"];
const CLONE_SLACK_MS = 5_000;
const quiet = process.env.npm_config_loglevel === "silent";
const note = (msg) => quiet || process.stderr.write(`[start] ${msg}\n`);

function* walk(dir, skip = () => false) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skip(e.name)) yield* walk(p, skip);
    } else yield p;
  }
}

const mtime = (file) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

/** Transpiles every .ts source whose .js is missing or older; removes outputs whose source is gone. */
async function buildServer() {
  const stale = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(path.join(root, dir), (name) => name === "node_modules")) {
      if (file.endsWith(".json")) {
        // JSON modules (resolveJsonModule) are copied as tsc does.
        const out = path.join(outDir, path.relative(root, file));
        if (mtime(file) > mtime(out)) fs.mkdirSync(path.dirname(out), { recursive: true }), fs.copyFileSync(file, out);
        continue;
      }
      if (!file.endsWith(".ts") || file.endsWith(".d.ts") || file.endsWith(".test.ts")) continue;
      const out = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, ".js");
      if (mtime(file) > mtime(out)) stale.push([file, out]);
    }
    for (const out of walk(path.join(outDir, dir))) {
      if (!out.endsWith(".js")) continue;
      const src = path.join(root, path.relative(outDir, out)).replace(/\.js$/, ".ts");
      if (!fs.existsSync(src)) for (const f of [out, `${out}.map`]) fs.rmSync(f, { force: true });
    }
  }
  if (!stale.length) return;
  let swc;
  try {
    swc = await import("@swc/core");
  } catch {
    throw new Error("the sources changed but @swc/core is not installed: run `npm ci` (with dev dependencies) or `npm run build`");
  }
  const started = Date.now();
  const options = {
    module: { type: "commonjs", ignoreDynamic: true },
    sourceMaps: true,
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      target: "es2022",
      keepClassNames: true,
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    },
  };
  await Promise.all(
    stale.map(async ([file, out]) => {
      const { code, map } = await swc.transformFile(file, { ...options, filename: file, outputPath: out, sourceFileName: path.relative(path.dirname(out), file) });
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
      if (map) fs.writeFileSync(`${out}.map`, map);
    }),
  );
  note(`transpiled ${stale.length} file(s) in ${Date.now() - started} ms`);
}

/** `build:<name>` scripts whose `<name>/` folder exists, rebuilt when a source is newer than the last build. */
function buildParts() {
  const scripts = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts ?? {};
  for (const script of Object.keys(scripts)) {
    const name = /^build:([\w-]+)$/.exec(script)?.[1];
    if (!name || !fs.existsSync(path.join(root, name))) continue;
    // Last build: our stamp, else the newest file of a committed output (<name>/dist or
    // dist/<name>) — a fresh clone writes sources and outputs within moments of each other.
    const stamp = path.join(outDir, `.build-${name}.stamp`);
    let built = mtime(stamp);
    if (built < 0) for (const out of [path.join(root, name, "dist"), path.join(outDir, name)]) for (const f of walk(out)) built = Math.max(built, mtime(f) + CLONE_SLACK_MS);
    const inputs = [path.join(root, "package-lock.json"), path.join(root, "src/schema/schema.graphql")];
    let newest = Math.max(...inputs.map(mtime));
    for (const file of walk(path.join(root, name), (d) => d === "node_modules" || d === "dist" || d.startsWith("."))) {
      newest = Math.max(newest, mtime(file));
      if (newest > built) break;
    }
    if (built >= 0 && newest <= built) continue;
    note(`building ${name} (npm run ${script})`);
    const started = Date.now();
    const r = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", script], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) {
      // The API still starts; the part is tried again on the next start.
      note(`npm run ${script} failed (exit ${r.status}); starting without a fresh ${name}`);
      continue;
    }
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(stamp, new Date().toISOString());
    note(`${name} built in ${Date.now() - started} ms`);
  }
}

const args = process.argv.slice(2);
const buildOnly = args[0] === "--build-only";
const entry = buildOnly ? null : args.shift();
if (!buildOnly && !entry) {
  process.stderr.write("usage: node scripts/run.mjs <src/entry.ts> [args…] | --build-only\n");
  process.exit(2);
}
try {
  await buildServer();
  if (buildOnly || entry === "src/main.ts") buildParts();
} catch (err) {
  process.stderr.write(`[start] build failed: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
}
if (entry) {
  process.setSourceMapsEnabled(true);
  process.argv = [process.argv[0], path.join(outDir, entry.replace(/\.ts$/, ".js")), ...args];
  createRequire(import.meta.url)(process.argv[1]);
}
