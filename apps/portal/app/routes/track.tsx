/**
 * Check how a case is going: reference and tracking code in, then the stage, the status in
 * plain words, the next date and what it is for, and the letters sent (each downloadable by
 * posting the same proof). No staff names, no internal notes: only what the API's public
 * procedures give.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { Button, ErrorSummary, SummaryList, Table } from "../components/govuk";
import { PostForm } from "../components/form";
import { HiddenProof, ProofFields } from "../components/proof";
import { readForm } from "../utils/forms.server";
import { findCase, proofFrom, type CasePage, type Proof } from "../utils/public.server";
import { formatDate } from "../utils/labels";
import { Page } from "../components/page";
import { phoneOrEmail } from "../components/public-information";

export const meta: MetaFunction = () => [{ title: "Check how your complaint is going – Complaints, compliments and comments" }];

export async function loader(_args: LoaderFunctionArgs) {
  return null;
}

type View = { view: "find"; errors: Record<string, string>; values: Partial<Proof> } | { view: "case"; page: CasePage; proof: Proof };

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const proof = proofFrom(form);
  const found = await findCase(context, form);
  if (!found.ok) return data<View>({ view: "find", errors: found.errors, values: proof }, { status: 200, headers: { "X-Form-Status": String(found.status) } });
  return data<View>({ view: "case", page: found.page, proof });
}

const KIND_NOUN: Record<string, string> = { complaint: "complaint", compliment: "compliment", comment: "comment" };

export function CaseProgress({ page, proof }: { page: CasePage; proof: Proof }) {
  const noun = KIND_NOUN[page.kind] ?? "case";
  return (
    <>
      <span className="govuk-caption-l">Your {noun}</span>
      <h1 className="govuk-heading-l">{page.reference}</h1>
      <SummaryList
        rows={[
          { key: "Status", value: <span id="case-status">{page.statusText}</span> },
          { key: "About", value: page.service },
          { key: "Received", value: formatDate(page.receivedOn, true) },
          page.next ? { key: "Next", value: <span id="case-next">{page.next.what} {formatDate(page.next.date, true)}</span> } : null,
        ]}
      />
      {page.dates.length > 0 ? (
        <Table
          caption={page.datesExpected ? "The dates once we have accepted your complaint" : "Dates"}
          captionSize="m"
          head={["What", "When", "Done"]}
          rows={page.dates.map((d) => [d.what.replace(/ (by|until)$/, ""), formatDate(d.date, true), d.doneOn ? `Yes, ${formatDate(d.doneOn)}` : "Not yet"])}
        />
      ) : null}
      <h2 className="govuk-heading-m">Letters we have sent</h2>
      {page.letters.length === 0 ? (
        <p className="govuk-body">We have not sent any letters yet.</p>
      ) : (
        <Table
          caption="Letters"
          captionSize="s"
          head={["Letter", "Sent", ""]}
          rows={page.letters.map((l) => [
            l.name,
            formatDate(l.sentOn, true),
            l.downloadable ? (
              <PostForm key={l.letterId} action="/track/letter" reloadDocument>
                <HiddenProof proof={proof} />
                <input type="hidden" name="letterId" value={l.letterId} />
                <button type="submit" className="govuk-link app-link-button govuk-body-s">
                  Download<span className="govuk-visually-hidden"> the {l.name.toLowerCase()} sent {formatDate(l.sentOn)}</span> (PDF)
                </button>
              </PostForm>
            ) : (
              "Sent to your representative"
            ),
          ])}
        />
      )}
      {page.kind === "complaint" ? (
        <>
          <h2 className="govuk-heading-m">If you are unhappy with our response</h2>
          {page.escalation.possible ? (
            <PostForm action="/escalate">
              <HiddenProof proof={proof} />
              <p className="govuk-body">You can ask for your complaint to go to {page.escalation.toStage}. You do not have to give a reason.</p>
              <Button name="_action" value="find" variant="secondary">
                Ask for {page.escalation.toStage}
              </Button>
            </PostForm>
          ) : (
            <>
              <p className="govuk-body" id="escalation-why">
                {page.escalation.why}
              </p>
              {page.escalation.lateRequest ? (
                <PostForm action="/escalate">
                  <HiddenProof proof={proof} />
                  <Button name="_action" value="find" variant="secondary">
                    Ask for {page.escalation.lateRequest.toStage} anyway
                  </Button>
                </PostForm>
              ) : null}
            </>
          )}
        </>
      ) : null}
      {phoneOrEmail(page.council) ? <p className="govuk-body">Questions? {phoneOrEmail(page.council, true)}. Quote your reference.</p> : null}
    </>
  );
}

export default function Track() {
  const view = useActionData<typeof action>() as View | undefined;
  return (
    <Page narrow>
      {view?.view === "case" ? (
        <>
          <CaseProgress page={view.page} proof={view.proof} />
          <p className="govuk-body">
            <Link className="govuk-link" to="/track">
              Check another case
            </Link>
          </p>
        </>
      ) : (
        <>
          <ErrorSummary errors={view?.errors} />
          <h1 className="govuk-heading-l">Check how your complaint is going</h1>
          <p className="govuk-body">Enter the reference and tracking code we gave you when you made your complaint, compliment or comment.</p>
          <PostForm>
            <ProofFields errors={view?.errors ?? {}} values={view?.values ?? {}} />
            <Button name="_action" value="find">
              Check
            </Button>
          </PostForm>
          <p className="govuk-body">
            Lost your tracking code? Phone us and we will read it to you once we know it is you.
          </p>
        </>
      )}
    </Page>
  );
}
