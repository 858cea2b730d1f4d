/**
 * Customers: finding them at intake, their history, and the persistent / unreasonable
 * complainant process (a customer-level lifecycle in core, stored like a case).
 */
import { LETTER_KIND_NAMES, type ConductCommand, type ConductState, type Effect, type LetterKind } from "@complaints/core";
import { applyCustomerConductCommand, caseRepository, conductRepository, customerRepository, letterRepository, notificationRepository } from "@complaints/db";
import type { LetterElement } from "@complaints/letters";
import type { Context } from "../context.js";
import { noAccess, notFound, refused } from "../errors.js";
import { hasRole, readDecision, rolesIn, type StaffPrincipal } from "../access/principal.js";
import { CASE_LOGGERS, CASE_READERS, CONDUCT_ROLES, type StaffRole } from "../access/policy.js";
import { recordReads } from "./cases.js";
import { CONDUCT_LETTERS, issueStepLetters, letterUrl } from "./letters.js";

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

/** The officer's words for the letter a conduct step sends (what the behaviour was), typed in the step's form. */
export interface ConductLetterWords {
  sections?: Array<{ element: LetterElement; heading?: string | undefined; paragraphs: string[] }> | undefined;
}

/**
 * One step of the persistent-complainant process. A step that writes to the customer (a
 * warning, a designation, a review: Leeds policy paras 54–56) drafts its letter from the
 * customer's record and the officer's words and issues it as the person who ran it, once the
 * step has committed, like a case step's letter (decision 0321); an incomplete one waits as a
 * task on the case it is filed on, saying what it lacks.
 *
 * A letter needs a case: its reference, its chain of events, its correspondence rows and the
 * work queue all hang on one. A conduct letter is filed on the customer's latest case (by the
 * date received) among those the person running the step may read, and goes on that case's
 * channel unless the customer asked for another (decision 0321, "Letters about a customer").
 */
export async function conductCommand(ctx: Context, staff: StaffPrincipal, customerId: string, expectedVersion: number, payload: ConductPayload, words?: ConductLetterWords) {
  const { cases } = await visibleCustomer(ctx, staff, customerId);
  // The role must be held for a directorate of one of the customer's cases this person may read.
  const roles = [...new Set(cases.flatMap((c) => rolesIn(staff, c.directorateId)))].filter((r): r is StaffRole => CONDUCT_ROLES.has(r));
  if (roles.length === 0) {
    throw noAccess("Only the complaints manager, and the DCROs, heads of service and directors of a directorate that holds one of this customer's cases, work the persistent-complainant process for them");
  }
  const filedOn = cases[0]!;
  const command = { ...payload, by: { id: staff.id, roles, name: staff.name } } as ConductCommand;
  let letterIds: number[] = [];
  const result = await applyCustomerConductCommand(ctx.db, {
    customerId,
    expectedVersion,
    command,
    clock: ctx.clock,
    also: async (trx, applied) => {
      const letters = (applied.effects as Effect[]).flatMap((e) => (e.type === "send-letter" ? [e] : []));
      if (letters.length === 0) return;
      const { reference } = await caseRepository.getCase(trx, filedOn.id);
      letterIds = await ctx.deps.notifier.enqueue(
        trx,
        letters.map((e, i) => ({
          councilId: staff.councilId,
          caseId: filedOn.id,
          kind: "letter",
          recipient: { party: "customer" },
          payload: {
            letter: e.letter,
            stageId: null,
            to: "customer",
            dueOn: null,
            reference,
            customerId,
            conductVersion: applied.version,
            // Who ran the step issues its letter (decision 0321); a conduct step is no case command.
            by: staff.id,
            ...(words?.sections?.length ? { sections: words.sections } : {}),
          },
          dedupeKey: `conduct:${customerId}:${applied.version}:${i}`,
        })),
      );
    },
  });
  if (!result.ok) throw refused(result.refusal);
  const letters = letterIds.length ? await issueStepLetters(ctx, filedOn.id, letterIds) : [];
  return { customerId, version: result.version, status: (result.state as ConductState).status, caseId: filedOn.id, letters };
}

export async function conductOf(ctx: Context, staff: StaffPrincipal, customerId: string) {
  if (!hasRole(staff, CASE_READERS)) throw noAccess("Your role cannot see customers");
  // Readable on the same terms as the process is worked: through a case this person may read.
  const { cases } = await visibleCustomer(ctx, staff, customerId);
  await recordReads(ctx, staff, cases.map((c) => c.id), "customer's persistent-complainant record");
  const conduct = await conductRepository.getConduct<ConductState>(ctx.db, customerId);
  const letters = await conductLetters(ctx, staff.councilId, customerId, cases.map((c) => c.id));
  return conduct ? { version: conduct.version, state: conduct.state, letters } : { version: 0, state: null, letters };
}

/** A letter about the customer's conduct, on the customer's page: waiting (and what it lacks) or issued. */
export interface ConductLetterView {
  kind: string;
  kindName: string;
  status: "waiting" | "issued";
  caseId: string;
  reference: string | null;
  /** The pending letter, while it waits: its draft page is /cases/<caseId>/letters/<outboxId>. */
  outboxId: number | null;
  letterId: string | null;
  /** The issued letter's PDF. */
  downloadUrl: string | null;
  missing: string[];
  at: string;
}

/**
 * The conduct letters on the customer's cases this person may read, oldest first: those
 * waiting for someone (decision 0321: the task is also on the case and in the work queue) and
 * those issued.
 */
async function conductLetters(ctx: Context, councilId: string, customerId: string, caseIds: readonly string[]): Promise<ConductLetterView[]> {
  const waiting = (await notificationRepository.list(ctx.db, { councilId, caseIds, kinds: ["letter"], unsentOnly: true, limit: 200 })).filter(
    (row) => !row.failedAt && (row.payload as { customerId?: unknown }).customerId === customerId,
  );
  const out: ConductLetterView[] = waiting.map((row) => {
    const payload = row.payload as { letter?: unknown; reference?: unknown; missing?: unknown };
    const kind = String(payload.letter);
    return {
      kind,
      kindName: LETTER_KIND_NAMES[kind as LetterKind] ?? kind,
      status: "waiting",
      caseId: row.caseId!,
      reference: typeof payload.reference === "string" ? payload.reference : null,
      outboxId: row.id,
      letterId: null,
      downloadUrl: null,
      missing: Array.isArray(payload.missing) ? payload.missing.map(String) : [],
      at: row.createdAt.toISOString(),
    };
  });
  for (const caseId of caseIds) {
    const issued = (await letterRepository.listLetters(ctx.db, caseId)).filter((letter) => CONDUCT_LETTERS.has(letter.kind as LetterKind));
    const reference = issued.length ? (await caseRepository.getCase(ctx.db, caseId)).reference : null;
    for (const letter of issued) {
      out.push({
        kind: letter.kind,
        kindName: LETTER_KIND_NAMES[letter.kind as LetterKind] ?? letter.kind,
        status: "issued",
        caseId,
        reference,
        outboxId: null,
        letterId: letter.id,
        downloadUrl: letterUrl(letter.id),
        missing: [],
        at: letter.issued_at.toISOString(),
      });
    }
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
