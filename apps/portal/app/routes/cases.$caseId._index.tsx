import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonGroup, ButtonLink, Details, NotificationBanner, SummaryCard, SummaryList, Tag, WarningText } from "../components/govuk";
import { CaseFiles, CaseLetters, CaseMessages } from "../components/case-extras";
import { DueDates, RagTag, Timeline } from "../components/case";
import { RestrictionsWarning } from "../components/restrictions";
import { ResolutionPlans } from "../components/resolution-plans";
import { RelatedCases } from "../components/related-cases";
import { EqualityMonitoringLink } from "../components/equality-link";
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, CLOSURE_REASON_LABELS, CHANNEL_LABELS, FLAG_LABELS, OUTCOME_LABELS, REPRESENTATIVE_ROLE_LABELS, STAGE_PHASE_LABELS } from "@complaints/core/vocabulary";
import { formatDate, formatDateTime, labelOr } from "../utils/labels";
import { loadCasePage } from "./cases.$caseId._index.server";
import { Page } from "../components/page";
import { ContactSummary, type ChannelPlan, type ContactValues } from "../components/contact-details";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.case.reference} – Complaints case management` : "Case" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  return loadCasePage(context, request, params.caseId ?? "");
}

/** How the party is written to and why (issue 15), with the link to change it. */
function PartyChannels({ party, plan, caseId, canChange }: { party: "customer" | "representative"; plan: (ContactValues & ChannelPlan) | null; caseId: string; canChange: boolean }) {
  if (!plan) return null;
  return (
    <>
      <h4 className="govuk-heading-s govuk-!-margin-top-6">How we contact {party === "customer" ? "the customer" : "the representative"}</h4>
      <ContactSummary details={plan} plan={plan} />
      {canChange ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${caseId}/contact/${party}`}>
            Change how we contact {party === "customer" ? "the customer" : "the representative"}
          </Link>
        </p>
      ) : null}
    </>
  );
}

export default function CasePage() {
  const { case: c, actions, next, letters, files, attached, attachmentError, letterIssued, done, doneNext, sentByStep, waitingAfterStep, plans, correspondenceProblems, otherMessages, correspondenceChanged, contacts, contactChanged, related } = useLoaderData<typeof loader>();
  const partyContact = (party: "customer" | "representative") => contacts.parties.find((p) => p.party === party) ?? null;
  const stage = c.stages.at(-1) ?? null;
  // A due date of a stage the case has not reached is named by the rules' own label, never its id.
  const stageLabel = (id: string | null) => c.stages.find((s) => s.stageId === id)?.label ?? (id ? id.replace(/^stage-(\d+)$/, "Stage $1").replace(/-/g, " ") : "");
  return (
    <Page
      breadcrumbs={[{ to: "/cases", text: "Work queue" }]}
      errors={attachmentError ? { file: attachmentError } : null}
      caption={<>{labelOr(CASE_KIND_LABELS, c.kind)} · {c.service.name}</>}
      heading={c.reference}
      banner={
        <>
          {done ? (
            <NotificationBanner success heading={done}>
              {doneNext ? <p className="govuk-body">{doneNext}.</p> : null}
              {sentByStep.map((line) => (
                <p key={line} className="govuk-body">
                  {line}
                </p>
              ))}
              {waitingAfterStep.map((task) => (
                <p key={task.outboxId} className="govuk-body">
                  Not sent yet:{" "}
                  <a className="govuk-notification-banner__link" href={task.href}>
                    {task.text}
                  </a>
                </p>
              ))}
            </NotificationBanner>
          ) : null}
          {contactChanged ? <NotificationBanner success heading={contactChanged} /> : null}
          {correspondenceChanged ? <NotificationBanner success heading={correspondenceChanged} /> : null}
          {attached ? (
            <NotificationBanner success heading={<>File added: {attached}</>} />
          ) : null}
          {letterIssued ? (
            <NotificationBanner success heading={<>Letter issued: {letterIssued.kindName} to {letterIssued.recipient.name ?? "the customer"}</>}>
              <p className="govuk-body">
                <a className="govuk-notification-banner__link" href={letterIssued.downloadUrl}>
                  Download the letter (PDF)
                </a>
              </p>
            </NotificationBanner>
          ) : null}
        </>
      }
    >
      <RestrictionsWarning restrictions={c.restrictions} customerId={c.customer?.id ?? null} />
      {correspondenceProblems.map((m) => (
        <WarningText key={m.outboxId}>
          {m.statusLabel}: {m.subject}. {m.reason}{" "}
          <Link className="govuk-link" to={`/cases/${c.id}/correspondence/${m.outboxId}`}>
            Send it again or mark it resolved
          </Link>
        </WarningText>
      ))}
      {c.restricted ? <WarningText>This case is restricted: it concerns named staff, discrimination, harassment or safeguarding. Do not share it.</WarningText> : null}

      <NextSteps caseId={c.id} next={next} lettersWaiting={c.lettersWaiting} />

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Summary</h2>
          <SummaryList
            rows={[
              { key: "Status", value: <CaseStatus status={c.status} phase={stage?.phase ?? null} closure={c.closure?.reason ?? null} /> },
              stage ? { key: "Stage", value: stage.label } : null,
              { key: "Next due", value: c.nextDue ? <><RagTag rag={c.nextDue.status} /> {formatDate(c.nextDue.date, true)}</> : "Nothing due" },
              { key: "Handler", value: c.assignedStaff?.name ?? "Not assigned" },
              { key: "Priority", value: c.priority.level === "high" ? <><Tag colour="red">High</Tag> {c.priority.reason}</> : "Normal" },
              c.flags.length ? { key: "Flags", value: <ul className="govuk-list">{c.flags.map((f) => <li key={f}>{labelOr(FLAG_LABELS, f)}</li>)}</ul> } : null,
              { key: "Received", value: `${formatDateTime(c.receivedAt)} by ${labelOr(CHANNEL_LABELS, c.channel).toLowerCase()}` },
              // Only the front door is given it (issue 20): to read out to the customer.
              c.trackingCode
                ? {
                    key: "Tracking code",
                    value: (
                      <>
                        <span className="app-tracking-code">{c.trackingCode}</span>
                        <span className="govuk-hint govuk-!-margin-bottom-0">The customer&rsquo;s proof for checking the case online; read it out only to them.</span>
                      </>
                    ),
                  }
                : null,
              { key: "Counts from", value: formatDate(c.receipt.countsFrom, true) },
              { key: "Service", value: `${c.service.name}${c.directorate.name ? ` (${c.directorate.name})` : ""}` },
              c.category ? { key: "Category", value: [c.category, c.subCategory].filter(Boolean).join(": ") } : null,
              { key: "Rules", value: c.regime.label },
            ]}
          />
          <h2 className="govuk-heading-m">What the complaint is about</h2>
          <p className="govuk-body app-prewrap">{c.description}</p>
          {c.desiredOutcome ? (
            <>
              <h3 className="govuk-heading-s">What the customer wants us to do</h3>
              <p className="govuk-body app-prewrap">{c.desiredOutcome}</p>
            </>
          ) : null}
          {Object.keys(c.intake).length ? (
            <>
              <h3 className="govuk-heading-s">Service details</h3>
              <SummaryList rows={Object.entries(c.intake).map(([key, value]) => ({ key: key.replace(/([A-Z])/g, " $1").toLowerCase().replace(/^./, (x) => x.toUpperCase()), value: intakeValue(value) }))} />
            </>
          ) : null}

          <SummaryCard
            title="Customer"
            actions={c.customer ? <Link className="govuk-link" to={`/customers/${c.customer.id}`}>Cases and history<span className="govuk-visually-hidden"> of {c.customer.name}</span></Link> : null}
          >
            {c.customer ? (
              <SummaryList
                rows={[
                  { key: "Name", value: [c.customer.title, c.customer.name].filter(Boolean).join(" ") },
                  c.customer.reasonableAdjustments ? { key: "Reasonable adjustments", value: c.customer.reasonableAdjustments } : null,
                  c.customer.largePrint ? { key: "Letters", value: "Large print" } : null,
                ]}
              />
            ) : (
              <p className="govuk-body">Anonymous.</p>
            )}
            <PartyChannels party="customer" plan={partyContact("customer")} caseId={c.id} canChange={contacts.canChange} />
            {c.representative ? (
              <>
                <h3 className="govuk-heading-s">Representative</h3>
                <SummaryList
                  rows={[
                    { key: "Name", value: c.representative.name },
                      { key: "Acting as", value: labelOr(REPRESENTATIVE_ROLE_LABELS, c.representative.role) },
                    { key: "Consent", value: c.representative.consent ? `${c.representative.consent.basis.replace(/-/g, " ")}, recorded ${formatDate(c.representative.consent.recordedOn)}` : "Not recorded" },
                    { key: "Replies go to", value: c.representative.replyTo === "representative" ? "The representative" : "The customer" },
                  ]}
                />
                <PartyChannels party="representative" plan={partyContact("representative")} caseId={c.id} canChange={contacts.canChange} />
              </>
            ) : null}
          </SummaryCard>

          <DueDates dueDates={c.dueDates} stageLabel={stageLabel} />

          {c.stages.length ? (
            <>
              <h2 className="govuk-heading-m">Stages</h2>
              {c.stages.map((s) => (
                <SummaryCard key={s.sequence} title={s.label}>
                  <SummaryList
                    rows={[
                        { key: "Position", value: labelOr(STAGE_PHASE_LABELS, s.phase) },
                      { key: "Requested", value: formatDate(s.requestedOn) },
                      { key: "Handler", value: s.handlerName ?? "Not assigned" },
                      s.acknowledgedOn ? { key: "Acknowledged", value: formatDate(s.acknowledgedOn) } : null,
                      s.extensions.length ? { key: "Extensions", value: s.extensions.map((e) => `${e.workingDays} working days to ${formatDate(e.newDueDate)}: ${e.reason}`).join("; ") } : null,
                      s.pauses.length ? { key: "Pauses", value: s.pauses.map((p) => `${formatDate(p.from)} to ${p.to ? formatDate(p.to) : "now"}: ${p.reason}`).join("; ") } : null,
                      s.response ? { key: "Outcome", value: `${labelOr(OUTCOME_LABELS, s.response.outcome)} on ${formatDate(s.response.on)}` } : null,
                      s.response ? { key: "Reasons", value: s.response.reasons } : null,
                      s.response?.remedies.length ? { key: "Remedies", value: <ul className="govuk-list">{s.response.remedies.map((r) => <li key={r.id}>{r.description}{r.completedOn ? ` (done ${formatDate(r.completedOn)})` : r.dueOn ? ` (due ${formatDate(r.dueOn)})` : ""}</li>)}</ul> } : null,
                      s.response?.learning.rootCause ? { key: "Root cause", value: s.response.learning.rootCause } : null,
                    ]}
                  />
                </SummaryCard>
              ))}
            </>
          ) : null}

          <CaseLetters caseId={c.id} pending={letters.pending} issued={letters.issued} sent={letters.sent} mayWrite={letters.mayWrite} me={letters.me} />
          <CaseMessages caseId={c.id} messages={otherMessages} />
          <CaseFiles files={files.attachments} mayAdd={files.mayAdd} uploadUrl={files.uploadUrl} limits={files.limits} error={attachmentError} />
          <ResolutionPlans caseId={c.id} data={plans} />
          <RelatedCases caseId={c.id} related={related.cases} canChange={related.canChange} />

          <h2 className="govuk-heading-m">Timeline</h2>
          <Timeline timeline={c.timeline} />
        </div>

        <div className="govuk-grid-column-one-third">
          <aside aria-labelledby="actions-heading">
            <h2 className="govuk-heading-m" id="actions-heading">
              {next.length ? "More actions" : "Actions"}
            </h2>
            {actions.length ? (
              <ul className="app-actions">
                {actions.map((a) => (
                  <li key={a.command}>
                    <Link className="govuk-link govuk-link--no-visited-state" to={`/cases/${c.id}/${a.command}`}>
                      {a.label}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="govuk-body">{next.length ? "Nothing else your role can do on this case now." : "There is nothing your role can do on this case now."}</p>
            )}
            <h2 className="govuk-heading-s govuk-!-margin-top-6">Letters and files</h2>
            <ul className="govuk-list">
              <li>
                <a className="govuk-link" href="#letters">
                  Letters for this case
                  {letters.pending.length ? ` (${letters.pending.length} to write)` : ""}
                </a>
              </li>
              <li>
                <a className="govuk-link" href="#attachments">
                  Files ({files.attachments.length})
                </a>
              </li>
            </ul>
            <EqualityMonitoringLink caseId={c.id} />
            <Details summary="Why these deadlines?">
              <ul className="govuk-list govuk-body-s">
                {c.rules.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </Details>
          </aside>
        </div>
      </div>
    </Page>
  );
}

/**
 * What the rules expect next of this person (core's `nextSteps`), as buttons at the top of the
 * page (issue 16: "the case page leads"); letters a step left waiting come first, since the
 * step is not done for the resident until they are sent (decision 0322).
 */
function NextSteps({ caseId, next, lettersWaiting }: { caseId: string; next: Array<{ command: string; label: string; dueBy: string | null }>; lettersWaiting: Array<{ outboxId: number; text: string; href: string }> }) {
  if (!next.length && !lettersWaiting.length) return null;
  const dated = next.find((n) => n.dueBy);
  return (
    <section className="app-next-steps" aria-labelledby="next-step-heading">
      <h2 className="govuk-heading-m" id="next-step-heading">
        {next.length + lettersWaiting.length > 1 ? "Next steps" : "Next step"}
      </h2>
      {lettersWaiting.length ? (
        <ul className="govuk-list">
          {lettersWaiting.map((task) => (
            <li key={task.outboxId}>
              <a className="govuk-link" href={task.href}>
                {task.text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {dated ? <p className="govuk-body">{`${dated.label} by ${dated.dueBy}.`}</p> : null}
      {next.length ? (
        <ButtonGroup>
          {next.map((n) => (
            <ButtonLink key={n.command} to={`/cases/${caseId}/${n.command}`}>
              {n.label}
            </ButtonLink>
          ))}
        </ButtonGroup>
      ) : null}
    </section>
  );
}

/** A service's intake answer as people write it: yes/no, a list, a date; never JSON. */
function intakeValue(value: unknown): string {
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string") return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value.replace(/^[a-z]+(-[a-z]+)+$/, (code) => code.replace(/-/g, " "));
  if (Array.isArray(value)) return value.map(intakeValue).join(", ");
  if (value === null || value === undefined) return "Not given";
  return String(value);
}

function CaseStatus({ status, phase, closure }: { status: "new" | "open" | "closed"; phase: string | null; closure: string | null }) {
  if (status === "closed") return <><Tag colour="grey">Closed</Tag>{closure ? ` (${labelOr(CLOSURE_REASON_LABELS, closure).toLowerCase()})` : ""}</>;
  if (status === "new") return <Tag colour="purple">{CASE_STATUS_LABELS.new}</Tag>;
  return <><Tag colour="blue">Open</Tag>{phase ? ` ${labelOr(STAGE_PHASE_LABELS, phase).toLowerCase()}` : ""}</>;
}
