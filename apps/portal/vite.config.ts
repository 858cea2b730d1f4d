import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    remix({
      // Helpers (*.server.ts) and tests sit beside the routes that use them.
      ignoredRouteFiles: ["**/*.test.{ts,tsx}", "**/*.server.{ts,tsx}", "**/*.css", "**/*.scss"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  css: {
    preprocessorOptions: {
      scss: {
        api: "modern-compiler",
        loadPaths: ["node_modules"],
        // GOV.UK Frontend's own deprecation notices, not ours.
        quietDeps: true,
        silenceDeprecations: ["import"],
      },
    },
  },
  // Workspace packages are prebuilt and loaded by Node at run time, never bundled: bundling
  // pdfkit or PGlite breaks them (docs/toolchain.md gotcha 5).
  ssr: { external: ["@complaints/api", "@complaints/core", "@complaints/db", "@complaints/letters"] },
  build: { target: "es2022" },
});
