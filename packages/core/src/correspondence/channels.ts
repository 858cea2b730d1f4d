/**
 * Which way to write to a resident or their representative, and why (issue 15, "Channels per
 * resident"; docs/rules.md §8, "Correspondence channels").
 *
 * Leeds policy para 14: "The acknowledgement will normally be given in the same way the
 * complaint was made, unless the customer has requested otherwise". So what the person asked
 * for wins; when they asked nothing, a complaint that came in writing electronically (email,
 * the web form, the member portal, social media) is answered by email when there is an address
 * to write to, and any other (a letter, a phone call, a visit, a survey) by post. A channel
 * that cannot be used (no email address, no postal address) falls back to the other, with the
 * reason said, so staff see why a letter went by post although email was asked for.
 */
import type { Channel, ContactChannel } from "../vocabulary/case.js";

/** A way a message is delivered: one outbox row per message per delivery channel. */
export type DeliveryChannel = "email" | "post" | "sms";

/** The person written to, as stored (the customer's record, or the case's representative). */
export interface ContactParty {
  party: "customer" | "representative";
  name: string;
  /** What they asked for; null when they did not say. */
  channel: ContactChannel | null;
  email: string | null;
  phone: string | null;
  /** Address lines; a letter needs them and a postcode. */
  address: string | null;
  postcode: string | null;
  /** They agreed to short text messages (receipts, "we have written to you") to `phone`. */
  smsConsent: boolean;
  largePrint?: boolean;
  reasonableAdjustments?: string | null;
}

/** How the case came in. */
export interface CaseIntakeChannel {
  channel: Channel;
}

/** What the council can send at all (a council without an email transport writes by post). */
export interface ChannelSettings {
  email: boolean;
  sms: boolean;
}

export const ALL_CHANNELS_AVAILABLE: ChannelSettings = Object.freeze({ email: true, sms: true });

export interface ChannelChoice {
  /** The channels for letters and full messages: email, post, or both; empty when neither can be used. */
  channels: Array<"email" | "post">;
  /** Whether short notices also go by text message. */
  sms: boolean;
  /** One line per decision, for staff: "email: the complaint came by email". */
  reasons: string[];
  /** Adjustments that change how a letter is made (large print, and what the person told us). */
  adjustments: string[];
  /** Set when nothing can be sent: staff must get contact details. */
  problem: string | null;
}

/** The intake channels that are written electronic contact: answered by email by default. */
const ELECTRONIC: ReadonlySet<Channel> = new Set<Channel>(["email", "web", "member-portal", "social-media"]);

const HOW_IT_CAME: Record<Channel, string> = {
  email: "the complaint came by email",
  web: "the complaint came through the online form",
  "member-portal": "the complaint came through the member portal",
  "social-media": "the complaint came through social media",
  post: "the complaint came by letter",
  phone: "the complaint came by phone",
  "in-person": "the complaint was made in person",
  survey: "the complaint came through a survey",
};

/** A UK mobile number (07…, +447…, 00447…): a text message cannot go to a landline. */
export function isUkMobile(phone: string | null | undefined): boolean {
  if (!phone) return false;
  const digits = phone.replace(/[^0-9+]/g, "").replace(/^(\+44|0044)/, "0");
  return /^07\d{9}$/.test(digits);
}

const hasText = (value: string | null | undefined): value is string => typeof value === "string" && value.trim() !== "";

/** Whether a letter can be addressed: address lines and a postcode. */
export function canPost(party: Pick<ContactParty, "address" | "postcode">): boolean {
  return hasText(party.address) && hasText(party.postcode);
}

/**
 * The channels to write to `party` on, with the reason for each. Pure: the caller passes the
 * stored details, how the case came in and what the council can send.
 */
export function correspondenceChannels(party: ContactParty, intake: CaseIntakeChannel, settings: ChannelSettings = ALL_CHANNELS_AVAILABLE): ChannelChoice {
  const email = settings.email && hasText(party.email);
  const post = canPost(party);
  const reasons: string[] = [];
  const channels: Array<"email" | "post"> = [];
  const noEmail = settings.email ? "there is no email address" : "the council does not send email";
  const who = party.party === "representative" ? "the representative" : "they";

  const wanted: ContactChannel = party.channel ?? (ELECTRONIC.has(intake.channel) ? "email" : "post");
  const why = party.channel ? (party.channel === "both" ? `${who} asked for both` : `${who} asked for ${party.channel}`) : HOW_IT_CAME[intake.channel];

  if (wanted === "both") {
    if (email) channels.push("email");
    if (post) channels.push("post");
    if (email && post) reasons.push(`By email and post: ${why}`);
    else if (email) reasons.push(`By email: ${why}, but there is no postal address`);
    else if (post) reasons.push(`By post: ${why}, but ${noEmail}`);
  } else if (wanted === "email") {
    if (email) {
      channels.push("email");
      reasons.push(`By email: ${why}`);
    } else if (post) {
      channels.push("post");
      reasons.push(`By post: ${why}, but ${noEmail}`);
    }
  } else if (post) {
    channels.push("post");
    reasons.push(`By post: ${why}`);
  } else if (email) {
    channels.push("email");
    reasons.push(`By email: ${why}, but there is no postal address`);
  }

  const sms = settings.sms && party.smsConsent && isUkMobile(party.phone);
  if (sms) reasons.push(`Text messages: ${who} agreed to text updates`);
  else if (party.smsConsent && settings.sms) reasons.push("No text messages: the number is not a UK mobile");

  const adjustments: string[] = [];
  if (party.largePrint) adjustments.push("large print: letters and their PDFs in large print");
  if (hasText(party.reasonableAdjustments)) adjustments.push(`reasonable adjustments: ${party.reasonableAdjustments.trim()}`);

  const problem =
    channels.length === 0
      ? `We cannot write to ${party.name}: there is ${settings.email ? "no email address and " : ""}no full postal address. Ask them how they want us to contact them.`
      : null;
  return { channels, sms, reasons, adjustments, problem };
}
