export {
  adultSocialCareServicePlugin,
  adultSocialCareIntake,
  offerToDiscussParagraph,
  annualReport,
  ASC_RULES,
  SI as ASC_REGULATIONS,
} from "./plugin.js";
