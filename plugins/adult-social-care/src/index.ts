export {
  adultSocialCareServicePlugin,
  adultSocialCareIntake,
  offerToDiscussParagraph,
  lgscoParagraph,
  annualReport,
  ASC_RULES,
  SI as ASC_REGULATIONS,
} from "./plugin.js";
