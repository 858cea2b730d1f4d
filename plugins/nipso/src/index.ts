export { nipsoServicePlugin } from "./plugin.js";
export { NIPSO_RULES, NIPSO_MCHP } from "./rules.js";
