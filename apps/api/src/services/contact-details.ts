/**
 * Staff see and change how a customer or representative is written to (issue 15, "Channels per
 * resident"; docs/decisions/0320-resident-channels-and-receipts.md): the stored channel and
 * contact details, the channels core chooses from them and why, and every change kept on the
 * cases' timelines with the previous value (contactRepository).
 */
import type { CaseState, ContactDetailsInput } from "@complaints/core";
import { contactRepository, type ContactDetails } from "@complaints/db";
import type { Context } from "../context.js";
import { noAccess, unprocessable } from "../errors.js";
import { rolesIn, type StaffPrincipal } from "../access/principal.js";
import { CONTACT_EDITORS, type StaffRole } from "../access/policy.js";
import { loadReadableCase, recordRead, recordReads } from "./cases.js";
import { contactPlan } from "./correspondence-recipients.js";
import { retryWaitingLetters } from "./letters.js";
import { visibleCustomer } from "./customers.js";

const CANNOT_CHANGE = "Only customer services, investigating officers, DCROs, the complaints manager and the case's handler change how a resident is written to";

/** The details as they should now be: a field not given is cleared (the form sends them whole). */
function whole(input: ContactDetailsInput): ContactDetails {
  return {
    contactChannel: input.contactChannel ?? null,
    email: input.email?.trim() || null,
    phone: input.phone?.trim() || null,
    address: input.address?.replace(/\r\n?/g, "\n").trim() || null,
    postcode: input.postcode ? input.postcode.trim().toUpperCase() : null,
    smsConsent: input.smsConsent ?? false,
  };
}

function canChangeOnCase(staff: StaffPrincipal, roles: readonly StaffRole[], handlerId: string | null): boolean {
  return handlerId === staff.id || roles.some((r) => CONTACT_EDITORS.has(r));
}

/**
 * The details are saved: the letters those cases had waiting (for an address, say) are tried
 * again now. What happens to each is reported; a failure here does not undo the change (the
 * letters keep waiting, and the delivery job or the next change tries again).
 */
async function lettersNowSent(ctx: Context, caseIds: readonly string[]) {
  try {
    return (await retryWaitingLetters(ctx, caseIds)).map((l) => ({ kindName: l.kindName, status: l.status, missing: l.missing }));
  } catch (error) {
    ctx.deps.log.error("waiting letters not tried again after a contact change", { caseIds, error });
    return [];
  }
}

/** Each party of the case: details, the channels core chose and why, and whether the caller may change them. */
export async function caseContacts(ctx: Context, staff: StaffPrincipal, caseId: string) {
  const { record, roles } = await loadReadableCase(ctx, staff, caseId);
  await recordRead(ctx, staff, caseId, record.councilId, "contact details");
  const plans = await contactPlan(ctx.db, record.state, ctx.deps.notifier.channels);
  return {
    caseId,
    intakeChannel: record.state.channel,
    canChange: canChangeOnCase(staff, roles, record.row.assigned_staff_id),
    parties: plans.map((p) => ({
      party: p.party.party,
      name: p.party.name,
      contactChannel: p.party.channel,
      email: p.party.email,
      phone: p.party.phone,
      address: p.party.address,
      postcode: p.party.postcode,
      smsConsent: p.party.smsConsent,
      addressee: p.addressee,
      channels: p.channels,
      sms: p.sms,
      reasons: p.reasons,
      adjustments: p.adjustments,
      problem: p.problem,
    })),
  };
}

/** Changes the customer's or the representative's details through one of their cases. */
export async function updateCaseContact(ctx: Context, staff: StaffPrincipal, input: { caseId: string; party: "customer" | "representative" } & ContactDetailsInput) {
  const { record, roles } = await loadReadableCase(ctx, staff, input.caseId);
  if (!canChangeOnCase(staff, roles, record.row.assigned_staff_id)) throw noAccess(CANNOT_CHANGE);
  const state: CaseState = record.state;
  const actor = { type: "staff" as const, id: staff.id };
  if (input.party === "representative") {
    if (!state.representative) throw unprocessable("NOT_ALLOWED_NOW", "This case has no representative: record one first");
    const result = await contactRepository.updateRepresentativeContact(ctx.db, { councilId: record.councilId, caseId: record.id, details: whole(input), actor, at: ctx.clock.now(), note: input.note ?? null });
    return { party: input.party, changed: Object.keys(result.changes), details: result.after, letters: await lettersNowSent(ctx, [record.id]) };
  }
  if (!state.customer) throw unprocessable("NOT_ALLOWED_NOW", "This case has no customer: it was made anonymously");
  const result = await contactRepository.updateCustomerContact(ctx.db, { councilId: record.councilId, customerId: state.customer.id, details: whole(input), actor, at: ctx.clock.now(), note: input.note ?? null });
  return { party: input.party, changed: Object.keys(result.changes), details: result.after, letters: await lettersNowSent(ctx, [record.id]) };
}

/** A customer's details, the changes staff made to them, newest first, seen through the cases the caller may read. */
export async function customerContact(ctx: Context, staff: StaffPrincipal, customerId: string) {
  const { customer, cases } = await visibleCustomer(ctx, staff, customerId);
  await recordReads(ctx, staff, cases.map((c) => c.id), "customer's contact details");
  const changes = await contactRepository.customerContactChanges(ctx.db, customerId, cases.map((c) => c.id));
  const canChange = cases.some((c) => c.assignedStaffId === staff.id || rolesIn(staff, c.directorateId).some((r) => CONTACT_EDITORS.has(r)));
  return {
    customerId,
    canChange,
    details: { contactChannel: customer.contact_channel, email: customer.email, phone: customer.phone, address: customer.address, postcode: customer.postcode, smsConsent: customer.sms_consent },
    largePrint: customer.large_print,
    reasonableAdjustments: customer.reasonable_adjustments,
    changes: changes.map((c) => ({ at: c.at.toISOString(), by: c.actorName ?? (c.actorType === "public" ? "The resident (online form)" : "Unknown"), changes: c.changes, note: c.note })),
  };
}

/** Changes a customer's details from their page: recorded on every case of theirs. */
export async function updateCustomerContact(ctx: Context, staff: StaffPrincipal, input: { customerId: string } & ContactDetailsInput) {
  const { cases } = await visibleCustomer(ctx, staff, input.customerId);
  if (!cases.some((c) => c.assignedStaffId === staff.id || rolesIn(staff, c.directorateId).some((r) => CONTACT_EDITORS.has(r)))) throw noAccess(CANNOT_CHANGE);
  const result = await contactRepository.updateCustomerContact(ctx.db, { councilId: staff.councilId, customerId: input.customerId, details: whole(input), actor: { type: "staff", id: staff.id }, at: ctx.clock.now(), note: input.note ?? null });
  return { changed: Object.keys(result.changes), details: result.after, letters: await lettersNowSent(ctx, cases.map((c) => c.id)) };
}
