/**
 * The initial-JavaScript budget: what a browser fetches before the shell can paint. That is the
 * entry script of dist/index.html and every module it preloads (its static imports), gzipped, as a
 * server would send them. Chunks loaded later by import() are listed apart, not counted.
 *
 *   npm run size            (after npm run build; SORTIE_DIST picks another build folder)
 *
 * Exits non-zero when the initial total passes the budget.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 400;
const dist = resolve(process.env.SORTIE_DIST ?? 'dist');

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set<string>();
for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) initial.add(m[1]!);
for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) initial.add(m[1]!);
if (initial.size === 0) {
  console.error(`${join(dist, 'index.html')}: no module script found; build first (npm run build).`);
  process.exit(1);
}

const gzipKb = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1000;
const local = (url: string) => join(dist, url.replace(/^\.?\//, ''));

const rows = [...initial].map((url) => ({ file: url.replace(/^\.?\/assets\//, ''), kb: gzipKb(local(url)) }));
rows.sort((a, b) => b.kb - a.kb);
const total = rows.reduce((sum, r) => sum + r.kb, 0);

const initialNames = new Set(rows.map((r) => r.file));
const later = readdirSync(join(dist, 'assets'))
  .filter((f) => f.endsWith('.js') && !initialNames.has(f))
  .map((f) => ({ file: f, kb: gzipKb(join(dist, 'assets', f)) }))
  .sort((a, b) => b.kb - a.kb);

const line = (r: { file: string; kb: number }) => `  ${r.kb.toFixed(1).padStart(7)} kB  ${r.file}`;
console.log('Initial JavaScript (entry and its preloads, gzip):');
for (const r of rows) console.log(line(r));
console.log(`  ${total.toFixed(1).padStart(7)} kB  total, budget ${BUDGET_KB} kB`);
console.log(`Loaded on demand: ${later.length} chunks, ${later.reduce((s, r) => s + r.kb, 0).toFixed(1)} kB; largest:`);
for (const r of later.slice(0, 5)) console.log(line(r));

if (total > BUDGET_KB) {
  console.error(`Initial JavaScript is ${total.toFixed(1)} kB gzip, over the ${BUDGET_KB} kB budget.`);
  process.exit(1);
}
