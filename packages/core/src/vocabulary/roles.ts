/**
 * Who acts on a case: the staff roles (issue 3, "Roles"), plus the public (web forms) and the
 * system (scheduled jobs), which are never granted to a person.
 */

export const STAFF_ROLES = [
  "customer-services",
  "investigating-officer",
  "dcro",
  "complaints-manager",
  "head-of-service",
  "director",
  "quality-assurance",
  "legal",
  "administrator",
  "auditor",
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLES = [...STAFF_ROLES, "public", "system"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  "customer-services": "Customer services officer",
  "investigating-officer": "Investigating officer",
  dcro: "Departmental customer relations officer",
  "complaints-manager": "Central resolution team / complaints manager",
  "head-of-service": "Head of service",
  director: "Director",
  "quality-assurance": "Quality assurance",
  legal: "Legal services",
  administrator: "Administrator",
  auditor: "Read-only auditor",
};
