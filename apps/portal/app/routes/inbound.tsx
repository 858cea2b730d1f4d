import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Table, Tag, WarningText, type TagColour } from "../components/govuk";
import { requireStaff } from "../utils/auth.server";
import { formatDateTime } from "../utils/labels";
import { INBOUND_OUTCOME_LABELS, type InboundOutcome } from "@complaints/core/vocabulary";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Inbound email – Complaints case management" }];

/** Red: someone must look; blue: something was done; grey: nothing was needed. */
const OUTCOME_COLOURS: Record<InboundOutcome, TagColour> = {
  "added-to-case": "blue",
  "new-case": "blue",
  "forged-reference": "red",
  "closed-case-reply": "orange",
  "closed-case-new-case": "blue",
  ignored: "grey",
  bounce: "red",
  "too-large": "red",
  failed: "red",
};

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const [status, messages] = await Promise.all([context.api.inbound.status(), context.api.inbound.list({ limit: 100 })]);
  return { status, messages };
}

/** The council's mailbox: each email read from it, what became of it, and its case (docs/decisions/0323-inbound-mail.md). */
export default function Inbound() {
  const { status, messages } = useLoaderData<typeof loader>();
  return (
    <Page heading="Inbound email">
      {status.connected ? (
        <p className="govuk-body">
          The last 100 emails read from the council&apos;s complaints mailbox ({status.mailbox}), newest first. Replies from a case&apos;s customer are on the case&apos;s timeline; other emails are new cases waiting for triage. Automatic replies are not answered.
        </p>
      ) : (
        <WarningText>
          This server does not read a mailbox, so replies and complaints sent by email do not reach the cases. Your IT team sets it up with IMAP_URL (see the README&apos;s settings).
        </WarningText>
      )}
      {messages.length === 0 ? (
        <p className="govuk-body">{status.connected ? "No email has been read from the mailbox yet." : "No email has been read."}</p>
      ) : (
        <Table
          caption={`${messages.length} email${messages.length === 1 ? "" : "s"}`}
          captionSize="s"
          head={["Received", "From", "Subject", "What happened", "Case"]}
          rows={messages.map((m) => [
            formatDateTime(m.receivedAt),
            m.fromName ? `${m.fromName} (${m.from ?? ""})` : (m.from ?? "Unknown sender"),
            m.subject ?? "(no subject)",
            <>
              <Tag key="outcome" colour={OUTCOME_COLOURS[m.outcome]}>
                {INBOUND_OUTCOME_LABELS[m.outcome]}
              </Tag>
              {m.reason ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1">{m.reason}</span> : null}
            </>,
            m.case ? (
              <Link key={m.id} className="govuk-link" to={`/cases/${m.case.caseId}`}>
                {m.case.reference}
              </Link>
            ) : (
              ""
            ),
          ])}
        />
      )}
    </Page>
  );
}
