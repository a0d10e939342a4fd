/**
 * Global setup for the `e2e` vitest project.
 *
 * Serves the already-built `dist/` with `vite preview` on a free loopback port and hands
 * the base URL to the tests through `provide('baseURL', ...)`; tests read it with
 * `inject('baseURL')` (see tests/e2e/browser.ts). The server is closed in teardown.
 *
 * It does not build: `npm test` runs `npm run build` before the e2e project.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the preview server, with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
    baseURL: string;
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// SORTIE_DIST lets parallel work build and serve its own copy; `npm test` uses dist/.
const distDir = resolve(root, process.env.SORTIE_DIST ?? 'dist');
const HOST = '127.0.0.1';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const indexHtml = resolve(distDir, 'index.html');
  if (!existsSync(indexHtml)) {
    throw new Error(
      `e2e: ${indexHtml} is missing. The e2e tests run against the production build; ` +
        'run `npm run build` first (or run the whole suite with `npm test`, which builds before the e2e project).',
    );
  }

  const server = await preview({
    root,
    logLevel: 'warn',
    build: { outDir: distDir },
    // Port 0: vite asks the OS for a free ephemeral port; strictPort keeps it from drifting.
    preview: { host: HOST, port: 0, strictPort: true, open: false },
  });

  const address = server.httpServer.address() as AddressInfo | string | null;
  if (address === null || typeof address === 'string') {
    await server.close();
    throw new Error(`e2e: vite preview did not report a TCP address (got ${JSON.stringify(address)})`);
  }
  const baseURL = `http://${HOST}:${address.port}/`;
  project.provide('baseURL', baseURL);

  return async () => {
    await server.close();
  };
}
