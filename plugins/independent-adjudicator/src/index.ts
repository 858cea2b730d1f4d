export {
  independentAdjudicatorServicePlugin,
  aboutTheAdjudicator,
  afterTheAdjudicator,
  adjudicatorReport,
  ADJUDICATOR_RULES,
  STAGE_ID as ADJUDICATOR_STAGE_ID,
} from "./plugin.js";
