/**
 * Helpers shared by the e2e tests: launch Chromium (WebGL2 through SwiftShader), open the
 * built app served by globalSetup.ts, wait for it to be ready, read `window.__sortie`, and
 * sample the rendered canvas.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Diagnostics } from '../../src/app/diagnostics.ts';

/** The test hook the app publishes on `window.__sortie`, as a JSON snapshot (the `twin` probes stay in the page). */
export type SortieState = Omit<Diagnostics, 'twin'> & { overlay: Record<string, number> };

export interface OpenedApp {
  browser: Browser;
  page: Page;
  /** Text of every `console.error` message (and other console messages of type "error"). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /** Closes the browser. */
  close: () => Promise<void>;
}

export interface PixelStats {
  /** Size of the decoded canvas screenshot, in device pixels. */
  width: number;
  height: number;
  /** Number of grid samples taken (about 400). */
  samples: number;
  /** Distinct exact RGB colours among the samples. */
  distinctColours: number;
  /** Background colour used: the given one, or else the most frequent sampled colour. */
  background: [number, number, number];
  /** Fraction of samples (0..1) further than `tolerance` from the background colour. */
  nonBackgroundFraction: number;
}

export interface SamplePixelsOptions {
  /** Grid size per axis; the default of 20 gives 400 samples. */
  grid?: number;
  /** Background colour; the default is the most frequent sampled colour. */
  background?: [number, number, number];
  /** Largest per-channel difference still counted as background (default 8). */
  tolerance?: number;
  /** Canvas selector (default `canvas`, the first one). */
  selector?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const OUTPUT_DIR = resolve(here, '__output__');

/** SwiftShader renders slowly; first frames of a full scene can take a while. */
export const READY_TIMEOUT_MS = 90_000;

/**
 * Flags on top of Playwright's own defaults (which already include --headless, --no-sandbox,
 * --disable-background-networking, --disable-component-update, --disable-sync, --no-first-run
 * and --enable-unsafe-swiftshader).
 *  - --use-angle=swiftshader: always render WebGL with SwiftShader, also on machines with a GPU,
 *    so pixels and timings do not depend on the host.
 *  - --enable-unsafe-swiftshader: repeated in case Playwright stops passing it; without it
 *    Chromium logs "Automatic fallback to software WebGL has been deprecated" and newer
 *    versions refuse software WebGL altogether.
 */
export const CHROMIUM_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export const VIEWPORT = { width: 1280, height: 720 } as const;

export function chromePath(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromePath(), headless: true, args: CHROMIUM_ARGS });
}

/** Base URL of the preview server started by globalSetup.ts (with a trailing slash). */
export function baseURL(): string {
  return inject('baseURL');
}

/**
 * Launches Chromium and opens `path` (default `/`) of the built app, after `beforeLoad` (e.g. to
 * route requests). Does not wait for the app to be ready; call `waitForReady(page)`. Close with `close()` (or `browser.close()`).
 */
export async function openApp(path = '/', beforeLoad?: (page: Page) => Promise<void>): Promise<OpenedApp> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        // Chromium asks for /favicon.ico on its own when index.html names no icon; not an app error.
        if (/\/favicon\.ico(\?|$)/.test(loc.url)) return;
        consoleErrors.push(loc.url ? `${msg.text()} (${loc.url}:${loc.lineNumber})` : msg.text());
      }
    });
    page.on('pageerror', (err) => {
      pageErrors.push(err.stack ?? `${err.name}: ${err.message}`);
    });
    page.on('crash', () => {
      pageErrors.push('page crashed');
    });
    if (beforeLoad) await beforeLoad(page);
    const url = new URL(path.replace(/^\/+/, ''), baseURL()).href;
    const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (response && !response.ok()) {
      throw new Error(`GET ${url} answered ${response.status()} ${response.statusText()}`);
    }
    return { browser, page, consoleErrors, pageErrors, close: () => browser.close() };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** A JSON snapshot of `window.__sortie`, or null when the app has not published it. */
export async function sortie(page: Page): Promise<SortieState | null> {
  return page.evaluate(() => {
    const s = (window as unknown as { __sortie?: unknown }).__sortie;
    return s === undefined ? null : (JSON.parse(JSON.stringify(s)) as SortieState);
  });
}

/** Stops the clock if it plays (the app starts playing unless motion is reduced). */
export async function pause(page: Page): Promise<void> {
  const play = page.locator('.scrubber__play');
  if ((await play.getAttribute('data-playing')) === 'true') await play.click();
}

/** Waits until `window.__sortie.ready === true`; on timeout the error shows the last snapshot. */
export async function waitForReady(page: Page, timeout = READY_TIMEOUT_MS): Promise<SortieState> {
  try {
    await page.waitForFunction(
      () => (window as unknown as { __sortie?: { ready?: unknown } }).__sortie?.ready === true,
      undefined,
      { timeout, polling: 250 },
    );
  } catch (err) {
    let last = 'unavailable';
    try {
      last = JSON.stringify(await sortie(page));
    } catch {
      // page closed or crashed; keep 'unavailable'
    }
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`window.__sortie.ready did not become true within ${timeout} ms (${reason}); last window.__sortie: ${last}`, {
      cause: err,
    });
  }
  const state = await sortie(page);
  if (state === null) throw new Error('window.__sortie vanished after becoming ready');
  return state;
}

/**
 * Screenshots the canvas (what the compositor shows, so preserveDrawingBuffer is not needed),
 * decodes the PNG inside the page with createImageBitmap, and reads a grid of samples.
 */
export async function samplePixels(page: Page, options: SamplePixelsOptions = {}): Promise<PixelStats> {
  const { grid = 20, background, tolerance = 8, selector = 'canvas' } = options;
  const png = await page.locator(selector).first().screenshot({ type: 'png', animations: 'allow' });
  const samples = await page.evaluate(
    async ({ b64, grid }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const { width, height } = bitmap;
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('samplePixels: no 2D context');
      ctx.drawImage(bitmap, 0, 0);
      bitmap.close();
      const data = ctx.getImageData(0, 0, width, height).data;
      const rgb: number[] = [];
      for (let gy = 0; gy < grid; gy++) {
        const y = Math.min(height - 1, Math.floor(((gy + 0.5) * height) / grid));
        for (let gx = 0; gx < grid; gx++) {
          const x = Math.min(width - 1, Math.floor(((gx + 0.5) * width) / grid));
          const i = (y * width + x) * 4;
          rgb.push(data[i]!, data[i + 1]!, data[i + 2]!);
        }
      }
      return { width, height, rgb };
    },
    { b64: png.toString('base64'), grid },
  );

  const counts = new Map<number, number>();
  const n = samples.rgb.length / 3;
  for (let i = 0; i < n; i++) {
    const key = (samples.rgb[3 * i]! << 16) | (samples.rgb[3 * i + 1]! << 8) | samples.rgb[3 * i + 2]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let bg = background;
  if (!bg) {
    let best = 0;
    let bestCount = -1;
    for (const [key, count] of counts) {
      if (count > bestCount) {
        best = key;
        bestCount = count;
      }
    }
    bg = [(best >> 16) & 255, (best >> 8) & 255, best & 255];
  }
  let nonBackground = 0;
  for (let i = 0; i < n; i++) {
    const dr = Math.abs(samples.rgb[3 * i]! - bg[0]);
    const dg = Math.abs(samples.rgb[3 * i + 1]! - bg[1]);
    const db = Math.abs(samples.rgb[3 * i + 2]! - bg[2]);
    if (Math.max(dr, dg, db) > tolerance) nonBackground++;
  }
  return {
    width: samples.width,
    height: samples.height,
    samples: n,
    distinctColours: counts.size,
    background: bg,
    nonBackgroundFraction: n === 0 ? 0 : nonBackground / n,
  };
}

/** Saves a screenshot of the page to tests/e2e/__output__/<name>.png and returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const safe = name.replace(/[^\w.-]+/g, '_');
  const file = resolve(OUTPUT_DIR, `${safe}.png`);
  await mkdir(OUTPUT_DIR, { recursive: true });
  await writeFile(file, await page.screenshot({ type: 'png' }));
  return file;
}

/** Waits until the app has drawn `frames` more frames. */
export async function nextFrames(page: Page, frames = 2): Promise<void> {
  const before = (await sortie(page))!.frame;
  await page.waitForFunction(
    ([f, n]) => (window as unknown as { __sortie: { frame: number } }).__sortie.frame >= f + n,
    [before, frames] as const,
    { polling: 50 },
  );
}

/**
 * Moves the time slider to `seconds` after the plan epoch (it steps in whole minutes), as a
 * keyboard or pointer would set it, and waits for the frames that show the new instant.
 */
export async function seekSlider(page: Page, seconds: number): Promise<void> {
  await page.locator('input[aria-label=Time]').fill(String(seconds));
  await page.waitForFunction(
    (t) => {
      const s = (window as unknown as { __sortie: { twin: { frame(): { time: number } | null } } }).__sortie;
      return s.twin.frame()?.time === t;
    },
    seconds,
    { polling: 50 },
  );
  // That frame has been drawn and published; wait for the next one, drawn wholly at the new instant.
  await nextFrames(page, 1);
}

/** Plan seconds of an ISO instant (the slider's and the shaders' unit). */
export async function planSeconds(page: Page, iso: string): Promise<number> {
  const epochMs = await page.evaluate(
    () => (window as unknown as { __sortie: { twin: { frame(): { epochMs: number } | null } } }).__sortie.twin.frame()!.epochMs,
  );
  return (Date.parse(iso) - epochMs) / 1000;
}

/** Text of every element with a `data-figure` attribute (the period card's and the day-total row's figures). */
export async function overlayFigures(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll<HTMLElement>('[data-figure]')).map((el) => [el.dataset.figure!, el.textContent ?? '']),
    ),
  );
}

export interface CanvasImage {
  width: number;
  height: number;
  /** RGBA, row-major. */
  data: Uint8Array;
}

/**
 * The 3D scene's pixels, read from its WebGL drawing buffer in an animation-frame callback that
 * runs right after the app has drawn the frame (so no screenshot, and no overlay, is involved).
 */
export async function canvasImage(page: Page): Promise<CanvasImage> {
  const shot = await page.evaluate(
    () =>
      new Promise<{ width: number; height: number; b64: string }>((resolve, reject) => {
        requestAnimationFrame(() => {
          try {
            const canvas = document.querySelector<HTMLCanvasElement>('.scene canvas');
            const gl = canvas?.getContext('webgl2');
            if (!gl) throw new Error('canvasImage: no WebGL2 canvas');
            const width = gl.drawingBufferWidth;
            const height = gl.drawingBufferHeight;
            const raw = new Uint8Array(width * height * 4);
            gl.bindFramebuffer(gl.FRAMEBUFFER, null);
            gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, raw);
            // WebGL rows run bottom to top; images top to bottom.
            const rows = new Uint8Array(raw.length);
            for (let y = 0; y < height; y++)
              rows.set(raw.subarray((height - 1 - y) * width * 4, (height - y) * width * 4), y * width * 4);
            let binary = '';
            for (let i = 0; i < rows.length; i += 0x8000) binary += String.fromCharCode(...rows.subarray(i, i + 0x8000));
            resolve({ width, height, b64: btoa(binary) });
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
      }),
  );
  return { width: shot.width, height: shot.height, data: new Uint8Array(Buffer.from(shot.b64, 'base64')) };
}

/**
 * Installs `window.__shaderHarness` in the page: the app's own flight and crash vertex shaders
 * (sources from `__sortie.twin.inputs()`, as the renderer compiles them) in a separate WebGL2
 * context, fed the route table and every per-instance attribute the renderer binds, run with
 * transform feedback. `run(shader, time)` returns each instance's gl_Position for a vertex at
 * the model origin with identity view and projection: the world position of the aircraft (or
 * of its crash marker), or the shaders' off-screen sentinel (2, 2, 2, 1) when nothing is drawn.
 */
export async function installShaderHarness(page: Page): Promise<{ instances: number; attributes: string[] }> {
  return page.evaluate(() => {
    interface Inputs {
      flightVertexShader: string;
      crashVertexShader: string;
      maxWaypoints: number;
      routes: { count: number; data: Float32Array };
      instances: number;
      attributes: Record<string, { array: Float32Array; size: number }>;
      uniforms: Record<string, number>;
    }
    const w = window as unknown as { __sortie: { twin: { inputs(): Inputs | null } }; __shaderHarness?: unknown };
    const inputs = w.__sortie.twin.inputs();
    if (!inputs) throw new Error('shader harness: no scene to probe');
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) throw new Error('shader harness: no WebGL2');
    const n = inputs.instances;

    const routes = gl.createTexture();
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, routes);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    const rows = Math.max(1, inputs.routes.count);
    const routeData = new Float32Array(inputs.maxWaypoints * rows * 4);
    routeData.set(inputs.routes.data);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32F, inputs.maxWaypoints, rows, 0, gl.RGBA, gl.FLOAT, routeData);

    const buffers = new Map<string, { buffer: WebGLBuffer; size: number }>();
    for (const [name, a] of Object.entries(inputs.attributes)) {
      const buffer = gl.createBuffer();
      gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
      gl.bufferData(gl.ARRAY_BUFFER, a.array, gl.STATIC_DRAW);
      buffers.set(name, { buffer, size: a.size });
    }
    const output = gl.createBuffer();
    gl.bindBuffer(gl.TRANSFORM_FEEDBACK_BUFFER, output);
    gl.bufferData(gl.TRANSFORM_FEEDBACK_BUFFER, Math.max(1, n) * 16, gl.DYNAMIC_READ);
    gl.bindBuffer(gl.TRANSFORM_FEEDBACK_BUFFER, null);
    const feedback = gl.createTransformFeedback();

    // What three.js declares ahead of a GLSL3 ShaderMaterial's own source.
    const prefix = [
      '#version 300 es',
      'uniform mat4 modelMatrix;',
      'uniform mat4 modelViewMatrix;',
      'uniform mat4 projectionMatrix;',
      'uniform mat4 viewMatrix;',
      'uniform mat3 normalMatrix;',
      'uniform vec3 cameraPosition;',
      'in vec3 position;',
      'in vec3 normal;',
      'in vec2 uv;',
      '',
    ].join('\n');
    const fragment = '#version 300 es\nprecision highp float;\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n';
    const shader = (type: number, source: string) => {
      const s = gl.createShader(type)!;
      gl.shaderSource(s, source);
      gl.compileShader(s);
      if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`shader harness: ${gl.getShaderInfoLog(s)}`);
      return s;
    };
    const identity = new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const setups = new Map<string, { program: WebGLProgram; vao: WebGLVertexArrayObject; time: WebGLUniformLocation | null }>();
    const setup = (which: 'flight' | 'crash') => {
      const ready = setups.get(which);
      if (ready) return ready;
      const program = gl.createProgram();
      gl.attachShader(
        program,
        shader(gl.VERTEX_SHADER, prefix + (which === 'flight' ? inputs.flightVertexShader : inputs.crashVertexShader)),
      );
      gl.attachShader(program, shader(gl.FRAGMENT_SHADER, fragment));
      gl.transformFeedbackVaryings(program, ['gl_Position'], gl.SEPARATE_ATTRIBS);
      gl.linkProgram(program);
      if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`shader harness: ${gl.getProgramInfoLog(program)}`);
      const vao = gl.createVertexArray();
      gl.bindVertexArray(vao);
      const attributeCount = gl.getProgramParameter(program, gl.ACTIVE_ATTRIBUTES) as number;
      for (let k = 0; k < attributeCount; k++) {
        const name = gl.getActiveAttrib(program, k)!.name;
        const loc = gl.getAttribLocation(program, name);
        const b = buffers.get(name);
        if (b) {
          gl.bindBuffer(gl.ARRAY_BUFFER, b.buffer);
          gl.enableVertexAttribArray(loc);
          gl.vertexAttribPointer(loc, b.size, gl.FLOAT, false, 0, 0);
          gl.vertexAttribDivisor(loc, 1);
        } else if (name === 'position' || name === 'uv') gl.vertexAttrib4f(loc, 0, 0, 0, 1);
        else if (name === 'normal') gl.vertexAttrib4f(loc, 0, 1, 0, 1);
        else throw new Error(`shader harness: attribute ${name} is not among the renderer's`);
      }
      gl.bindVertexArray(null);
      gl.useProgram(program);
      const uniformCount = gl.getProgramParameter(program, gl.ACTIVE_UNIFORMS) as number;
      for (let k = 0; k < uniformCount; k++) {
        const name = gl.getActiveUniform(program, k)!.name;
        const loc = gl.getUniformLocation(program, name);
        if (name === 'uRoutes') gl.uniform1i(loc, 0);
        else if (/Matrix$/.test(name)) gl.uniformMatrix4fv(loc, false, identity);
        else if (name in inputs.uniforms) gl.uniform1f(loc, inputs.uniforms[name]!);
        else throw new Error(`shader harness: uniform ${name} has no value`);
      }
      const s = { program, vao, time: gl.getUniformLocation(program, 'uTime') };
      setups.set(which, s);
      return s;
    };

    const run = (which: 'flight' | 'crash', time: number): Float32Array => {
      const s = setup(which);
      gl.useProgram(s.program);
      gl.uniform1f(s.time, time);
      gl.bindVertexArray(s.vao);
      gl.bindTransformFeedback(gl.TRANSFORM_FEEDBACK, feedback);
      gl.bindBufferBase(gl.TRANSFORM_FEEDBACK_BUFFER, 0, output);
      gl.enable(gl.RASTERIZER_DISCARD);
      gl.beginTransformFeedback(gl.POINTS);
      gl.drawArraysInstanced(gl.POINTS, 0, 1, n);
      gl.endTransformFeedback();
      gl.disable(gl.RASTERIZER_DISCARD);
      gl.bindBufferBase(gl.TRANSFORM_FEEDBACK_BUFFER, 0, null);
      gl.bindTransformFeedback(gl.TRANSFORM_FEEDBACK, null);
      gl.bindVertexArray(null);
      const out = new Float32Array(n * 4);
      gl.bindBuffer(gl.COPY_READ_BUFFER, output);
      gl.getBufferSubData(gl.COPY_READ_BUFFER, 0, out);
      gl.bindBuffer(gl.COPY_READ_BUFFER, null);
      const error = gl.getError();
      if (error !== gl.NO_ERROR) throw new Error(`shader harness: WebGL error ${error}`);
      return out;
    };
    w.__shaderHarness = { instances: n, run };
    return { instances: n, attributes: Object.keys(inputs.attributes) };
  });
}
