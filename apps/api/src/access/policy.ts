/**
 * Who may do what (issue 3, "Roles"). One table per question, so the authorisation matrix
 * test can state the expected answers independently and a change here shows up there.
 *
 * - A role is granted within one directorate, or council-wide. Only the CENTRAL roles may be
 *   granted council-wide; everyone else sees and acts on their own directorate's cases.
 * - Restricted cases (about named staff, discrimination or harassment, sexual harassment,
 *   safeguarding) are read only by RESTRICTED_READERS and the case's own handler.
 * - Nobody reads a case that names them as the subject of the complaint.
 */
import { COMMAND_TYPES, COMMANDS, STAFF_ROLES, type CommandType, type StaffRole } from "@complaints/core";

/** The roles and their labels are core's vocabulary; the API's modules read them from here. */
export { STAFF_ROLES, ROLE_LABELS, type StaffRole } from "@complaints/core";

/** Roles that may be granted council-wide. The front door, the central team and oversight. */
export const CENTRAL_ROLES: ReadonlySet<StaffRole> = new Set<StaffRole>([
  "customer-services",
  "complaints-manager",
  "quality-assurance",
  "legal",
  "auditor",
  "administrator",
]);

/** Everyone but the administrator, who manages the system, not complaints. */
export const CASE_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(STAFF_ROLES.filter((r) => r !== "administrator"));

/**
 * Who may read restricted cases within their scope. The DCRO is among them: the policy has them
 * act on exactly these cases (Leeds paras 28 and 38, discrimination and staff complaints; 53,
 * persistent complainants), and issue 16's audit found the guard's DCRO locked out. The staff a
 * complaint is about never read it, whatever their role (principal.ts).
 */
export const RESTRICTED_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["dcro", "complaints-manager", "head-of-service", "director", "legal"]);

/**
 * Equality monitoring (issue 7; Leeds policy 31–32, 81; docs/rules.md §8: "keep it apart from case
 * handling"). Nobody reads a person's answers back, in any role. The front door and the central
 * team may record a form on the customer's behalf, with their consent (a restricted permission:
 * not the people who investigate); the aggregate report, with small numbers suppressed, is for
 * the council-wide oversight roles.
 */
export const EQUALITY_RECORDERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["customer-services", "complaints-manager"]);
export const EQUALITY_REPORT_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["complaints-manager", "quality-assurance", "auditor"]);
/** The satisfaction survey's aggregate (decision 0516): council-wide, the same readers as equality's. */
export const SATISFACTION_REPORT_READERS: ReadonlySet<StaffRole> = EQUALITY_REPORT_READERS;

/**
 * Who may read the council's complaint figures (annual report, housing measures, social care,
 * lessons learned): the central team, quality assurance and auditors for every directorate;
 * DCROs, Heads of Service and Directors for their own directorates only.
 */
export const REPORT_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["dcro", "complaints-manager", "head-of-service", "director", "quality-assurance", "auditor"]);

/**
 * Who may add milestones to, record progress on and complete improvement actions on cases they
 * may read (besides the action's owner). Agreeing a new action is a case command
 * (COMMAND_ROLES["agree-improvement-action"]).
 */
export const IMPROVEMENT_MANAGERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["dcro", "complaints-manager", "head-of-service", "director"]);

/** Who may make and run resolution plans on cases they may read (besides the case's handler). */
export const RESOLUTION_PLANNERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["investigating-officer", "dcro", "complaints-manager", "head-of-service"]);

/**
 * Quality assurance of complaint handling (seed 002 §8, seed 003 "Complaints Handling Audit"):
 * QA officers and the complaints manager draw samples, review responses, record findings and
 * remedial actions; Heads of Service and Directors read their directorates' audits and close
 * remedial actions given to them; auditors read everything.
 */
export const QA_REVIEWERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["quality-assurance", "complaints-manager"]);
export const QA_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["quality-assurance", "complaints-manager", "auditor", "head-of-service", "director"]);

/**
 * Who may change how a customer or representative is written to (issue 15): those who speak
 * with residents and handle their cases (a case's own handler too, whatever their role).
 */
export const CONTACT_EDITORS: ReadonlySet<StaffRole> = new Set<StaffRole>(["customer-services", "investigating-officer", "dcro", "complaints-manager"]);

/** Who may log a new case into a directorate within their scope. */
export const CASE_LOGGERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["customer-services", "investigating-officer", "dcro", "complaints-manager"]);

/**
 * Who may see a case's tracking code (issue 20, finding 7): the front door, the people who
 * speak with residents about their complaints and log them on the phone (customer services,
 * DCROs, the complaints manager), who may need to read it out once the caller is known
 * (decision 0503). Everyone else who reads the case, auditors included, never needs to act as
 * the resident, so never sees it.
 */
export const TRACKING_CODE_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["customer-services", "dcro", "complaints-manager"]);

/**
 * Who may read the administration log (what administrators did) and run the audit log's
 * verification: auditors, and administrators (issue 20, findings 4 and 11).
 */
export const AUDIT_LOG_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["auditor", "administrator"]);

/** Who may read the record of who read a case. */
export const ACCESS_LOG_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["complaints-manager", "auditor"]);

/** Who sees the inbound mailbox's record: what each email became (services/inbound-mail.ts). */
export const INBOUND_MAIL_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["complaints-manager"]);

/** Who may read the notifications outbox of their scope. */
export const OUTBOX_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["complaints-manager", "dcro", "administrator"]);

/** Who may work the persistent-complainant process (core decides who may warn and designate). */
export const CONDUCT_ROLES: ReadonlySet<StaffRole> = new Set<StaffRole>(["complaints-manager", "head-of-service", "director", "dcro"]);

/**
 * Who may draft and issue letters on a case within their scope (issue 5). The case's handler
 * may too, whatever their role. Everyone who may read the case may read its letters.
 */
export const LETTER_ISSUERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["dcro", "complaints-manager", "head-of-service", "director"]);

/**
 * Who may add files (attachments) to a case within their scope: everyone who works cases;
 * the case's handler may too. Everyone who may read the case may read its files.
 */
export const ATTACHMENT_ADDERS: ReadonlySet<StaffRole> = new Set<StaffRole>([
  "customer-services",
  "investigating-officer",
  "dcro",
  "complaints-manager",
  "head-of-service",
  "director",
  "legal",
]);

/**
 * Who may resend a message to a resident that failed, or mark its failure resolved (sent
 * another way, or checked it arrived): those who write to residents about a case (decision 0318).
 */
export const CORRESPONDENCE_SENDERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["customer-services", "investigating-officer", "dcro", "complaints-manager", "head-of-service", "director"]);

/** Who builds print batches of the letters in their scope, and confirms or cancels them. */
export const LETTER_PRINTERS: ReadonlySet<StaffRole> = new Set<StaffRole>(["customer-services", "dcro", "complaints-manager"]);

/** Who may list and download print batches (printers, and auditors read-only). */
export const PRINT_BATCH_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>([...LETTER_PRINTERS, "auditor"]);

/**
 * The roles that may issue each lifecycle command on a case within their scope: each command
 * module's default roles (packages/core/src/lifecycle/commands/). Plugins can narrow this
 * further (FOI/EIR reviews by a Director); core checks those rules itself.
 */
export const COMMAND_ROLES: Record<Exclude<CommandType, "log">, readonly StaffRole[]> = Object.fromEntries(
  COMMAND_TYPES.map((type) => [type, COMMANDS[type].roles]),
) as { [K in Exclude<CommandType, "log">]: (typeof COMMANDS)[K]["roles"] };

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
