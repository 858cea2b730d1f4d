export {
  LETTER_ELEMENTS,
  LETTER_SLOTS,
  type CouncilLetterhead,
  type LetterElement,
  type LetterLanguage,
  type LetterModel,
  type LetterRecipient,
  type LetterSection,
  type LetterSignOff,
  type LetterSlot,
  type LetterSubjectPerson,
  type PluginParagraph,
  type PostalAddress,
} from "./model.js";
export {
  LetterContentError,
  assertIssuable,
  checkRequiredContent,
  requiredContent,
  type ContentCheckOptions,
  type ContentRequirement,
  type LetterFact,
  type LetterRulesOf,
  type MissingContent,
} from "./required-content.js";
export {
  COUNCIL_JARGON,
  KNOWN_ABBREVIATIONS,
  checkPlainEnglish,
  type JargonEntry,
  type PlainEnglishOptions,
  type PlainEnglishRule,
  type PlainEnglishWarning,
} from "./plain-english.js";
export {
  LETTER_FONT_FILES,
  LetterLayoutError,
  createLetterDocument,
  letterTitle,
  renderLetterInto,
  renderBilingualLetterPdf,
  renderLetterPdf,
  streamLetterPdf,
  type LetterDocumentOptions,
  type RenderIntoOptions,
  type RenderOptions,
  type RenderedLetter,
} from "./render.js";
export { FALLBACK_FACES, PRIMARY_FACE, describeUndrawable, undrawableCharacters, type UndrawableCharacter } from "./scripts.js";
export { ADDRESS_BLOCK, DL_WINDOW_ON_ENVELOPE, DL_WINDOW_ON_SHEET, LARGE_PRINT, STANDARD_PRINT, type Typography } from "./layout.js";
export { LetterDateError, formatLetterDate, joinSentences, tidyParagraph } from "./words.js";
export {
  NEEDS_REVIEW,
  WORDING,
  letterEmailWording,
  placeholders,
  say,
  type LetterEmailWording,
  type WordingKey,
} from "./wording/index.js";
export { bilingualLetterMessage, letterMessage, type LetterMessage } from "./message.js";
export {
  MANIFEST_HEADER,
  createPrintBatch,
  manifestLine,
  type PrintBatchLetter,
  type PrintBatchManifestRow,
  type PrintBatchOptions,
  type PrintBatchResult,
  type SkippedLetter,
} from "./print-batch.js";
export {
  LetterModelError,
  buildLetterModel,
  withSections,
  type LetterContext,
  type StaffMember,
} from "./build-model.js";
// What the conformance kit builds each plugin's letters with (ConformanceOptions.issueLetter; decision 0407).
export { conformanceLetter } from "./conformance-letter.js";
