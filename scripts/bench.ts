/**
 * npm run bench: figures, not pass/fail. Node: compile and per-frame evaluation costs. Chromium
 * (SwiftShader here, or a real GPU with BENCH_GPU=1): for fixed views of each theatre, tiles
 * drawn, triangles, draw calls, an estimate of GPU memory, time to complete terrain, frame time.
 * Also flies synthetic campaigns of 1,000, 10,000 and 100,000 aircraft and reports script time per
 * frame (Chrome DevTools Protocol metrics). Writes bench/results.json and prints tables.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { THEATRES } from '../src/geo/projection.ts';
import { compileFlightPlan } from '../src/motion/compile.ts';
import { loadCampaignText } from '../src/records/load.ts';
import { airborneAt, createFigureModel, createFiguresNow, figuresAt } from '../src/timeline/periodFigures.ts';
import { stressCampaign } from './stressCampaign.ts';

const results: Record<string, unknown> = { date: new Date().toISOString() };

// --- Node: compile and evaluate -------------------------------------------------------------
const compiled: Record<string, unknown> = {};
for (const file of readdirSync('data').filter((f) => f.endsWith('.json'))) {
  const loaded = loadCampaignText(file, readFileSync(`data/${file}`, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const t0 = performance.now();
  const plan = compileFlightPlan(loaded.records, THEATRES[loaded.records.campaign.theatre]);
  const compileMs = performance.now() - t0;
  const model = createFigureModel(loaded.records, plan);
  const out = createFiguresNow(model);
  const n = 20000;
  const t1 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = plan.sortedStarts[0] ?? 0;
    figuresAt(model, t + i * 30, out);
    airborneAt(plan, t + i * 30);
  }
  const evalUs = ((performance.now() - t1) / n) * 1000;
  const attributeBytes = plan.instances.count * (1 + 1 + 3 + 3 + 4 + 3) * 4 + plan.routes.data.byteLength;
  compiled[file] = {
    aircraft: plan.instances.count,
    routes: plan.routes.count,
    batches: plan.batches.length,
    compileMs: +compileMs.toFixed(1),
    figuresPerFrameUs: +evalUs.toFixed(2),
    attributeBytes,
  };
}
results.compile = compiled;

// --- Chromium: fixed views ------------------------------------------------------------------
if (!existsSync('dist/index.html')) execSync('npx vite build', { stdio: 'inherit' });
const server = await preview({ logLevel: 'silent', preview: { host: '127.0.0.1', port: 0 } });
const base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
const gpu = process.env.BENCH_GPU === '1';
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: gpu
    ? ['--use-angle=vulkan', '--enable-features=Vulkan', '--ignore-gpu-blocklist']
    : ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});

interface View {
  name: string;
  query: string;
  /** Seconds after the clock's start to seek to before measuring. */
  at: number;
}
const views: View[] = [
  { name: 'europe: opening view, 20 Feb 12:00', query: 'campaign=big-week-1944', at: 13 * 3600 },
  {
    name: 'europe: close over Leipzig, 20 Feb 13:30',
    query: 'campaign=big-week-1944&view=480,90,-40,480,0,-160',
    at: 14.5 * 3600,
  },
  { name: 'europe: whole theatre from high', query: 'campaign=big-week-1944&view=0,3200,1800,0,0,0', at: 13 * 3600 },
  { name: 'korea: opening view', query: 'campaign=korea-1951-strangle', at: 12 * 3600 },
  { name: 'korea: close over the triangle', query: 'campaign=korea-1951-strangle&view=-110,60,-20,-110,0,-90', at: 12 * 3600 },
];
const measured: Record<string, unknown>[] = [];
for (const view of views) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const started = performance.now();
  await page.goto(`${base}?${view.query}`);
  await page.waitForFunction(() => (window as unknown as { __sortie?: { ready: boolean } }).__sortie?.ready, null, {
    timeout: 120_000,
  });
  const pause = page.getByRole('button', { name: 'Pause' });
  if (await pause.count()) await pause.click();
  await page.getByRole('slider', { name: 'Time' }).evaluate((el: HTMLInputElement, s: number) => {
    el.value = String(Number(el.min) + s);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, view.at);
  await page.waitForFunction(
    () => (window as unknown as { __sortie: { terrain: { complete: boolean } } }).__sortie.terrain.complete,
    null,
    { timeout: 120_000 },
  );
  const terrainMs = performance.now() - started;
  // Frame time while playing: frames counted over a fixed wall-clock window.
  await page.getByRole('button', { name: 'Play' }).click();
  const f0 = await page.evaluate(() => (window as unknown as { __sortie: { frame: number } }).__sortie.frame);
  await page.waitForTimeout(5000);
  const state = await page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __sortie: unknown }).__sortie)));
  const frames = state.frame - f0;
  measured.push({
    view: view.name,
    terrainCompleteMs: Math.round(terrainMs),
    tilesDrawn: state.terrain.drawn,
    tilesCached: state.terrain.cached,
    triangles: state.renderer.triangles,
    drawCalls: state.renderer.calls,
    textures: state.renderer.textures,
    // Tile textures are 129 × 129 RGBA8; the rest is the route table and the aircraft attributes.
    gpuMemoryEstimateMB: +((state.terrain.cached * 129 * 129 * 4) / 1e6).toFixed(1),
    visibleAircraft: state.visibleAircraft,
    msPerFrame: frames > 0 ? +(5000 / frames).toFixed(1) : null,
  });
  await page.close();
}
results.renderer = gpu ? 'GPU (BENCH_GPU=1)' : 'SwiftShader (software)';
results.views = measured;

// --- Stress: script time per frame must not follow the number of aircraft --------------------
const stress: Record<string, unknown>[] = [];
for (const size of [1_000, 10_000, 100_000]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const body = JSON.stringify(stressCampaign(size));
  await page.route(
    (url) => url.pathname === `/stress-${size}.json`,
    (route) => route.fulfill({ contentType: 'application/json', body }),
  );
  await page.goto(`${base}?src=/stress-${size}.json&campaign=stress-${size}`);
  await page.waitForFunction(
    (id) => {
      const s = (window as unknown as { __sortie?: { ready: boolean; campaignId: string } }).__sortie;
      return s?.ready && s.campaignId === id;
    },
    `stress-${size}`,
    { timeout: 180_000 },
  );
  // A page drawing 100,000 aircraft in software is too slow for Playwright's stability checks:
  // the buttons are pressed from inside the page.
  const press = (name: string) =>
    page.evaluate((label) => document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)?.click(), name);
  await press('Pause');
  // 11:00: every force in the air.
  await page.getByRole('slider', { name: 'Time' }).evaluate((el: HTMLInputElement) => {
    el.value = String(Number(el.min) + 11 * 3600);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await press('Play');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  const frame = () => page.evaluate(() => (window as unknown as { __sortie: { frame: number } }).__sortie.frame);
  const m0 = await metric();
  const f0 = await frame();
  await page.waitForTimeout(8000);
  const m1 = await metric();
  const f1 = await frame();
  const state = await page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __sortie: unknown }).__sortie)));
  const frames = f1 - f0;
  stress.push({
    aircraft: size,
    framesIn8s: frames,
    scriptMsPerFrame: frames > 0 ? +((((m1.ScriptDuration ?? 0) - (m0.ScriptDuration ?? 0)) * 1000) / frames).toFixed(2) : null,
    jsHeapMB: +((m1.JSHeapUsedSize ?? 0) / 1e6).toFixed(1),
    drawCalls: state.renderer.calls,
    triangles: state.renderer.triangles,
    visibleAircraft: state.visibleAircraft,
  });
  await page.close();
}
results.stress = stress;
await browser.close();
await server.close();

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
console.table(compiled);
console.table(measured);
console.table(stress);
console.log(`renderer: ${results.renderer}; written to bench/results.json`);
