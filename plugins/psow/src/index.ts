export { psowServicePlugin } from "./plugin.js";
export { PSOW_RULES, PSOW_POLICY } from "./rules.js";
