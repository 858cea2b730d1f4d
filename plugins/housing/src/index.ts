export { housingServicePlugin, housingIntake } from "./plugin.js";
export { repairContinues, housingLetterParagraphs } from "./letters.js";
export { tsmComplaints, selfAssessment, housingReports } from "./reports.js";
export {
  RULES as HOUSING_RULES,
  HOS_CODE,
  HIGH_PRIORITY_ISSUES,
  HOUSING_ISSUES,
  CONTRACTOR_REQUEST_PREFIX,
  REPAIRS_PARTY,
} from "./rules.js";
