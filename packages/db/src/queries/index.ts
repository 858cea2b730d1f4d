/**
 * The repositories behind `@complaints/api`'s sign-in, notifications, sweep and
 * Ombudsman pages (the case reads are part of `caseRepository`), exported through the index.
 */
export { authRepository, type RoleGrantRow, type StaffIdentity, type NewStaff as StaffInsert, type StaffUpdate, type SessionRecord, type ApiKeyRecord } from "./auth.js";
export { notificationRepository, type NewNotification, type OutboxEntry, type OutboxFilter, type OutboxRecipient } from "./notifications.js";
export { type VisibilityScope, type CaseAccessFacts, type WorkQueueQuery, type WorkQueueRow, type CaseReadRecord } from "./cases.js";
export { sweepRepository, type SweepDue, type OpenServiceRequest } from "./sweep.js";
export { ombudsmanRepository, type OmbudsmanEnquiryQuery, type OmbudsmanEnquiryListRow } from "./ombudsman.js";
