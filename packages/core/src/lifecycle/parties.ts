import type { ResolvedRules } from "../plugin/resolved.js";
import { ROLE_LABELS, type StaffRole } from "../vocabulary/index.js";

/**
 * The parties a council's rules name ("legal", "relevant-chief-officer", "head-of-equality") and
 * who they are. A party the council names in its settings (`contacts`) is that person, told by
 * email; otherwise a party that is a role is the staff with that role in the case's directorate
 * ("relevant-chief-officer": its Director, Leeds para 28). The API resolves addresses from this
 * one table (apps/api/src/services/cases.ts), so a party is never queued to nobody.
 */
export const PARTY_ROLES: Readonly<Record<string, StaffRole>> = {
  "head-of-service": "head-of-service",
  director: "director",
  "relevant-chief-officer": "director",
  legal: "legal",
  "complaints-manager": "complaints-manager",
  dcro: "dcro",
};

/** The council's named contact for a party, if it names one. */
export function contactFor(rules: Pick<ResolvedRules, "contacts">, party: string) {
  return rules.contacts.find((c) => c.party === party) ?? null;
}

/** A party in words: "the Head of Equality (Sam Patel)", "the relevant Chief Officer", "legal services". */
export function partyLabel(rules: Pick<ResolvedRules, "contacts">, party: string): string {
  const contact = contactFor(rules, party);
  if (contact) return `the ${contact.title} (${contact.name})`;
  if (party === "relevant-chief-officer") return "the relevant Chief Officer";
  const role = PARTY_ROLES[party];
  if (role) return ROLE_LABELS[role].toLowerCase();
  return party.replace(/-/g, " ");
}
