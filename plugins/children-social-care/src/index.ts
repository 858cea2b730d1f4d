export {
  childrenSocialCareServicePlugin,
  childrenIntake,
  advocacyParagraph,
  lgscoParagraph,
  annualReport,
  CHILDREN_RULES,
  PARTICIPANT,
  ADVOCACY_PARTY,
  SI as CHILDREN_REGULATIONS,
} from "./plugin.js";
