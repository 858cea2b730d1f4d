import { defineConfig } from "vitest/config";
import { defineTestConfig } from "@complaints/vitest-config";

// A plugin folder outside the product (src/install.test.ts makes them in the system's temporary
// folder) is loaded by Node, as the running product loads it, not by vitest's transform.
export default defineConfig(defineTestConfig({ server: { deps: { external: [/\/outside-plugin-[^/]+\//] } } }));
