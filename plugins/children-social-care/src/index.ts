export {
  childrenSocialCareServicePlugin,
  childrenIntake,
  advocacyParagraph,
  annualReport,
  CHILDREN_RULES,
  PARTICIPANT,
  PANEL_MILESTONES,
  ADVOCACY_PARTY,
  SI as CHILDREN_REGULATIONS,
} from "./plugin.js";
