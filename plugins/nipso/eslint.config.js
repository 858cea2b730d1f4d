import { config } from "@complaints/eslint-config";

export default config({ boundary: "plugin" });
