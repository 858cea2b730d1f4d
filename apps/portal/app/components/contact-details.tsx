/**
 * How a customer or representative is written to (issue 15; decision 0320): the details and
 * the channels chosen with their reasons, and the form that changes them. GOV.UK components;
 * works without JavaScript.
 */
import { CONTACT_CHANNEL_LABELS, type ContactChannel } from "@complaints/core/vocabulary";
import { Checkboxes, Input, Radios, SummaryList, Textarea, WarningText } from "./govuk";

export interface ContactValues {
  contactChannel: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  smsConsent: boolean;
}

export interface ChannelPlan {
  channels: readonly string[];
  sms: boolean;
  reasons: readonly string[];
  adjustments: readonly string[];
  problem: string | null;
}

const CHANNEL_WORDS: Record<string, string> = { email: "Email", post: "Post" };

/** Lines as separate lines (a summary list's value does not keep line breaks). */
function Lines({ lines }: { lines: readonly string[] }) {
  return (
    <>
      {lines.map((line, i) => (
        <span key={i} className="govuk-!-display-block">
          {line}
        </span>
      ))}
    </>
  );
}

/** What was asked for, and what we will do and why. */
export function ContactSummary({ details, plan }: { details: ContactValues; plan?: ChannelPlan | null }) {
  return (
    <>
      {plan?.problem ? <WarningText>{plan.problem}</WarningText> : null}
      <SummaryList
        rows={[
          { key: "Asked for", value: details.contactChannel ? (CONTACT_CHANNEL_LABELS[details.contactChannel as ContactChannel] ?? details.contactChannel) : "Not said: we answer the way the complaint came" },
          plan ? { key: "We write by", value: plan.channels.length ? [...plan.channels.map((c) => CHANNEL_WORDS[c] ?? c), ...(plan.sms ? ["Text message (short notices)"] : [])].join(", ") : "Nothing: no way to write" } : null,
          plan && plan.reasons.length ? { key: "Why", value: <Lines lines={plan.reasons} /> } : null,
          details.email ? { key: "Email", value: details.email } : null,
          details.phone ? { key: "Phone", value: details.phone } : null,
          details.address || details.postcode ? { key: "Address", value: <Lines lines={[...(details.address ?? "").split("\n"), details.postcode ?? ""].filter(Boolean)} /> } : null,
          { key: "Text messages", value: details.smsConsent ? "Agreed" : "Not agreed" },
          plan && plan.adjustments.length ? { key: "Adjustments", value: <Lines lines={plan.adjustments} /> } : null,
        ]}
      />
    </>
  );
}

/** The fields of the change form, filled with what is stored (or what was just sent). */
export function ContactFields({ values, errors }: { values: Partial<Record<keyof ContactValues | "note", string | boolean | null>>; errors: Record<string, string> }) {
  const v = (key: keyof ContactValues | "note") => (typeof values[key] === "string" ? (values[key] as string) : "");
  return (
    <>
      <Radios
        name="contactChannel"
        legend="How do they want us to write to them?"
        legendSize="m"
        error={errors.contactChannel}
        defaultValue={v("contactChannel")}
        items={[
          { value: "email", text: "Email" },
          { value: "post", text: "Post" },
          { value: "both", text: "Email and post" },
          { value: "", text: "They have not said", hint: "We answer the way the complaint came: by email if it came by email or online, otherwise by post." },
        ]}
      />
      <Input name="email" type="email" label="Email address" autoComplete="off" spellCheck={false} error={errors.email} defaultValue={v("email")} />
      <Input name="phone" type="tel" label="Telephone number" hint="A UK mobile number for text messages" width="20" error={errors.phone} defaultValue={v("phone")} />
      <Checkboxes
        name="smsConsent"
        legend="Text messages"
        legendSize="s"
        small
        items={[{ value: "yes", text: "They agreed to short text messages, like a receipt or 'we have written to you'" }]}
        defaultValue={values.smsConsent === true || values.smsConsent === "yes" || values.smsConsent === "on" ? ["yes"] : []}
        error={errors.smsConsent}
      />
      <Textarea name="address" label="Address" hint="One line each: building and street, town or city" rows={3} error={errors.address} defaultValue={v("address")} />
      <Input name="postcode" label="Postcode" width="10" error={errors.postcode} defaultValue={v("postcode")} />
      <Textarea name="note" label="Why it changed (optional)" hint="For example: phoned on 3 March to ask for letters by post" rows={2} error={errors.note} defaultValue={v("note")} />
    </>
  );
}

const FIELD_WORDS: Record<string, string> = { contactChannel: "Asked for", email: "Email", phone: "Phone", address: "Address", postcode: "Postcode", smsConsent: "Text messages" };

/** The fields in the form's order (stored JSON keeps no order). */
function inOrder<T>(changes: Record<string, T>): Array<[string, T]> {
  return Object.entries(changes).sort(([a], [b]) => Object.keys(FIELD_WORDS).indexOf(a) - Object.keys(FIELD_WORDS).indexOf(b));
}

function said(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "nothing";
  if (field === "smsConsent") return value ? "agreed" : "not agreed";
  if (field === "contactChannel") return (CONTACT_CHANNEL_LABELS[value as ContactChannel] ?? String(value)).toLowerCase();
  return String(value).replace(/\s*\n\s*/g, ", ");
}

/** One change in a line, for the case timeline: "Asked for: nothing → post; Address: …". */
export function contactChangeText(party: unknown, changes: Record<string, { from: unknown; to: unknown } | undefined>, note?: unknown): string {
  const fields = inOrder(changes).flatMap(([field, c]) => (c ? [`${FIELD_WORDS[field] ?? field}: ${said(field, c.from)} → ${said(field, c.to)}`] : []));
  return `${party === "representative" ? "The representative's" : "The customer's"} details. ${fields.join("; ")}.${typeof note === "string" && note ? ` Why: ${note}` : ""}`;
}

/** One change: each field from its previous value to the new one, and why. */
export function ContactChangeList({ changes, note }: { changes: Record<string, { from: unknown; to: unknown } | undefined>; note?: string | null }) {
  return (
    <ul className="govuk-list">
      {inOrder(changes).map(([field, change]) =>
        change ? (
          <li key={field}>
            {FIELD_WORDS[field] ?? field}: {said(field, change.from)} → {said(field, change.to)}
          </li>
        ) : null,
      )}
      {note ? <li>Why: {note}</li> : null}
    </ul>
  );
}
