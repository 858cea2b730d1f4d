export {
  exampleServicePlugin,
  exampleIntake,
  siteParagraph,
  exampleReport,
  EXAMPLE_RULES,
} from "./plugin.js";
