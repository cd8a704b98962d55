import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The web chat widget: one self-contained IIFE (no framework, no third-party
 * requests), committed prebuilt at widget/dist/widget.js and served at /widget.js.
 * Rebuild with `npm run build:widget`; test/widget-bundle.test.ts fails when the
 * committed bundle no longer matches its source.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  logLevel: "warn",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2019",
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    lib: { entry: "src/main.ts", formats: ["iife"], name: "AtendeChat", fileName: () => "widget.js" },
  },
});
