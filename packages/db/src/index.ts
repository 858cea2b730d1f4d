/**
 * @complaints/db — the storage layer, and the only package that writes SQL.
 *
 * ```ts
 * const { db, close } = await createDb({ url });     // PostgreSQL; createDb() is an in-memory PGlite
 * await migrateToLatest(db);
 * const logged = await logCase(db, { councilId, command, customer, rules, clock, idempotency });
 * const next = await applyCaseCommand(db, { caseId, expectedVersion, command, rules, clock });
 * ```
 *
 * Every repository function takes the database (or an open transaction) first.
 */
export {
  createDb,
  type CreateDbOptions,
  type Database,
  type Dialect,
} from "./client.js";
export {
  migrateDown,
  migrateToEmpty,
  migrateToLatest,
  migrationProvider,
  pendingMigrations,
  ping,
  type MigrationOutcome,
} from "./migrate.js";
export { inTransaction, type Executor } from "./executor.js";
export {
  AttachmentRejectedError,
  type AttachmentRejection,
  ConflictError,
  IdempotencyKeyReusedError,
  IntegrityError,
  NotFoundError,
  SQLSTATE,
  isDatabaseUnavailable,
} from "./errors.js";

// Cases: one transaction per command, optimistic concurrency, idempotent intake.
export {
  applyCommand,
  caseRepository,
  createCase,
  type AppliedCommand,
  type ApplyCommandInput,
  type ApplyCommandResult,
  type CaseProjection,
  type CaseRecord,
  type CreateCaseInput,
  type CreateCaseResult,
  type EventLike,
  type TransitionOutcome,
} from "./cases.js";
export {
  actorOf,
  applyCaseCommand,
  applyCustomerConductCommand,
  logCase,
  projectCaseState,
  type ApplyCaseCommandInput,
  type LogCaseInput,
} from "./lifecycle.js";
export {
  conductRepository,
  type AppliedConductCommand,
  type ApplyConductCommandInput,
  type ConductProjection,
  type ConductRecord,
} from "./conduct.js";

// The event log.
export {
  appendEvents,
  eventHash,
  HASH_LAYOUT,
  headMac,
  LEGACY_SEAL,
  listEvents,
  sealLegacyStreams,
  streamKey,
  verifyAllChains,
  verifyEventChain,
  type Actor,
  type ChainFailure,
  type ChainProblem,
  type ChainVerification,
  type HashLayout,
  type LogVerification,
  type NewEvent,
  type StoredEvent,
  type Stream,
} from "./events.js";
export { AUDIT_KEY_MIN_LENGTH, AuditKeyMissingError, hasAuditKey, setAuditKey } from "./audit-key.js";
export { grantApplicationRole, roleRights } from "./roles.js";
export { adminLog, roleRequests, type RoleRequest } from "./admin-log.js";
export { canonicalJson, sha256Hex, toJsonValue, type JsonValue } from "./canonical.js";

// Reads.
export {
  findPossibleDuplicates,
  listCustomerCases,
  listOpenCasesByNextDue,
  searchCases,
  searchRepository,
  type AccessScope,
  type CaseSearch,
  type CaseSearchHit,
  type CaseSummary,
  type DuplicateCheck,
  type DuplicateReason,
  type PossibleDuplicate,
  type WorkQueueItem,
} from "./search.js";

// Councils and their structure, customers, attachments, letters, print batches, idempotency, secrets.
export {
  organisationRepository,
  normaliseHostName,
  type CouncilRecord,
  type OrganisationIds,
  type OrganisationTree,
  type OrganisationUnit,
  type ProfileStructure,
} from "./organisation.js";
export { customerRepository, type CustomerInput, type CustomerLookup } from "./customers.js";
export {
  contactRepository,
  CONTACT_CHANGE_EVENT,
  CONTACT_FIELDS,
  type ContactChangeRecord,
  type ContactChangeResult,
  type ContactChanges,
  type ContactDetails,
} from "./contact-details.js";
export {
  attachmentRepository,
  defaultAttachmentPolicy,
  ATTACHMENT_TYPES,
  fileNameEnding,
  type AttachmentConfig,
  type AttachmentMeta,
  type AttachmentPolicy,
  type AttachmentStorage,
  type NewAttachment,
} from "./attachments.js";
export {
  letterRepository,
  type IssuedLetterInput,
  type LetterMeta,
  type LetterPosting,
  type LetterPostingStatus,
  type ListedLetter,
} from "./letters.js";
export {
  printBatchRepository,
  type BatchCase,
  type BatchLetter,
  type CancelOutcome,
  type ConfirmOutcome,
  type PrintBatch,
  type WaitingLetter,
} from "./print-batches.js";
export {
  runIdempotently,
  type IdempotencyKey,
} from "./idempotency.js";
export { serverSecretRepository } from "./server-secrets.js";
export { loginFailureRepository } from "./login-failures.js";

export type * from "./schema.js";

// Repositories of sign-in, notifications, the sweep and Ombudsman enquiries; the case reads are part of caseRepository.
export { authRepository, type RoleGrantRow, type StaffIdentity, type NewStaff as StaffInsert, type StaffUpdate, type SessionRecord, type ApiKeyRecord } from "./auth.js";
export { inboundMailRepository, type NewInboundMessage, type InboundMessageRow } from "./inbound-mail.js";
export {
  notificationRepository,
  type NewNotification,
  type OutboxEntry,
  type OutboxFilter,
  type OutboxRecipient,
  type OutboxChannel,
  type OutboxStatus,
  type SentRecord,
  type DeliveryStatusReport,
} from "./notifications.js";
export { type VisibilityScope, type CaseAccessFacts, type WorkQueueQuery, type WorkQueueRow, type CaseReadRecord } from "./case-reads.js";
export { sweepRepository, type SweepDue, type OpenServiceRequest } from "./sweep.js";
export { ombudsmanRepository, type OmbudsmanEnquiryQuery, type OmbudsmanEnquiryListRow } from "./ombudsman.js";
export { savedViewRepository, type NewSavedView, type SavedView } from "./saved-views.js";
export { satisfactionRepository, surveyDedupeKey, type SurveyClosure, type SurveyInvitation, type SatisfactionCountRow } from "./satisfaction.js";

// Reports, learning, quality assurance and equality monitoring (issue 7; src/reports/).
export * from "./reports/index.js";
export { publicDraftRepository, type PublicFormDraft } from "./public-drafts.js";
