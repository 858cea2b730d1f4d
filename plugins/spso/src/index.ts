export { spsoServicePlugin } from "./plugin.js";
export { SPSO_RULES, MCHP, CUSTOMER_CHP } from "./rules.js";
