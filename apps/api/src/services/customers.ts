/**
 * Customers: finding them at intake, their history, and the persistent / unreasonable
 * complainant process (a customer-level lifecycle in core, stored like a case).
 */
import type { ConductCommand, ConductState, Effect } from "@complaints/core";
import { applyCustomerConductCommand, conductRepository, customerRepository } from "@complaints/db";
import type { Context } from "../context.js";
import { noAccess, notFound, refused } from "../errors.js";
import { allRoles, hasRole, type StaffPrincipal } from "../access/principal.js";
import { CASE_LOGGERS, CASE_READERS, CONDUCT_ROLES } from "../access/policy.js";
import { translateStorageError } from "./cases.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ConductPayload = DistributiveOmit<ConductCommand, "by">;

/** "Is this someone we know?" at intake: customers matching any of the details, best first. */
export async function findCustomers(ctx: Context, staff: StaffPrincipal, lookup: { email?: string | undefined; phone?: string | undefined; postcode?: string | undefined; name?: string | undefined }) {
  if (!hasRole(staff, CASE_LOGGERS) && !hasRole(staff, CASE_READERS)) throw noAccess("Your role cannot look up customers");
  const rows = await customerRepository.findCustomers(ctx.db, {
    councilId: staff.councilId,
    email: lookup.email ?? null,
    phone: lookup.phone ?? null,
    postcode: lookup.postcode ?? null,
    name: lookup.name ?? null,
    limit: 20,
  });
  return rows.map((c) => ({ id: c.id, name: c.full_name, email: c.email, phone: c.phone, postcode: c.postcode, matchedOn: c.matchedOn }));
}

export async function conductCommand(ctx: Context, staff: StaffPrincipal, customerId: string, expectedVersion: number, payload: ConductPayload) {
  const customer = await customerRepository.getCustomer(ctx.db, customerId).catch(() => null);
  if (!customer || customer.council_id !== staff.councilId) throw notFound("There is no such customer");
  const roles = allRoles(staff).filter((r) => CONDUCT_ROLES.has(r));
  if (roles.length === 0) throw noAccess("Only the complaints manager, DCROs, heads of service and directors work the persistent-complainant process");
  const command = { ...payload, by: { id: staff.id, roles, name: staff.name } } as ConductCommand;
  let result;
  try {
    result = await applyCustomerConductCommand(ctx.db, {
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
  } catch (error) {
    throw translateStorageError(error);
  }
  if (!result.ok) throw refused(result.refusal);
  return { customerId, version: result.version, status: (result.state as ConductState).status };
}

export async function conductOf(ctx: Context, staff: StaffPrincipal, customerId: string) {
  const customer = await customerRepository.getCustomer(ctx.db, customerId).catch(() => null);
  if (!customer || customer.council_id !== staff.councilId) throw notFound("There is no such customer");
  if (!hasRole(staff, CASE_READERS)) throw noAccess("Your role cannot see customers");
  const conduct = await conductRepository.getConduct<ConductState>(ctx.db, customerId);
  return conduct ? { version: conduct.version, state: conduct.state } : { version: 0, state: null };
}
