/**
 * Every closed list of the product, defined once with its labels (issue 13). Pure data, no
 * zod: the portal's browser code imports it as `@complaints/core/vocabulary`.
 */
export * from "./case.js";
export * from "./outcomes.js";
export * from "./roles.js";
export * from "./letters.js";
export * from "./satisfaction.js";
export * from "./inbound.js";
export * from "./sent.js";
export * from "./correspondence.js";
export * from "./jurisdictions.js";
