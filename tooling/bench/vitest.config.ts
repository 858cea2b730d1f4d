import { defineConfig } from "vitest/config";
import { defineTestConfig } from "@complaints/vitest-config";

// The generator's tests replay cases through PGlite, whose boot is CPU-bound: while `npm test`
// runs every package at once on a 2-core machine it can take well over a minute.
export default defineConfig(defineTestConfig({ hookTimeout: 180_000, setupFiles: ["test/audit-key.ts"] }));
