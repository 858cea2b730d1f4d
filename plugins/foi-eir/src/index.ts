export {
  foiEirServicePlugin,
  foiEirIntake,
  icoSignpost,
  legalLog,
  FOI_EIR_RULES,
  LEGAL_PARTY,
  EXECUTIVE_MEMBER_PARTY,
} from "./plugin.js";
