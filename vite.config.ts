import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The Content-Security-Policy of the production build: scripts, styles, fonts, images, workers and
 * requests from the app's own origin only; no eval, no inline script, no plugins, no framing.
 * `style-src` needs no 'unsafe-inline': CSS ships as files, and React (R3F's canvas wrapper
 * included) sets style props through the CSSOM, which CSP does not govern; only `<style>`
 * elements and `style` attributes in markup would need it, and nothing here writes those
 * (tests/e2e/csp.test.ts fails on any violation). `data:` and `blob:` cover the app's own
 * generated images, fonts and workers.
 */
const CSP: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};
const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/**
 * Puts the policy into the built index.html as a <meta>, so it holds on any static server
 * (`dist/` is copied to museum intranets). A meta policy cannot carry `frame-ancestors` (browsers
 * ignore it there, and log an error), so that one comes only with the header `vite preview` sends
 * (and that a server should send). Not applied to the dev server: its HMR client injects styles.
 */
function contentSecurityPolicy(): Plugin {
  const meta = Object.fromEntries(Object.entries(CSP).filter(([name]) => name !== 'frame-ancestors'));
  return {
    name: 'sortie:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy(meta) }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * zod probes whether it may compile validators with `new Function` the first time it builds an
 * object schema; under the policy above that probe is refused and reported as a violation (and a
 * console error) even though zod catches it. Starting zod jitless, as it would end up anyway,
 * keeps the build free of violations. Fails the build if zod changes how it keeps its config.
 */
function zodWithoutEval(): Plugin {
  const initial = '(_a.__zod_globalConfig = {})';
  return {
    name: 'sortie:zod-without-eval',
    apply: 'build',
    transform: {
      filter: { id: /[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/ },
      handler(code, id) {
        if (!code.includes(initial)) this.error(`${id}: zod no longer starts its config with ${initial}; update zodWithoutEval`);
        return { code: code.replace(initial, '(_a.__zod_globalConfig = { jitless: true })'), map: null };
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    zodWithoutEval(),
    // A kiosk must keep running with the network unplugged: the service worker precaches the
    // whole build (see docs/offline.md). Registration lives in src/app/sw.ts, a module rather
    // than an inline script, so a strict Content-Security-Policy can forbid inline scripts.
    VitePWA({
      strategies: 'generateSW',
      injectRegister: false,
      // 'prompt': a new version waits until src/app/sw.ts says it is safe to switch (never in
      // the middle of a visit), instead of swapping the files under a running page.
      registerType: 'prompt',
      manifest: false,
      workbox: {
        // Everything the build emits: HTML, JS and CSS chunks (campaign records and the terrain
        // index and shore lines are JS chunks), fonts and every terrain tile. The glob is
        // deliberately not a list of extensions, so a new kind of asset cannot be forgotten.
        globPatterns: ['**/*'],
        // Files a museum edits after the build must not be frozen at their build-time copy:
        // they are cached at run time instead (network first, the cache when offline).
        globIgnores: ['config/**'],
        // Well above the largest file of the build (the European shorelines chunk, 1.2 MB), so
        // that nothing is silently left out; tests/e2e/offline.test.ts checks every file.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        // Any navigation (?campaign=…, ?mode=kiosk, /kiosk) gets the app shell when offline.
        navigateFallback: 'index.html',
        // The first install takes control at once, so the first visit is already offline-ready.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // One file to serve and to allow in a CSP (worker-src 'self'), no importScripts.
        inlineWorkboxRuntime: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /\/config\/[^/]+\.json$/.test(url.pathname),
            handler: 'NetworkFirst',
            options: { cacheName: 'sortie-config', networkTimeoutSeconds: 3 },
          },
        ],
      },
    }),
  ],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // three.js changes rarely; a chunk of its own keeps it cached across app releases.
        codeSplitting: { groups: [{ name: 'three', test: /node_modules[\\/]three[\\/]/ }] },
      },
    },
  },
  server: { port: 5173 },
  // What `vite preview` (and the e2e tests, through it) serves: the policy as a real header, frame-ancestors included.
  preview: { port: 4173, headers: { 'Content-Security-Policy': policy(CSP) } },
});
