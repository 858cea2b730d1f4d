/**
 * @complaints/core/testing — what plugin authors test with: the conformance kit every
 * service plugin runs, and `CaseScenario`, which takes one case through `transition` command
 * by command on fixed dates. Framework-free: pass your own `describe`/`it`/`expect`.
 */
export {
  runPluginConformance,
  conformanceProblems,
  conformanceProfile,
  CONFORMANCE_CHECKS,
  type ConformanceCheck,
  type ConformanceOptions,
  type ConformanceProblem,
  type ConformanceTestApi,
  type StageScript,
} from "./conformance.js";
export {
  CaseScenario,
  ScenarioRefusalError,
  EVERY_STAFF_ROLE,
  instantOf,
  type StepCommand,
  type LogFields,
} from "./scenario.js";
