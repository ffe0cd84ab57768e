// bench/rewrite: the codemod over a generated repo of 5,000 source files (2% load dotenv, in the
// shapes real repos use): read + detect + plan, as files per second (target ≥ 2,000).
// Bundles src/rewrite with esbuild first (no `npm run build` needed).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { median, tempDir } from "./lib.mjs";

const root = resolve(import.meta.dirname, "..");
const runs = Number(process.env.BENCH_RUNS ?? 5);
const FILES = 5000;
const LOADERS = [
  "import dotenv from 'dotenv';\ndotenv.config();\n",
  "require('dotenv').config();\n",
  "import 'dotenv/config';\n",
  "const dotenv = require('dotenv');\nif (process.env.NODE_ENV !== 'production') dotenv.config({ override: true });\n",
  "import { config } from 'dotenv';\nconfig({ path: `.env.$" + "{process.env.NODE_ENV}` });\n",
];

// Bundled inside node_modules so its external imports (@babel/parser, magic-string) resolve.
await build({
  entryPoints: [join(root, "src/rewrite/index.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  outfile: join(root, "node_modules/.bench-rewrite/index.mjs"),
  logLevel: "warning",
});
const { collectSources, detectLoaders, planRewrite } = await import(
  pathToFileURL(join(root, "node_modules/.bench-rewrite/index.mjs")).href
);

const project = tempDir("bench-rewrite-");
writeFileSync(
  join(project, "package.json"),
  JSON.stringify({ name: "bench", scripts: { start: "node -r dotenv/config src/f0.js" } }, null, 2),
);
for (let i = 0; i < FILES; i++) {
  const dir = join(project, "src", `m${i % 50}`);
  mkdirSync(dir, { recursive: true });
  const ext = ["ts", "js", "tsx", "mjs"][i % 4];
  const body = [
    `import { helper${i} } from '../lib/helper${i % 7}';`,
    `export function handler${i}(req: unknown) {`.replace(
      ": unknown",
      ext === "js" || ext === "mjs" ? "" : ": unknown",
    ),
    `  const port = process.env.PORT ?? ${3000 + (i % 100)};`,
    "  // a comment that mentions nothing interesting",
    `  return helper${i}(req, port);`,
    "}",
    ...Array.from({ length: 30 }, (_, k) => `export const value${k} = ${k} * ${i};`),
  ].join("\n");
  const loader = i % 50 === 0 ? LOADERS[(i / 50) % LOADERS.length] : "";
  writeFileSync(join(dir, `f${i}.${ext}`), `${loader}${body}\n`);
}

// Every file in memory too, so the prefilter itself is timed (collectSources already drops most).
const all = [];
const walkAll = (dir, rel) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walkAll(join(dir, e.name), `${rel}${e.name}/`);
    else all.push({ path: `${rel}${e.name}`, text: readFileSync(join(dir, e.name), "utf8") });
  }
};
walkAll(project, "");

const samples = { read: [], detect: [], plan: [], total: [], memory: [] };
let last;
for (let r = 0; r < runs + 1; r++) {
  const t0 = performance.now();
  const collected = await collectSources(project);
  const t1 = performance.now();
  const detection = detectLoaders(collected.files);
  const t2 = performance.now();
  last = planRewrite(collected.root, collected.files);
  const t3 = performance.now();
  const t4 = performance.now();
  const inMemory = planRewrite(project, all);
  const t5 = performance.now();
  if (inMemory.stats.parsed !== FILES / 50) throw new Error("prefilter let extra files through");
  if (r === 0) continue; // warm-up
  samples.memory.push(t5 - t4);
  samples.read.push(t1 - t0);
  samples.detect.push(t2 - t1);
  samples.plan.push(t3 - t2);
  samples.total.push(t3 - t0);
  if (detection.stats.parsed !== FILES / 50)
    throw new Error(`parsed ${detection.stats.parsed}, expected ${FILES / 50}`);
}
rmSync(project, { recursive: true, force: true });

const total = median(samples.total);
console.log(`\nrewrite benchmark: ${FILES} files, ${FILES / 50} load dotenv, ${runs} runs (medians)`);
console.log(`read (walk + prefilter)  ${median(samples.read).toFixed(1).padStart(8)} ms`);
console.log(`detectLoaders            ${median(samples.detect).toFixed(1).padStart(8)} ms`);
console.log(`planRewrite              ${median(samples.plan).toFixed(1).padStart(8)} ms`);
console.log(`total                    ${total.toFixed(1).padStart(8)} ms`);
console.log(
  `files/s                  ${Math.round((FILES / total) * 1000)
    .toString()
    .padStart(8)}  (target ≥ 2000)`,
);
const memory = median(samples.memory);
console.log(
  `in memory: planRewrite over all ${all.length} files (prefilter included) ${memory.toFixed(1)} ms, ${Math.round((all.length / memory) * 1000)} files/s`,
);
console.log(`edits planned: ${last.edits.length} files, findings: ${last.findings.length}`);
