/**
 * The staff sections each role opens. This only decides which links to show: the API decides
 * what each role may read and do, and says so when it refuses.
 */
export interface NavItem {
  href: string;
  text: string;
}

const CASEWORK = ["customer-services", "investigating-officer", "dcro", "complaints-manager", "head-of-service", "director", "quality-assurance", "legal", "auditor"];
const LOGGERS = ["customer-services", "investigating-officer", "dcro", "complaints-manager"];
const LETTERS = ["customer-services", "investigating-officer", "dcro", "complaints-manager"];
const OMBUDSMAN = ["complaints-manager", "head-of-service", "director", "legal", "auditor", "quality-assurance"];
/** Who reads the inbound mailbox's record (the API's INBOUND_MAIL_READERS). */
const INBOUND = ["complaints-manager"];
const QUALITY = ["complaints-manager", "quality-assurance", "head-of-service", "director", "auditor"];
/** Who reads the council's complaint figures (the API's REPORT_READERS): DCROs, Heads of Service and Directors their own directorates. */
const REPORTS = ["dcro", "complaints-manager", "head-of-service", "director", "quality-assurance", "auditor"];
/** Who verifies the event log and reads the administration log (the API's AUDIT_LOG_READERS). */
const AUDIT_LOG = ["auditor", "administrator"];

/** The public's links, for everyone not signed in as staff. */
export function publicNavigation(): NavItem[] {
  return [
    { href: "/complain", text: "Make a complaint" },
    { href: "/track", text: "Check your complaint" },
    { href: "/escalate", text: "Ask for the next stage" },
  ];
}

export function staffNavigation(roles: readonly string[]): NavItem[] {
  const has = (list: readonly string[]) => roles.some((r) => list.includes(r));
  const items: Array<NavItem | false> = [
    has(CASEWORK) && { href: "/cases", text: "Work queue" },
    has(LOGGERS) && { href: "/cases/new", text: "Log a case" },
    has(CASEWORK) && { href: "/customers", text: "Customers" },
    has(LETTERS) && { href: "/letters", text: "Letters" },
    // Auditors read the print batches (the API's PRINT_BATCH_READERS) without writing letters.
    !has(LETTERS) && roles.includes("auditor") && { href: "/letters/print-room", text: "Print room" },
    has(OMBUDSMAN) && { href: "/ombudsman", text: "Ombudsman" },
    has(INBOUND) && { href: "/inbound", text: "Inbound email" },
    has(QUALITY) && { href: "/improvement-actions", text: "Improvement actions" },
    has(QUALITY) && { href: "/audits", text: "Quality audits" },
    has(REPORTS) && { href: "/reports", text: "Reports" },
    roles.includes("administrator") && { href: "/admin", text: "Administration" },
    has(AUDIT_LOG) && { href: "/audit-log", text: "Audit log" },
  ];
  return items.filter((i): i is NavItem => Boolean(i));
}
