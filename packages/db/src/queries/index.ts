/**
 * Queries written for `@complaints/api` (work queues, sign-in, organisation, case reads),
 * kept apart from the repositories of this package and exported through its index.
 */
export { authQueries, type Executor, type RoleGrantRow, type StaffIdentity, type NewStaff, type StaffUpdate, type SessionRecord, type ApiKeyRecord } from "./auth.js";
export {
  organisationQueries,
  type CouncilRecord,
  type ProfileStructure,
  type OrganisationIds,
  type OrganisationUnit,
  type OrganisationTree,
} from "./organisation.js";
export { notificationQueries, type NewNotification, type OutboxEntry, type OutboxFilter, type OutboxRecipient } from "./notifications.js";
