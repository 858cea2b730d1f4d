import { defineConfig } from "vitest/config";
import { defineTestConfig } from "@complaints/vitest-config";

export default defineConfig(defineTestConfig());
