import { Link } from "@remix-run/react";
import { contactChangeText } from "./contact-details";
import type { ReactNode } from "react";
import { Details, Table, Tag, type TagColour } from "./govuk";
import type { DueDateView, TimelineEntry } from "../utils/api-types";
import { CHANNEL_LABELS, CLAIM_BASIS_LABELS, CORRESPONDENCE_LANGUAGE_LABELS, DUE_KIND_LABELS, LETTER_KIND_NAMES, NEXT_BODY_LABELS, OMBUDSMAN_FINDING_LABELS, OUTCOME_LABELS, TRIAGE_OUTCOME_LABELS } from "@complaints/core/vocabulary";
import { formatDate, formatDateTime, labelOr } from "../utils/labels";
import { formatSize } from "../utils/letters";

const RAG: Record<string, { text: string; colour: TagColour }> = {
  red: { text: "Overdue", colour: "red" },
  amber: { text: "Due soon", colour: "orange" },
  green: { text: "On track", colour: "green" },
  none: { text: "No date", colour: "grey" },
  met: { text: "Done", colour: "blue" },
  window: { text: "Customer's window", colour: "light-blue" },
};

/** Red/amber/green in words and colour (never colour alone). */
export function RagTag({ rag }: { rag: string }) {
  const r = RAG[rag] ?? RAG.none!;
  return (
    <Tag colour={r.colour}>
      {rag === "red" || rag === "amber" || rag === "green" ? <span className={`app-rag app-rag--${rag}`} aria-hidden="true" /> : null}
      {r.text}
    </Tag>
  );
}

/** Every due date, with its explanation on demand ("Why this date?" works without JavaScript). */
export function DueDates({ dueDates, stageLabel }: { dueDates: readonly DueDateView[]; stageLabel: (id: string | null) => string }) {
  if (dueDates.length === 0) return <p className="govuk-body">No due dates yet: they are set when the case is triaged.</p>;
  return (
    <Table
      id="due-dates"
      caption="Due dates"
      head={["What", "By", "Status"]}
      rows={dueDates.map((due) => [
        <>
          {labelOr(DUE_KIND_LABELS, due.kind)}
          {due.stageId ? <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">{stageLabel(due.stageId)}</span> : null}
          {due.nature === "target" ? <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">Target, not a deadline</span> : null}
        </>,
        <>
          {formatDate(due.date, true)}
          <Details summary="Why this date?">
            <p className="govuk-body-s">{due.explanation}</p>
            <p className="govuk-body-s">Rule: {due.rule}</p>
          </Details>
        </>,
        <>
          <RagTag rag={due.status} />
          {due.metOn ? <span className="govuk-body-s govuk-!-display-block">on {formatDate(due.metOn)}</span> : null}
          {/* Met only when the resident is told (decision 0322): the step is done, the letter not yet sent. */}
          {!due.metOn && due.takenOn ? <span className="govuk-body-s govuk-!-display-block">Done on {formatDate(due.takenOn)}, not yet sent to the resident</span> : null}
        </>,
      ])}
    />
  );
}

function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() ? v : null;
}

/** One line on what an event changed, in plain words. */
export function describeEvent(type: string, data: Record<string, unknown>): ReactNode {
  switch (type) {
    case "log":
      return str(data.description);
    case "triage":
      return data.outcome === "accept" ? "Accepted as a complaint." : `Outcome: ${labelOr(TRIAGE_OUTCOME_LABELS, String(data.outcome)).toLowerCase()}. ${str(data.note) ?? str(data.route) ?? str(data.reasons) ?? str(data.body) ?? ""}`;
    case "record-contact":
      return `${data.direction === "in" ? "From the customer" : "To the customer"} by ${labelOr(CHANNEL_LABELS, data.channel as string).toLowerCase()}: ${str(data.summary) ?? ""}`;
    case "respond":
      return `${labelOr(OUTCOME_LABELS, data.outcome as string)}. ${str(data.reasons) ?? ""}`;
    case "extend":
      return `${String(data.workingDays)} working days: ${str(data.reason) ?? ""}`;
    case "request-information":
      return str(data.what);
    case "holding-response":
      return str(data.summary);
    case "notify":
      return `${str(data.party) ?? ""}: ${str(data.reason) ?? ""}`;
    case "refer-claim":
      return `${labelOr(CLAIM_BASIS_LABELS, data.basis as string)}: ${str(data.details) ?? ""}`;
    case "record-not-investigated":
      return str(data.reason);
    case "ombudsman-enquiry":
      return `${labelOr(NEXT_BODY_LABELS, String(data.body))} reference ${String(data.reference)}, reply due ${formatDate(data.responseDueOn as string)}`;
    case "ombudsman-decision":
      return `${labelOr(OMBUDSMAN_FINDING_LABELS, String(data.finding))}. ${str(data.summary) ?? ""}`;
    case "attachment-added":
      return `${str(data.fileName) ?? "A file"}${typeof data.sizeBytes === "number" ? ` (${formatSize(data.sizeBytes)})` : ""}${str(data.description) ? `: ${str(data.description)}` : ""}`;
    case "contact-details-changed":
      return contactChangeText(data.party, (data.changes ?? {}) as Record<string, { from: unknown; to: unknown }>, data.note);
    case "request-approval": {
      // What was asked to be approved (decision 0324): the payments of a proposed response, or the Ombudsman reply.
      const remedies = ((data.response as { remedies?: Array<{ type: string; amountPence?: number; description: string }> } | undefined)?.remedies ?? []).filter((r) => r.type === "financial");
      const what = remedies.length ? remedies.map((r) => `£${((r.amountPence ?? 0) / 100).toFixed(2)} (${r.description})`).join(" and ") : "the reply to the Ombudsman";
      return `For ${what}.${str(data.note) ? ` ${str(data.note)}` : ""}`;
    }
    case "decide-approval":
      return data.decision === "approve" ? "Approved." : `Refused: ${str(data.reason) ?? ""}`;
    case "letter-issued":
      return str(data.recipientName) ? `To ${str(data.recipientName)}${data.to === "representative" ? " (the representative)" : ""}${data.language === "cy" || data.language === "bilingual" ? `, in ${CORRESPONDENCE_LANGUAGE_LABELS[data.language]}` : ""}.` : null;
    default:
      return str(data.reason) ?? str(data.note) ?? str(data.summary) ?? null;
  }
}

export interface LetterEntry {
  id: string;
  kind: string;
  status: string;
  at: string;
  href: string;
}

/** The case's history, newest first: events (contacts among them) and letters. */
export function Timeline({ timeline, letters = [] }: { timeline: ReadonlyArray<TimelineEntry & { title: string }>; letters?: readonly LetterEntry[] }) {
  const entries: Array<{ key: string; at: string; title: string; by: string | null; body: ReactNode; link?: { href: string; text: string } }> = [
    ...timeline.map((e) => ({
      key: `e${e.seq}`,
      at: e.at,
      title: e.title,
      by: e.actor.name ?? (e.actor.type === "staff" ? "A member of staff" : e.actor.type === "public" ? "The customer (online)" : "The system"),
      body: describeEvent(e.type, e.data),
    })),
    ...letters.map((l) => ({
      key: `l${l.id}`,
      at: l.at,
      title: `Letter: ${labelOr(LETTER_KIND_NAMES, l.kind)} (${l.status})`,
      by: null,
      body: null,
      link: { href: l.href, text: "View the letter" },
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="app-timeline" reversed>
      {entries.map((e) => (
        <li key={e.key} className="app-timeline__item">
          <h3 className="app-timeline__title">{e.title}</h3>
          <p className="app-timeline__meta">
            {formatDateTime(e.at)}
            {e.by ? ` by ${e.by}` : ""}
          </p>
          {e.body ? <p className="govuk-body">{e.body}</p> : null}
          {e.link ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={e.link.href}>
                {e.link.text}
              </Link>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
