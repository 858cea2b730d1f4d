import { defineConfig } from "vitest/config";
import { defineTestConfig } from "./index.js";

// This package is plain JavaScript (it must load before anything is built): its tests too.
export default defineConfig(defineTestConfig({ include: ["*.test.js"], hookTimeout: 120_000 }));
