import type { Migration } from "kysely";
import * as organisation from "./20261123110000_organisation.js";
import * as customers from "./20261123110100_customers.js";
import * as cases from "./20261123110200_cases.js";
import * as eventLog from "./20261123110300_event_log.js";
import * as caseRecords from "./20261123110400_case_records.js";
import * as lettersAndPlatform from "./20261123110500_letters_and_platform.js";
import * as loginFailures from "./20261123120000_login_failures.js";
import * as printBatches from "./20261125100000_print_batches.js";
import * as reportCalendarAndFacts from "./20261126100000_report_calendar_and_facts.js";
import * as learningAndResolutionPlans from "./20261126100100_learning_and_resolution_plans.js";
import * as qualityAssurance from "./20261126100200_quality_assurance.js";
import * as equalityMonitoring from "./20261126100300_equality_monitoring.js";
import * as workQueueIndex from "./20261202100000_work_queue_index.js";
import * as serverSecrets from "./20261202110000_server_secrets.js";
import * as keyedAuditLog from "./20261207110000_keyed_audit_log.js";
import * as staffRoleRequests from "./20261207110100_staff_role_requests.js";
import * as loginFailuresByAccountAndAddress from "./20261207120100_login_failures_by_account_and_address.js";
import * as temporaryPasswords from "./20261207140000_temporary_passwords.js";
import * as councilHosts from "./20261208100000_council_hosts.js";
import * as correspondenceDelivery from "./20261209100000_correspondence_delivery.js";
import * as residentChannels from "./20261209120000_resident_channels.js";
import * as reportFactsSentDates from "./20261209130000_report_facts_sent_dates.js";
import * as lettersWaitingByCase from "./20261209130300_letters_waiting_by_case.js";
import * as satisfactionSurvey from "./20261209140000_satisfaction_survey.js";
import * as inboundMessages from "./20261209150500_inbound_messages.js";
import * as conductLettersOnACase from "./20261209163210_conduct_letters_on_a_case.js";
import * as mergedCasesCountedOnce from "./20261212100000_merged_cases_counted_once.js";
import * as savedViews from "./20261213100000_saved_views.js";
import * as casesAwaitingApproval from "./20261215100000_cases_awaiting_approval.js";
import * as publicFormDrafts from "./20261216100000_public_form_drafts.js";

/**
 * Every migration, by name. Names sort in the order they run (`YYYYMMDDHHmmss_snake_case`).
 * Add new migrations at the end; never rename, reorder or edit a shipped one.
 */
export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  "20261123110000_organisation": organisation,
  "20261123110100_customers": customers,
  "20261123110200_cases": cases,
  "20261123110300_event_log": eventLog,
  "20261123110400_case_records": caseRecords,
  "20261123110500_letters_and_platform": lettersAndPlatform,
  "20261123120000_login_failures": loginFailures,
  "20261125100000_print_batches": printBatches,
  "20261126100000_report_calendar_and_facts": reportCalendarAndFacts,
  "20261126100100_learning_and_resolution_plans": learningAndResolutionPlans,
  "20261126100200_quality_assurance": qualityAssurance,
  "20261126100300_equality_monitoring": equalityMonitoring,
  "20261202100000_work_queue_index": workQueueIndex,
  "20261202110000_server_secrets": serverSecrets,
  "20261207110000_keyed_audit_log": keyedAuditLog,
  "20261207110100_staff_role_requests": staffRoleRequests,
  "20261207120100_login_failures_by_account_and_address": loginFailuresByAccountAndAddress,
  "20261207140000_temporary_passwords": temporaryPasswords,
  "20261208100000_council_hosts": councilHosts,
  "20261209100000_correspondence_delivery": correspondenceDelivery,
  "20261209120000_resident_channels": residentChannels,
  "20261209130000_report_facts_sent_dates": reportFactsSentDates,
  "20261209130300_letters_waiting_by_case": lettersWaitingByCase,
  "20261209140000_satisfaction_survey": satisfactionSurvey,
  "20261209150500_inbound_messages": inboundMessages,
  "20261209163210_conduct_letters_on_a_case": conductLettersOnACase,
  "20261212100000_merged_cases_counted_once": mergedCasesCountedOnce,
  "20261213100000_saved_views": savedViews,
  "20261215100000_cases_awaiting_approval": casesAwaitingApproval,
  "20261216100000_public_form_drafts": publicFormDrafts,
});
