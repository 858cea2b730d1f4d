/**
 * Who a case's correspondence goes to, and on which channels (issue 15, "Channels per
 * resident"; docs/decisions/0320-resident-channels-and-receipts.md).
 *
 *   residentRecipients(db, state, purpose, settings) → ResidentRecipient[]
 *
 * One entry per message per channel, ready to enqueue as a `correspondence` outbox row (the
 * contract in docs/decisions/0318-writing-to-residents.md): `{ party, name, channel, email?,
 * phone? }`, with `email` only on an email entry and `phone` only on a text-message entry, so
 * the recipient of a row is exactly where that row goes. Call it inside the transaction that
 * enqueues (pass the transaction as `db`): it reads the customer's and representative's stored
 * details. An empty list means nobody can be written to; `contactPlan` says why.
 *
 * Who: the customer, or their representative when replies go to the representative (core's
 * rule for letters, lifecycle/commands/shared.ts `sendLetter`); the equality form's receipt
 * always to the customer (their own special category data). Which channels: core's
 * `correspondenceChannels` (answer the way the complaint came, unless they asked otherwise;
 * Leeds policy para 14). A text message is a short notice beside the email or letter, only
 * with the person's consent and to a UK mobile; what it says is the caller's.
 */
import { correspondenceChannels, type CaseState, type ChannelChoice, type ChannelSettings, type ContactParty, type CorrespondenceLanguage, type CorrespondencePurpose } from "@complaints/core";
import { contactRepository, customerRepository, type ContactDetails, type Executor } from "@complaints/db";
import type { CouncilRuntime } from "../councils.js";

/** What a message is for (the `purpose` of a correspondence row): core's vocabulary. */
export type { CorrespondencePurpose };

export interface ResidentRecipient {
  party: "customer" | "representative";
  name: string;
  channel: "email" | "post" | "sms";
  email?: string;
  phone?: string;
  /** Letters for this person are made in large print. */
  largePrint: boolean;
}

/** The stored details of each party of the case, as core's channel rule reads them. */
async function partiesOf(db: Executor, state: Pick<CaseState, "id" | "customer" | "representative">): Promise<{ customer: ContactParty | null; representative: ContactParty | null }> {
  let customer: ContactParty | null = null;
  if (state.customer) {
    const row = await customerRepository.getCustomer(db, state.customer.id);
    customer = {
      party: "customer",
      name: [row.title, row.full_name].filter(Boolean).join(" "),
      channel: row.contact_channel as ContactParty["channel"],
      email: row.email,
      phone: row.phone,
      address: row.address,
      postcode: row.postcode,
      smsConsent: row.sms_consent,
      largePrint: row.large_print,
      reasonableAdjustments: row.reasonable_adjustments,
    };
  }
  let representative: ContactParty | null = null;
  if (state.representative) {
    const details: ContactDetails = await contactRepository.representativeContact(db, state.id);
    representative = { party: "representative", name: state.representative.name, channel: details.contactChannel, email: details.email, phone: details.phone, address: details.address, postcode: details.postcode, smsConsent: details.smsConsent };
  }
  return { customer, representative };
}

/** Which party correspondence for `purpose` goes to, or null when the case has nobody to write to. */
export function addresseeParty(state: Pick<CaseState, "customer" | "representative">, purpose: CorrespondencePurpose): "customer" | "representative" | null {
  if (purpose !== "equality-form" && state.representative?.replyTo === "representative") return "representative";
  return state.customer ? "customer" : null;
}

/** The party correspondence for `purpose` goes to. */
function addressee(parties: { customer: ContactParty | null; representative: ContactParty | null }, state: Pick<CaseState, "customer" | "representative">, purpose: CorrespondencePurpose): ContactParty | null {
  const to = addresseeParty(state, purpose);
  return to ? parties[to] : null;
}

export interface PartyPlan extends ChannelChoice {
  party: ContactParty;
  /** Correspondence goes to this party (the other is the customer whose representative writes for them). */
  addressee: boolean;
}

/**
 * Each party of the case with the channels core chose and why: for staff (the case page's
 * contact panel) and for a sender that must say why nothing could be sent.
 */
export async function contactPlan(db: Executor, state: Pick<CaseState, "id" | "customer" | "representative" | "channel">, settings: ChannelSettings): Promise<PartyPlan[]> {
  const parties = await partiesOf(db, state);
  const to = addressee(parties, state, "other");
  return [parties.customer, parties.representative]
    .filter((p): p is ContactParty => p !== null)
    .map((party) => ({ party, addressee: party === to, ...correspondenceChannels(party, { channel: state.channel }, settings) }));
}

/** The recipients of one piece of correspondence: one entry per channel (see the top of this file). */
export async function residentRecipients(
  db: Executor,
  state: Pick<CaseState, "id" | "customer" | "representative" | "channel">,
  purpose: CorrespondencePurpose,
  /** What the server can send (the notifier's `channels`). */
  settings: ChannelSettings,
): Promise<ResidentRecipient[]> {
  const parties = await partiesOf(db, state);
  const party = addressee(parties, state, purpose);
  if (!party) return [];
  const choice = correspondenceChannels(party, { channel: state.channel }, settings);
  const base = { party: party.party, name: party.name, largePrint: party.largePrint ?? false };
  const out: ResidentRecipient[] = choice.channels.map((channel) => (channel === "email" ? { ...base, channel, email: party.email! } : { ...base, channel }));
  if (choice.sms) out.push({ ...base, channel: "sms", phone: party.phone! });
  return out;
}

/**
 * The language a resident is written to in: Welsh only where the council offers it
 * (`correspondence.languages`, decision 0517), else English. A "bilingual" council writes
 * Welsh first and then English to everyone (the caller assembles both).
 */
export function residentLanguage(runtime: Pick<CouncilRuntime, "profile">, chosen: "en" | "cy"): "en" | "cy" {
  return runtime.profile.correspondence.languages === "english" ? "en" : chosen;
}

/**
 * What a resident is written in, letters and emails alike: a "bilingual" council writes Welsh
 * first, then English, to everyone; a council offering Welsh on request writes Welsh to a
 * resident whose stored language is Welsh; an English-only council writes English
 * (`residentLanguage`; Welsh Language Standards, decision 0104).
 */
export function correspondenceLanguage(runtime: Pick<CouncilRuntime, "profile">, chosen: string | null | undefined): CorrespondenceLanguage {
  if (runtime.profile.correspondence.languages === "bilingual") return "bilingual";
  return residentLanguage(runtime, chosen === "cy" ? "cy" : "en");
}
