/**
 * npm run kiosk: the production build served on this machine and Chromium in kiosk mode on it,
 * for a museum's dedicated computer (docs/kiosk.md).
 *
 *   npm run kiosk                      build if dist/ has none, serve on 127.0.0.1:4180, start Chromium
 *   npm run kiosk -- --build           build first even if dist/ has one
 *   npm run kiosk -- --no-browser      only serve (Chromium started some other way)
 *   npm run kiosk -- --check           validate config/kiosk.json and data/tours/*.json; exit 1 on a problem
 *   npm run kiosk -- --print           print the Chromium command line and exit
 *
 * Options: --port <n> (4180), --dist <dir> (dist), --profile <dir> (Chromium's profile, default
 * ~/.local/share/sortie-kiosk/chromium), --params "<query>" (added to ?mode=kiosk, e.g.
 * "tour=korea-strangle&chapter=2" to preview a chapter).
 * Environment: CHROME_PATH (default /usr/bin/chromium), SORTIE_KIOSK_FLAGS (more Chromium flags,
 * separated by spaces, e.g. "--ignore-gpu-blocklist").
 *
 * When Chromium exits, the server stops and this script exits with Chromium's status, so that
 * a supervisor (the systemd unit in docs/kiosk.md) starts both again.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { THEATRES } from '../src/geo/projection.ts';
import { parseKioskConfig } from '../src/kiosk/config.ts';
import { compileFlightPlan } from '../src/motion/compile.ts';
import { loadCampaignText } from '../src/records/load.ts';
import { loadTourText, type TourContext } from '../src/tours/schema.ts';

const root = resolve(fileURLToPath(import.meta.url), '../..');

/**
 * Chromium's flags for an unattended touch screen. Each one closes a way out or a thing that
 * would interrupt the visitor; the page itself adds its own guards (src/kiosk/guards.ts).
 */
const KIOSK_FLAGS = [
  // Full screen, no tabs, address bar or menus, and no key that leaves full screen.
  '--kiosk',
  // No error dialogs, no "Chromium didn't shut down correctly" bubble after a power cut.
  '--noerrdialogs',
  '--disable-session-crashed-bubble',
  '--hide-crash-restore-bubble',
  // No page zoom by pinching; no back and forward by swiping past the edge.
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  // No "translate this page?" offer.
  '--disable-features=TranslateUI',
  // No update checks or "a new version is available" (a year between checks).
  '--check-for-update-interval=31536000',
  // A first start shows no welcome page, no default-browser question, no info bars.
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-infobars',
  // No keyring password prompt on a machine that logs in by itself.
  '--password-store=basic',
  // Nothing asks the visitor for a permission (location, notifications, camera).
  '--deny-permission-prompts',
  // Media may play without a gesture (a tour never waits for a tap).
  '--autoplay-policy=no-user-gesture-required',
  // Touch screens send touch events even where Chromium would not detect one.
  '--touch-events=enabled',
  // A current heap figure for the health watch (docs/offline.md), not a rounded, rarely updated one.
  '--enable-precise-memory-info',
];

interface Options {
  port: number;
  dist: string;
  profile: string;
  params: string;
  build: boolean;
  browser: boolean;
  check: boolean;
  print: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    port: 4180,
    dist: join(root, 'dist'),
    profile: join(homedir(), '.local/share/sortie-kiosk/chromium'),
    params: '',
    build: false,
    browser: true,
    check: false,
    print: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value`);
      return v;
    };
    if (arg === '--port') options.port = Number(value());
    else if (arg === '--dist') options.dist = resolve(value());
    else if (arg === '--profile') options.profile = resolve(value());
    else if (arg === '--params') options.params = value().replace(/^[?&]/, '');
    else if (arg === '--build') options.build = true;
    else if (arg === '--no-browser') options.browser = false;
    else if (arg === '--check') options.check = true;
    else if (arg === '--print') options.print = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('*/')[0]!
          .replace(/^\/\*\*|^ \* ?/gm, ''),
      );
      process.exit(0);
    } else fail(`unknown option ${arg} (see npm run kiosk -- --help)`);
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) fail(`--port must be a port number`);
  return options;
}

function fail(message: string): never {
  console.error(`kiosk: ${message}`);
  process.exit(2);
}

function chromiumCommand(options: Pick<Options, 'port' | 'profile' | 'params'>): { command: string; args: string[] } {
  const url = `http://127.0.0.1:${options.port}/?mode=kiosk${options.params ? `&${options.params}` : ''}`;
  const extra = (process.env.SORTIE_KIOSK_FLAGS ?? '').split(/\s+/).filter(Boolean);
  return {
    command: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    // A profile of its own, kept between starts: the service worker's copy of the app (offline) lives there.
    args: [...KIOSK_FLAGS, `--user-data-dir=${options.profile}`, ...extra, url],
  };
}

/** Every problem with the kiosk's settings and the tours, as `file: JSON path: reason`. */
function check(configFile: string): string[] {
  const problems: string[] = [];
  const { config, problems: configProblems } = parseKioskConfig(readFileSync(configFile, 'utf8'));
  problems.push(...configProblems);

  const contexts = new Map<string, TourContext>();
  for (const file of readdirSync(join(root, 'data')).filter((f) => f.endsWith('.json'))) {
    const result = loadCampaignText(file, readFileSync(join(root, 'data', file), 'utf8'));
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const { records } = result;
    const plan = compileFlightPlan(records, THEATRES[records.campaign.theatre]);
    const periods = records.periods;
    contexts.set(records.campaign.id, {
      campaignId: records.campaign.id,
      startMs: Date.parse(periods[0]!.start),
      endMs: Math.max(
        Date.parse(periods[periods.length - 1]!.end),
        plan.epochMs + (plan.sortedEnds[plan.sortedEnds.length - 1] ?? 0) * 1000,
      ),
      forces: new Set(plan.forces.map((f) => f.forceId)),
    });
  }
  config.campaigns.forEach((id, i) => {
    if (!contexts.has(id))
      problems.push(`kiosk.json: campaigns[${i}]: no campaign "${id}" in data/ (there are: ${[...contexts.keys()].join(', ')})`);
  });

  const tourDir = join(root, 'data/tours');
  const tours = new Map<string, string>();
  for (const file of existsSync(tourDir) ? readdirSync(tourDir).filter((f) => f.endsWith('.json')) : []) {
    const text = readFileSync(join(tourDir, file), 'utf8');
    let campaign: unknown;
    try {
      campaign = (JSON.parse(text) as { campaign?: unknown }).campaign;
    } catch {
      // loadTourText reports it.
    }
    const result = loadTourText(file, text, typeof campaign === 'string' ? contexts.get(campaign) : undefined);
    if (!result.ok) problems.push(...result.problems);
    else {
      if (!contexts.has(result.tour.campaign)) problems.push(`${file}: campaign: no campaign "${result.tour.campaign}" in data/`);
      tours.set(result.tour.id, result.tour.campaign);
    }
  }
  config.tours.forEach((id, i) => {
    const campaign = tours.get(id);
    if (campaign === undefined)
      problems.push(
        `kiosk.json: tours[${i}]: no tour "${id}" in data/tours (there are: ${[...tours.keys()].join(', ') || 'none'})`,
      );
    else if (!config.campaigns.includes(campaign))
      problems.push(`kiosk.json: tours[${i}]: tour "${id}" plays "${campaign}", which is not among "campaigns"`);
  });
  return problems;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));

  if (options.check) {
    // The copy in a build, if one was asked for and has it (a museum may edit it there), else the source.
    const built = join(options.dist, 'config/kiosk.json');
    const configFile = process.argv.includes('--dist') && existsSync(built) ? built : join(root, 'public/config/kiosk.json');
    const problems = check(configFile);
    for (const p of problems) console.error(p);
    console.log(
      problems.length ? `kiosk: ${problems.length} problem(s)` : `kiosk: ${basename(configFile)} and the tours are valid`,
    );
    process.exit(problems.length ? 1 : 0);
  }

  const chromium = chromiumCommand(options);
  if (options.print) {
    console.log([chromium.command, ...chromium.args].map((a) => (/[\s"'&?]/.test(a) ? `'${a}'` : a)).join(' '));
    return;
  }

  if (options.build || !existsSync(join(options.dist, 'index.html'))) {
    console.log(`kiosk: building into ${options.dist}`);
    await build({ root, logLevel: 'warn', build: { outDir: options.dist, emptyOutDir: true } });
  }
  const server = await preview({
    root,
    logLevel: 'warn',
    build: { outDir: options.dist },
    // Loopback only: the kiosk serves itself, not the museum's network. A fixed port keeps the
    // service worker's origin (and so its offline copy) the same from one start to the next.
    preview: { host: '127.0.0.1', port: options.port, strictPort: true, open: false },
  });
  const url = `http://127.0.0.1:${options.port}/?mode=kiosk${options.params ? `&${options.params}` : ''}`;
  console.log(`kiosk: serving ${options.dist} at ${url}`);

  if (!options.browser) {
    const stop = () => void server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }
  if (!existsSync(chromium.command)) {
    await server.close();
    fail(`no Chromium at ${chromium.command} (apt-get install chromium, or set CHROME_PATH)`);
  }
  mkdirSync(options.profile, { recursive: true });
  console.log(`kiosk: starting ${chromium.command}`);
  const browser = spawn(chromium.command, chromium.args, { stdio: 'inherit' });
  const stop = (signal: NodeJS.Signals) => {
    browser.kill(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  browser.on('exit', (code, signal) => {
    console.log(`kiosk: Chromium exited (${signal ?? code})`);
    void server.close().then(() => process.exit(code ?? (signal ? 1 : 0)));
  });
  browser.on('error', (e) => {
    console.error(`kiosk: could not start Chromium: ${e.message}`);
    void server.close().then(() => process.exit(1));
  });
}

await main();
