import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Test files share their worker's module cache (a file's imports load once per worker, not
    // once per file): ~20 s less on two cores. Tests about what a process loads run a fresh process
    // (test/helpers/fresh-process.ts).
    isolate: false,
    // Measured on 2 cores: the end-to-end tests wait on the processes they spawn, so three workers
    // finish the default suite fastest (55-57 s; two workers 76 s, four 71 s, threads 62-66 s).
    maxWorkers: 3,
    // Transformed modules are kept in node_modules/.experimental-vitest-cache between runs.
    experimental: { fsModuleCache: true },
  },
});
