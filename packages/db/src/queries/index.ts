/**
 * Queries written for `@complaints/api` (work queues, sign-in, organisation, case reads),
 * kept apart from the repositories of this package and exported through its index.
 */
export { authQueries, type RoleGrantRow, type StaffIdentity, type NewStaff as StaffInsert, type StaffUpdate, type SessionRecord, type ApiKeyRecord } from "./auth.js";
export {
  organisationQueries,
  type CouncilRecord,
  type ProfileStructure,
  type OrganisationIds as OrganisationIdMaps,
  type OrganisationUnit,
  type OrganisationTree,
} from "./organisation.js";
export { notificationQueries, type NewNotification, type OutboxEntry, type OutboxFilter, type OutboxRecipient } from "./notifications.js";
export { caseQueries, type VisibilityScope, type CaseAccessFacts, type WorkQueueQuery, type WorkQueueRow, type CaseReadRecord } from "./cases.js";
export { sweepQueries, type SweepDue, type OpenServiceRequest } from "./sweep.js";
export { ombudsmanQueries, type OmbudsmanEnquiryQuery, type OmbudsmanEnquiryListRow } from "./ombudsman.js";
