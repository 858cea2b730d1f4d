/**
 * The case page's letters (waiting to be written, and issued) and files (the list, and the
 * upload form). Downloads and the upload are plain links and a plain multipart form to the
 * API's own HTTP routes, so they work the same with JavaScript off.
 */
import { Link } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useRootData } from "../root";
import { Button, ErrorMessage, Table, Tag } from "./govuk";
import { formatDate, formatDateTime } from "../utils/labels";
import { POSTING_LABELS, formatSize } from "../utils/letters";

interface PendingLetter {
  outboxId: number;
  kindName: string;
  to: string | null;
  dueOn: string | null;
  queuedAt: string;
  /** What it still lacks (decision 0321: the step tried to issue it). */
  missing: string[];
  /** Who ran the step that asked for it: they may finish it whatever their role. */
  askedBy: string | null;
}

/** What was sent to the resident, or is on its way (the case's correspondence). */
interface Sent {
  channel: string;
  letterId: string | null;
  to: { name: string | null; email: string | null };
  status: "queued" | "sent" | "failed";
}

/** "Email to jane@example.com: sent", "Waiting for the post" (the print room's tag says when it is posted). */
export function sentLine(s: Sent): string {
  if (s.channel === "post") return s.status === "failed" ? "Post: not sent" : "By post";
  const how = s.channel === "email" ? `Email to ${s.to.email ?? s.to.name ?? "the resident"}` : upperFirst(s.channel);
  return `${how}: ${s.status === "sent" ? "sent" : s.status === "failed" ? "not sent" : "waiting to be sent"}`;
}

interface IssuedLetter {
  letterId: string;
  kindName: string;
  recipient: { name: string | null; to: string | null };
  largePrint: boolean;
  issuedAt: string;
  issuedBy: { name: string | null } | null;
  posting: { status: string } | null;
  downloadUrl: string;
}

const upperFirst = (s: string) => s.replace(/^./, (c) => c.toUpperCase());

function recipientOf(to: string | null, name?: string | null): string {
  const who = to === "representative" ? "the representative" : to === "customer" ? "the customer" : to === "ombudsman" ? "the Ombudsman" : null;
  if (name && who) return `${name} (${who})`;
  return name ?? (who ? upperFirst(who) : "Not known yet");
}

export function CaseLetters({
  caseId,
  pending,
  issued,
  sent,
  mayWrite,
  me,
}: {
  caseId: string;
  pending: readonly PendingLetter[];
  issued: readonly IssuedLetter[];
  sent: readonly Sent[];
  mayWrite: boolean;
  me: string;
}) {
  return (
    <section aria-labelledby="letters" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="letters">
        Letters
      </h2>
      {pending.length ? (
        <Table
          caption="Waiting to be written"
          captionSize="s"
          head={["Letter", "Goes to", "Send by"]}
          rows={pending.map((p) => [
            <>
              {mayWrite || p.askedBy === me ? (
                <Link className="govuk-link" to={`/cases/${caseId}/letters/${p.outboxId}`}>
                  Write the {p.kindName}
                </Link>
              ) : (
                upperFirst(p.kindName)
              )}
              {p.missing.length ? <span className="govuk-body-s govuk-!-display-block">Missing: {p.missing.join("; ")}</span> : null}
            </>,
            recipientOf(p.to),
            p.dueOn ? formatDate(p.dueOn, true) : "As soon as possible",
          ])}
        />
      ) : (
        <p className="govuk-body">No letter is waiting to be written.</p>
      )}
      {issued.length ? (
        <Table
          caption="Issued"
          captionSize="s"
          head={["Letter", "Sent to", "Issued", "How it was sent"]}
          rows={issued.map((l) => [
            <>
              <a className="govuk-link" href={l.downloadUrl}>
                {upperFirst(l.kindName)} (PDF)
              </a>
              {l.largePrint ? <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">Large print</span> : null}
            </>,
            recipientOf(l.recipient.to, l.recipient.name),
            `${formatDateTime(l.issuedAt)}${l.issuedBy?.name ? ` by ${l.issuedBy.name}` : ""}`,
            <>
              {sent
                .filter((s) => s.letterId === l.letterId)
                .map((s, i) => (
                  <span key={i} className="govuk-!-display-block">
                    {sentLine(s)}
                  </span>
                ))}
              {l.posting ? <Tag colour={l.posting.status === "posted" ? "green" : "yellow"}>{POSTING_LABELS[l.posting.status] ?? l.posting.status}</Tag> : null}
              {!l.posting && !sent.some((s) => s.letterId === l.letterId) ? "Not sent" : null}
            </>,
          ])}
        />
      ) : null}
    </section>
  );
}

/** A message to the resident that is not a letter (a receipt, the survey), from the case's correspondence. */
interface MessageView {
  outboxId: number;
  channel: string | null;
  subject: string;
  recipient: { name: string | null; email: string | null; phone: string | null };
  statusLabel: string;
  reason: string | null;
  queuedAt: string;
  sentAt: string | null;
  needsAction: boolean;
  resolvedAt: string | null;
  resolution: { by: string | null; how: string | null } | null;
}

const CHANNEL_WORDS: Record<string, string> = { email: "Email", sms: "Text message", post: "Post" };

/**
 * The case's messages to the resident other than letters (the letters' own sending is on the
 * letters table): what each was, to whom and how, where its delivery stands, and how staff
 * settled one that did not arrive (decision 0318).
 */
export function CaseMessages({ caseId, messages }: { caseId: string; messages: readonly MessageView[] }) {
  if (!messages.length) return null;
  return (
    <section aria-labelledby="messages" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="messages">
        Other messages to the resident
      </h2>
      <Table
        caption={`${messages.length} message${messages.length === 1 ? "" : "s"}: receipts, text messages and the survey`}
        captionSize="s"
        head={["Message", "To", "Sent", "Delivery"]}
        rows={messages.map((m) => [
          m.subject || "(no subject)",
          `${CHANNEL_WORDS[m.channel ?? ""] ?? "Message"} to ${m.recipient.email ?? m.recipient.phone ?? m.recipient.name ?? "the resident"}`,
          m.sentAt ? formatDateTime(m.sentAt) : `Queued ${formatDateTime(m.queuedAt)}`,
          <>
            {m.statusLabel}
            {m.reason && m.statusLabel !== "Sent" && m.statusLabel !== "Delivered" ? <span className="govuk-body-s govuk-!-display-block">{m.reason}</span> : null}
            {m.resolution && m.resolvedAt ? (
              <span className="govuk-body-s govuk-!-display-block">
                Resolved {formatDateTime(m.resolvedAt)}
                {m.resolution.by ? ` by ${m.resolution.by}` : ""}: {m.resolution.how}
              </span>
            ) : null}
            {m.needsAction ? (
              <Link className="govuk-link govuk-body-s govuk-!-display-block" to={`/cases/${caseId}/correspondence/${m.outboxId}`}>
                Send it again or mark it resolved
              </Link>
            ) : null}
          </>,
        ])}
      />
    </section>
  );
}

interface FileView {
  attachmentId: string;
  fileName: string;
  sizeBytes: number;
  description: string | null;
  uploadedAt: string;
  uploadedBy: { name: string | null };
  downloadUrl: string;
}

export function CaseFiles({
  files,
  mayAdd,
  uploadUrl,
  limits,
  error,
}: {
  files: readonly FileView[];
  mayAdd: boolean;
  uploadUrl: string;
  limits: { maxBytes: number; maxSize: string; accept: string; typeNames: readonly string[] };
  error: string | null;
}) {
  const root = useRootData();
  // With JavaScript, a file that is missing or too large is caught before it is sent (the API
  // checks again; without JavaScript it is the only check).
  const [early, setEarly] = useState<string | null>(null);
  const shown = early ?? error;
  const checkFirst = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
    const file = input?.files?.[0];
    const problem = !file ? "Select a file" : file.size > limits.maxBytes ? `The selected file must be smaller than ${limits.maxSize}` : file.size === 0 ? "The selected file is empty" : null;
    setEarly(problem);
    if (problem) {
      event.preventDefault();
      input?.focus();
    }
  };
  return (
    <section aria-labelledby="attachments" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="attachments">
        Files
      </h2>
      {files.length ? (
        <ul className="govuk-list app-files">
          {files.map((f) => (
            <li key={f.attachmentId}>
              <a className="govuk-link" href={f.downloadUrl} download>
                {f.fileName}
              </a>{" "}
              <span className="govuk-body-s">
                ({formatSize(f.sizeBytes)}, added {formatDateTime(f.uploadedAt)}
                {f.uploadedBy.name ? ` by ${f.uploadedBy.name}` : ""})
              </span>
              {f.description ? <span className="govuk-body-s govuk-!-display-block">{f.description}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No files yet.</p>
      )}
      {mayAdd ? (
        // A plain form to the API's upload route: the browser sends the file itself, with or
        // without JavaScript, and the API sends it back here. The CSRF token comes first so the
        // API can check it before reading the file.
        <form method="post" action={uploadUrl} encType="multipart/form-data" noValidate onSubmit={checkFirst}>
          <input type="hidden" name="_csrf" value={root?.csrfToken ?? ""} />
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="description">
              What the file is (optional)
            </label>
            <input className="govuk-input" id="description" name="description" type="text" maxLength={500} />
          </div>
          <div className={`govuk-form-group${shown ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label" htmlFor="file">
              Add a file
            </label>
            <div id="file-hint" className="govuk-hint">
              A {limits.typeNames.join(", ")} file, smaller than {limits.maxSize}
            </div>
            {shown ? <ErrorMessage id="file-error">{shown}</ErrorMessage> : null}
            <input
              className={`govuk-file-upload${shown ? " govuk-file-upload--error" : ""}`}
              id="file"
              name="file"
              type="file"
              accept={limits.accept}
              aria-describedby={shown ? "file-hint file-error" : "file-hint"}
            />
          </div>
          <Button variant="secondary">Add the file</Button>
        </form>
      ) : null}
    </section>
  );
}
