import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One Chromium and one preview server for the whole suite; SwiftShader is slow.
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 120_000,
          // A page under a software renderer on a loaded machine can take seconds per frame.
          expect: { poll: { timeout: 10_000, interval: 100 } },
          globalSetup: ['tests/e2e/globalSetup.ts'],
        },
      },
    ],
  },
});
