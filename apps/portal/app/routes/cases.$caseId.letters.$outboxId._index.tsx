import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { FormEvent } from "react";
import { InsetText, Radios, SummaryList, Textarea } from "../components/govuk";
import { PostForm } from "../components/form";
import { elementLabel, fieldOfElement } from "../utils/letters";
import { loadLetterPage, writeLetterAction } from "./cases.$caseId.letters.$outboxId.server";
import { Page } from "../components/page";
import { CORRESPONDENCE_LANGUAGES, CORRESPONDENCE_LANGUAGE_LABELS } from "@complaints/core/vocabulary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pending ? `Write the ${data.pending.kindName} – ${data.case.reference}` : "Letter" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  return loadLetterPage(context, request, params.caseId ?? "", params.outboxId ?? "");
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  return writeLetterAction(context, request, params.caseId ?? "", params.outboxId ?? "");
}

type Draft = NonNullable<Awaited<ReturnType<typeof loader>>["draft"]>;
type Warning = Draft["warnings"][number];

/**
 * "Preview as PDF" opens the PDF in a new tab. Without JavaScript the button's own formaction
 * and formtarget do it; with JavaScript Remix would send the form by fetch instead, so the
 * browser is asked to submit it natively, to the preview address, in a new tab.
 */
function submitToNewTab(event: FormEvent<HTMLFormElement>) {
  const submitter = (event.nativeEvent as SubmitEvent).submitter;
  if (!(submitter instanceof HTMLButtonElement) || submitter.dataset.newTab === undefined) return;
  event.preventDefault();
  const form = event.currentTarget;
  const action = form.getAttribute("action");
  form.setAttribute("action", submitter.formAction);
  form.setAttribute("target", "_blank");
  HTMLFormElement.prototype.submit.call(form);
  if (action === null) form.removeAttribute("action");
  else form.setAttribute("action", action);
  form.removeAttribute("target");
}

function Advice({ warnings }: { warnings: readonly Warning[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="app-advice govuk-!-margin-bottom-6">
      <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">Plain English</p>
      <ul className="govuk-list govuk-list--bullet govuk-body-s">
        {warnings.map((w, i) => (
          <li key={i}>
            {w.rule === "hard-sentence" ? <>A long or hard sentence: {w.suggestion}</> : <>&ldquo;{w.word}&rdquo;: {w.suggestion}</>}
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function WriteLetter() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { case: c, pending } = loaded;
  if (!pending || !loaded.draft) {
    return (
      <Page back={{ to: `/cases/${c.id}`, text: `Back to ${c.reference}` }} heading="This letter is not waiting to be written">
        <p className="govuk-body">Someone may have issued it already. The case shows its letters.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${c.id}#letters`}>
            Letters for {c.reference}
          </Link>
        </p>
      </Page>
    );
  }
  const draft: Draft = (posted && "draft" in posted && posted.draft ? posted.draft : loaded.draft) as Draft;
  const errors = (posted && posted.ok === false ? posted.errors : {}) as Record<string, string>;
  const values = (posted?.values ?? {}) as Record<string, string>;
  const checked = posted?.ok === true;
  const missingElements = new Set(draft.missing.map((m) => m.element));
  const sectionElements = [...draft.model.sections.map((s) => s.element as string), ...draft.missing.map((m) => m.element).filter((e) => fieldOfElement(e).startsWith("section-") && !draft.model.sections.some((s) => s.element === e))];
  const textOf = (element: string) =>
    draft.model.sections
      .find((s) => s.element === element)
      ?.paragraphs.join("\n\n") ?? "";
  const warningsAt = (location: string) => draft.warnings.filter((w) => w.location === location);
  const toRepresentative = draft.recipient.to === "representative";
  const needsCustomerAddress = missingElements.has("recipient-address") || Boolean(values.customerAddress);
  const needsRepresentativeAddress = missingElements.has("representative-address") || Boolean(values.representativeAddress);
  const address = draft.model.recipient.address;

  return (
    <Page back={{ to: `/cases/${c.id}`, text: `Back to ${c.reference}` }} narrow errors={errors} caption={<>{c.reference} · Letter</>} heading={<>Write the {pending.kindName}</>}>
      <SummaryList
        rows={[
          {
            key: "Goes to",
            value: (
              <>
                {draft.recipient.name || "Nobody yet"}
                {toRepresentative ? " (the representative, who acts for the customer)" : ""}
                {address.lines.length ? (
                  <span className="govuk-!-display-block govuk-body-s">{[...address.lines, address.postcode].join(", ")}</span>
                ) : null}
              </>
            ),
          },
          {
            key: "Sent by",
            value: draft.recipients.length
              ? draft.recipients.map((r) => (r.channel === "email" ? `Email to ${r.email}, with the letter attached` : "Post")).join(" and ")
              : "Not sent: issued for the file only",
          },
          { key: "Subject", value: draft.english ? `${draft.model.subject} / ${draft.english.subject}` : draft.model.subject },
          { key: "Print", value: `${draft.largePrint ? "Large print" : "Standard print"} (${draft.largePrintReason})` },
          { key: "Signed by", value: `${draft.model.signOff.name}, ${draft.model.signOff.jobTitle}` },
        ]}
      />
      <Advice warnings={warningsAt("subject")} />
      {draft.missing.length && Object.keys(errors).length === 0 ? (
        <InsetText>
          <p className="govuk-body">Before it can be issued, the letter needs:</p>
          <ul className="govuk-list govuk-list--bullet">
            {draft.missing.map((m) => (
              <li key={m.element}>{m.description}</li>
            ))}
          </ul>
        </InsetText>
      ) : null}
      {checked && draft.missing.length === 0 ? <InsetText>The letter has everything it needs: check the wording, then issue it.</InsetText> : null}

      <PostForm onSubmit={submitToNewTab}>
        <h2 className="govuk-heading-m">What the letter says</h2>
        <p className="govuk-body">Leave a blank line between paragraphs. A box left empty keeps the wording written for you from the case.</p>
        {sectionElements.map((element) => {
          const name = `section-${element}`;
          const missing = draft.missing.find((m) => m.element === element);
          return (
            <div key={element}>
              <Textarea
                name={name}
                label={elementLabel(element)}
                labelSize="s"
                rows={Math.min(12, Math.max(3, Math.ceil(textOf(element).length / 70) + 1))}
                hint={missing ? `Required: ${missing.description}` : undefined}
                error={errors[name]}
                defaultValue={values[name] ?? textOf(element)}
              />
              <Advice warnings={warningsAt(`section:${element}`)} />
            </div>
          );
        })}

        {needsCustomerAddress ? (
          <>
            <h2 className="govuk-heading-m">The customer&rsquo;s address</h2>
            <p className="govuk-body">
              Give it for this letter, or{" "}
              <Link className="govuk-link" to={`/cases/${c.id}/contact/customer`}>
                add it to their record
              </Link>{" "}
              so that this and later letters go to it: the waiting letters are then sent at once.
            </p>
            <Textarea name="customerAddress" label="Address, one line each" labelSize="s" rows={4} error={errors.customerAddress} defaultValue={values.customerAddress} />
            <AddressPostcode name="customerAddressPostcode" error={errors.customerAddressPostcode} defaultValue={values.customerAddressPostcode} />
          </>
        ) : null}
        {needsRepresentativeAddress ? (
          <>
            <h2 className="govuk-heading-m">The representative&rsquo;s address</h2>
            <p className="govuk-body">
              Replies go to the representative, so the letter goes to them. Give their address for this letter, or{" "}
              <Link className="govuk-link" to={`/cases/${c.id}/contact/representative`}>
                add it to their record
              </Link>
              .
            </p>
            <Textarea name="representativeAddress" label="Address, one line each" labelSize="s" rows={4} error={errors.representativeAddress} defaultValue={values.representativeAddress} />
            <AddressPostcode name="representativeAddressPostcode" error={errors.representativeAddressPostcode} defaultValue={values.representativeAddressPostcode} />
          </>
        ) : null}

        <Radios
          name="largePrint"
          legend="Print size"
          legendSize="s"
          small
          defaultValue={values.largePrint ?? "auto"}
          items={[
            { value: "auto", text: `As the case says (${draft.largePrint ? "large print" : "standard print"})` },
            { value: "large", text: "Large print" },
            { value: "standard", text: "Standard print" },
          ]}
        />
        <Radios
          name="language"
          legend="Language"
          legendSize="s"
          small
          inline
          hint="The resident's language where the council writes in it; a bilingual letter is Welsh first, then English"
          defaultValue={values.language ?? draft.language}
          items={CORRESPONDENCE_LANGUAGES.map((value) => ({ value, text: CORRESPONDENCE_LANGUAGE_LABELS[value] }))}
        />
        <div className="govuk-button-group">
          <button type="submit" name="intent" value="issue" className="govuk-button" data-module="govuk-button">
            Issue the letter
          </button>
          <button type="submit" name="intent" value="check" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Check the letter
          </button>
          <button
            type="submit"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            formAction={`/cases/${c.id}/letters/${pending.outboxId}/preview`}
            formTarget="_blank"
            data-new-tab=""
          >
            Preview as PDF<span className="govuk-visually-hidden"> (opens in a new tab)</span>
          </button>
        </div>
      </PostForm>
    </Page>
  );
}

function AddressPostcode({ name, error, defaultValue }: { name: string; error: string | undefined; defaultValue: string | undefined }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={name}>
        Postcode
      </label>
      {error ? (
        <p id={`${name}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input className={`govuk-input govuk-input--width-10${error ? " govuk-input--error" : ""}`} id={name} name={name} type="text" autoComplete="postal-code" defaultValue={defaultValue} aria-describedby={error ? `${name}-error` : undefined} />
    </div>
  );
}
