/**
 * Customers: finding them at intake, their history, and the persistent / unreasonable
 * complainant process (a customer-level lifecycle in core, stored like a case).
 */
import type { ConductCommand, ConductState, Effect } from "@complaints/core";
import { applyCustomerConductCommand, conductRepository, customerRepository } from "@complaints/db";
import type { Context } from "../context.js";
import { noAccess, notFound, refused } from "../errors.js";
import { hasRole, readDecision, rolesIn, type StaffPrincipal } from "../access/principal.js";
import { CASE_LOGGERS, CASE_READERS, CONDUCT_ROLES, type StaffRole } from "../access/policy.js";
import { recordReads } from "./cases.js";

/** The answer for a customer who does not exist and for one the staff member may not see alike. */
export const NO_SUCH_CUSTOMER = "There is no such customer, or you cannot see them";

/**
 * The cases of each customer that the staff member may read (issue 20): a customer, their
 * contact details and their persistent-complainant record are seen only through one of them,
 * so a customer whose only case is restricted, or about the staff member, stays out of sight.
 */
async function readableCasesOf(ctx: Context, staff: StaffPrincipal, customerIds: readonly string[]) {
  const facts = await customerRepository.caseAccessFacts(ctx.db, staff.councilId, customerIds);
  return new Map(
    [...facts].map(([customerId, cases]) => [
      customerId,
      cases.filter((f) => readDecision(staff, { councilId: f.councilId, directorateId: f.directorateId, restricted: f.restricted, aboutStaffIds: f.aboutStaffIds, handlerId: f.assignedStaffId }).ok),
    ]),
  );
}

/** The customer, when in the staff member's council and seen through a case they may read; else "not found". */
export async function visibleCustomer(ctx: Context, staff: StaffPrincipal, customerId: string) {
  const customer = await customerRepository.getCustomer(ctx.db, customerId).catch(() => null);
  if (!customer || customer.council_id !== staff.councilId) throw notFound(NO_SUCH_CUSTOMER);
  const cases = (await readableCasesOf(ctx, staff, [customerId])).get(customerId) ?? [];
  if (cases.length === 0) throw notFound(NO_SUCH_CUSTOMER);
  return { customer, cases };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ConductPayload = DistributiveOmit<ConductCommand, "by">;

/** "Is this someone we know?" at intake: customers matching any of the details, best first. */
export async function findCustomers(ctx: Context, staff: StaffPrincipal, lookup: { email?: string | undefined; phone?: string | undefined; postcode?: string | undefined; name?: string | undefined }) {
  if (!hasRole(staff, CASE_LOGGERS) && !hasRole(staff, CASE_READERS)) throw noAccess("Your role cannot look up customers");
  const matches = await customerRepository.findCustomers(ctx.db, {
    councilId: staff.councilId,
    email: lookup.email ?? null,
    phone: lookup.phone ?? null,
    postcode: lookup.postcode ?? null,
    name: lookup.name ?? null,
    limit: 60,
  });
  // Scoped like cases: only customers with a case this person may read.
  const readable = await readableCasesOf(ctx, staff, matches.map((c) => c.id));
  const rows = matches.filter((c) => (readable.get(c.id)?.length ?? 0) > 0).slice(0, 20);
  return rows.map((c) => ({ id: c.id, name: c.full_name, email: c.email, phone: c.phone, postcode: c.postcode, matchedOn: c.matchedOn }));
}

export async function conductCommand(ctx: Context, staff: StaffPrincipal, customerId: string, expectedVersion: number, payload: ConductPayload) {
  const { cases } = await visibleCustomer(ctx, staff, customerId);
  // The role must be held for a directorate of one of the customer's cases this person may read.
  const roles = [...new Set(cases.flatMap((c) => rolesIn(staff, c.directorateId)))].filter((r): r is StaffRole => CONDUCT_ROLES.has(r));
  if (roles.length === 0) {
    throw noAccess("Only the complaints manager, and the DCROs, heads of service and directors of a directorate that holds one of this customer's cases, work the persistent-complainant process for them");
  }
  const command = { ...payload, by: { id: staff.id, roles, name: staff.name } } as ConductCommand;
  const result = await applyCustomerConductCommand(ctx.db, {
    customerId,
    expectedVersion,
    command,
    clock: ctx.clock,
    also: async (trx, applied) => {
      const letters = (applied.effects as Effect[]).filter((e) => e.type === "send-letter");
      await ctx.deps.notifier.enqueue(
        trx,
        letters.map((e, i) => ({
          councilId: staff.councilId,
          caseId: null,
          kind: "letter",
          recipient: { party: "customer" },
          payload: { letter: e.type === "send-letter" ? e.letter : null, customerId, conductVersion: applied.version },
          dedupeKey: `conduct:${customerId}:${applied.version}:${i}`,
        })),
      );
    },
  });
  if (!result.ok) throw refused(result.refusal);
  return { customerId, version: result.version, status: (result.state as ConductState).status };
}

export async function conductOf(ctx: Context, staff: StaffPrincipal, customerId: string) {
  if (!hasRole(staff, CASE_READERS)) throw noAccess("Your role cannot see customers");
  // Readable on the same terms as the process is worked: through a case this person may read.
  const { cases } = await visibleCustomer(ctx, staff, customerId);
  await recordReads(ctx, staff, cases.map((c) => c.id), "customer's persistent-complainant record");
  const conduct = await conductRepository.getConduct<ConductState>(ctx.db, customerId);
  return conduct ? { version: conduct.version, state: conduct.state } : { version: 0, state: null };
}
