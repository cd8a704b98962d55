import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The agent and admin console: a single-page app served by the API at `/` (built into
 * console/dist, never committed; `npm start` rebuilds it when its sources change).
 * Admin, dashboard and charts are separate chunks loaded on first visit.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  // Errors only: third-party "use client" directive notes and plugin timings are noise in `npm start`.
  logLevel: "error",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    assetsInlineLimit: 0,
    rollupOptions: {
      // GraphiQL (/graphiql outside production) is a second page with its own chunks.
      input: {
        index: fileURLToPath(new URL("index.html", import.meta.url)),
        graphiql: fileURLToPath(new URL("graphiql.html", import.meta.url)),
      },
    },
  },
  server: { proxy: { "/graphql": { target: "http://127.0.0.1:4000", ws: true } } },
});
