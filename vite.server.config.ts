import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/*
 * The server and CLI as one CommonJS module plus the chunks of what they load at first use
 * (dist/bundle/tend.cjs, required by bin/tend.js). Node 20 resolves, reads, compiles and links
 * each ES module on its own: Tend's ~200 modules with Kysely's 263 and zod's 95 files took
 * about a third of the CPU to the first answer of `tend serve` (docs/performance.md,
 * "Cold start"). Packages written as CommonJS (Fastify, pg, better-sqlite3, …) stay
 * external and are required from node_modules as before; the tsc build in dist/server
 * keeps type-checking the code.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  ssr: {
    // Bundled: ES module packages of many files. Everything else in node_modules stays external.
    noExternal: ['kysely', 'zod'],
  },
  build: {
    ssr: 'src/cli/index.ts',
    outDir: 'dist/bundle',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rollupOptions: {
      // zod's sources carry esbuild-style @__PURE__ comments that Rollup drops with a warning.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
      output: {
        // CommonJS, so that the external CommonJS packages are require()d: imported from an ES
        // module, Node first scans each one's source for its named exports (~0.2 s of CPU at start).
        format: 'cjs',
        entryFileNames: 'tend.cjs',
        chunkFileNames: 'chunks/[name]-[hash].cjs',
      },
    },
  },
});
