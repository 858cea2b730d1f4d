export {
  memberEnquiriesServicePlugin,
  memberEnquiryIntake,
  constituentParagraph,
  monitoring,
  MEMBER_RULES,
} from "./plugin.js";
