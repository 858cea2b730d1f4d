import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { Button, Checkboxes, Input, InsetText, Panel, Radios, Select, Textarea } from "../components/govuk";
import { PostForm } from "../components/form";
import { formatDate } from "../utils/labels";
import { ANSWER_FIELDS, STEP_FIELDS, contactWays, stepsFor, type Answers, type Step } from "../utils/complain";
import { complainAction, loadComplain, type ComplainView, type Receipt } from "./complain.server";
import { Page } from "../components/page";
import { phoneOrEmail } from "../components/public-information";

const SERVICE_TITLE = "Make a complaint, compliment or comment";

export const meta: MetaFunction = () => [{ title: `${SERVICE_TITLE} – Council` }];

export async function loader({ context }: LoaderFunctionArgs) {
  return loadComplain(context);
}

export async function action({ context, request }: ActionFunctionArgs) {
  return complainAction(context, request);
}

type Services = Awaited<ReturnType<typeof loader>>["services"];

const KIND_WORDS: Record<string, { noun: string; sent: string }> = {
  complaint: { noun: "complaint", sent: "Complaint sent" },
  compliment: { noun: "compliment", sent: "Compliment sent" },
  comment: { noun: "comment", sent: "Comment sent" },
};

/** The question each step asks: its heading and the page's title. */
function question(step: Step, a: Answers): string {
  const noun = KIND_WORDS[a.kind ?? ""]?.noun ?? "complaint";
  switch (step) {
    case "kind":
      return "What would you like to do?";
    case "service":
      return `Which service is your ${noun} about?`;
    case "description":
      return a.kind === "complaint" ? "What happened?" : `What would you like to tell us?`;
    case "outcome":
      return "What would you like us to do to put things right?";
    case "name":
      return a.kind === "complaint" ? "What is your name?" : "Would you like a reply?";
    case "contact":
      return "How would you like us to contact you?";
    case "check":
      return `Check your answers before sending your ${noun}`;
  }
}

/** Every answer so far, except those this page asks, carried along unseen. */
function Hidden({ answers, except }: { answers: Answers; except: readonly string[] }) {
  return (
    <>
      {ANSWER_FIELDS.filter((f) => !except.includes(f) && answers[f] !== undefined).map((f) => (
        <input key={f} type="hidden" name={f} value={answers[f]} />
      ))}
    </>
  );
}

function StepFields({ step, a, errors, services }: { step: Step; a: Answers; errors: Record<string, string>; services: Services }) {
  const title = question(step, a);
  switch (step) {
    case "kind":
      return (
        <Radios
          name="kind"
          legend={title}
          isPageHeading
          error={errors.kind}
          defaultValue={a.kind}
          items={[
            { value: "complaint", text: "Make a complaint", hint: "Tell us about something we did wrong or did not do, and what you would like us to do about it." },
            { value: "compliment", text: "Pay a compliment", hint: "Tell us about something we did well." },
            { value: "comment", text: "Make a comment or suggestion" },
          ]}
        />
      );
    case "service":
      return services.length <= 12 ? (
        <Radios name="service" legend={title} isPageHeading hint="If you are not sure, choose the one closest to it." error={errors.service} defaultValue={a.service} items={services.map((s) => ({ value: s.id, text: s.name, hint: s.directorate }))} />
      ) : (
        <>
          <h1 className="govuk-heading-l">{title}</h1>
          <Select name="service" label="Service" hint="If you are not sure, choose the one closest to it." placeholder="Choose a service" error={errors.service} defaultValue={a.service} items={services.map((s) => ({ value: s.id, text: `${s.name} (${s.directorate})` }))} />
        </>
      );
    case "description":
      return (
        <Textarea
          name="description"
          label={title}
          isPageHeading
          hint={a.kind === "complaint" ? "Tell us what went wrong, when it happened and who was involved, if you know. Do not include bank details." : "Tell us who or what it is about, and when."}
          rows={10}
          error={errors.description}
          defaultValue={a.description}
        />
      );
    case "outcome":
      return <Textarea name="desiredOutcome" label={title} isPageHeading hint="For example, an apology, a repair, or a decision looked at again. If you are not sure, say so." rows={5} error={errors.desiredOutcome} defaultValue={a.desiredOutcome} />;
    case "name":
      return a.kind === "complaint" ? (
        <Input name="fullName" label={title} isPageHeading autoComplete="name" spellCheck={false} error={errors.fullName} defaultValue={a.fullName} />
      ) : (
        <Radios
          name="replyWanted"
          legend={title}
          isPageHeading
          error={errors.replyWanted}
          defaultValue={a.replyWanted}
          items={[
            { value: "yes", text: "Yes", conditional: <Input name="fullName" label="Your full name" autoComplete="name" spellCheck={false} error={errors.fullName} defaultValue={a.fullName} /> },
            { value: "no", text: "No, I want to stay anonymous", hint: "We will not be able to reply to you." },
          ]}
        />
      );
    case "contact":
      return (
        <Checkboxes
          name="contact"
          legend={title}
          isPageHeading
          hint="We will answer you by email, by post or both. Select all that apply."
          error={errors.contact}
          defaultValue={contactWays(a)}
          items={[
            { value: "email", text: "Email", conditional: <Input name="email" type="email" label="Email address" autoComplete="email" spellCheck={false} error={errors.email} defaultValue={a.email} /> },
            {
              value: "post",
              text: "Post",
              conditional: (
                <>
                  <Input name="addressLine1" label="Address line 1" autoComplete="address-line1" error={errors.addressLine1} defaultValue={a.addressLine1} />
                  <Input name="addressLine2" label="Address line 2 (optional)" autoComplete="address-line2" defaultValue={a.addressLine2} />
                  <Input name="town" label="Town or city" autoComplete="address-level2" width="two-thirds" error={errors.town} defaultValue={a.town} />
                  <Input name="postcode" label="Postcode" autoComplete="postal-code" width="10" error={errors.postcode} defaultValue={a.postcode} />
                </>
              ),
            },
            {
              value: "text",
              text: "Text message updates as well",
              hint: "Short messages to your mobile, like your reference and when we have written to you.",
              conditional: <Input name="phone" type="tel" label="Mobile phone number" hint="A UK mobile number, like 07700 900 982" autoComplete="tel" width="20" error={errors.phone} defaultValue={a.phone} />,
            },
          ]}
        />
      );
    case "check":
      return null;
  }
}

function CheckAnswers({ a, services }: { a: Answers; services: Services }) {
  const service = services.find((s) => s.id === a.service);
  const ways = contactWays(a);
  const contact = [
    ways.includes("email") ? `Email: ${a.email ?? ""}` : null,
    ways.includes("post") ? `Post: ${[a.addressLine1, a.addressLine2, a.town, a.postcode].filter(Boolean).join(", ")}` : null,
    ways.includes("text") ? `Text message updates: ${a.phone ?? ""}` : null,
  ]
    .filter(Boolean)
    .join("\n");
  const rows: Array<{ step: Step; key: string; value: string } | false> = [
    { step: "kind", key: "What you want to do", value: KIND_WORDS[a.kind ?? ""]?.noun.replace(/^./, (c) => c.toUpperCase()) ?? "" },
    { step: "service", key: "Service", value: service ? service.name : "" },
    { step: "description", key: a.kind === "complaint" ? "What happened" : "Your message", value: a.description ?? "" },
    a.kind === "complaint" && { step: "outcome", key: "What you would like us to do", value: a.desiredOutcome ?? "" },
    { step: "name", key: "Your name", value: a.kind !== "complaint" && a.replyWanted === "no" ? "Anonymous: no reply wanted" : (a.fullName ?? "") },
    stepsFor(a).includes("contact") && { step: "contact", key: "How to contact you", value: contact },
  ];
  return (
    <dl className="govuk-summary-list govuk-!-margin-bottom-9">
      {rows
        .filter((r): r is { step: Step; key: string; value: string } => Boolean(r))
        .map((r) => (
          <div key={r.step} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{r.key}</dt>
            <dd className="govuk-summary-list__value app-prewrap">{r.value}</dd>
            <dd className="govuk-summary-list__actions">
              <button type="submit" name="_action" value={`change-${r.step}`} className="govuk-link app-link-button govuk-body">
                Change<span className="govuk-visually-hidden"> {r.key.toLowerCase()}</span>
              </button>
            </dd>
          </div>
        ))}
    </dl>
  );
}

function Sent({ receipt }: { receipt: Receipt }) {
  const words = KIND_WORDS[receipt.kind] ?? KIND_WORDS.complaint!;
  return (
    <Page narrow>
      <Panel title={words.sent}>
        Your reference
        <br />
        <strong>{receipt.reference}</strong>
      </Panel>
      <h2 className="govuk-heading-m">Your tracking code</h2>
      <p className="govuk-body">
        <span className="app-tracking-code" id="tracking-code">
          {receipt.trackingCode}
        </span>
      </p>
      <InsetText>
        Keep your reference and tracking code safe. You need both to check how your {words.noun} is going{receipt.kind === "complaint" ? " or to ask for the next stage" : ""}. We will not ask you for your tracking code unless you phone us.
      </InsetText>
      <h2 className="govuk-heading-m">What happens next</h2>
      {receipt.anonymous ? (
        <p className="govuk-body">Thank you. You did not give us your details, so we will not reply, but we will pass your {words.noun} to the service.</p>
      ) : receipt.dates.length > 0 ? (
        <>
          {receipt.datesExpected ? <p className="govuk-body">We will check your {words.noun} first. Once we have accepted it:</p> : null}
          <ul className="govuk-list govuk-list--bullet" id="next-dates">
            {receipt.dates.map((d) => (
              <li key={`${d.kind}-${d.date}`}>
                {d.what} <strong>{formatDate(d.date, true)}</strong>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="govuk-body">We will be in touch.</p>
      )}
      <p className="govuk-body">
        You can <Link className="govuk-link" to="/track">check how your {words.noun} is going</Link> at any time.
        {phoneOrEmail(receipt.council) ? <> If you need help, {phoneOrEmail(receipt.council)}.</> : null}
      </p>
      {receipt.kind === "complaint" ? (
        <div className="govuk-!-margin-top-8">
          <h2 className="govuk-heading-m">Help us treat everyone fairly (optional)</h2>
          <p className="govuk-body">
            We would like to ask you some questions about yourself, such as your age and ethnic group, to check that our services are fair to everyone. This is separate from your complaint: the people dealing with it will not see your answers, and answering or not makes no difference to it.
          </p>
          <PostForm action="/complain/equality">
            <input type="hidden" name="reference" value={receipt.reference} />
            <input type="hidden" name="trackingCode" value={receipt.trackingCode} />
            <input type="hidden" name="_action" value="start" />
            <Button variant="secondary">Answer the equality questions</Button>
          </PostForm>
        </div>
      ) : null}
    </Page>
  );
}

export default function Complain() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ComplainView | undefined;
  const view: ComplainView = result ?? { view: "step", step: "kind", answers: { idempotencyKey: loaded.idempotencyKey }, errors: {}, returnToCheck: false };
  const title = view.view === "sent" ? KIND_WORDS[view.receipt.kind]?.sent ?? "Sent" : question(view.step, view.answers);
  const failed = view.view === "step" && Object.keys(view.errors).length > 0;

  // Without JavaScript every step shares the form's title; with it, each step gets its own.
  useEffect(() => {
    document.title = `${failed ? "Error: " : ""}${title} – ${SERVICE_TITLE} – ${loaded.council.name}`;
  }, [title, failed, loaded.council.name]);

  if (view.view === "sent") return <Sent receipt={view.receipt} />;
  const { step, answers, errors, returnToCheck } = view;
  const state = (
    <>
      <input type="hidden" name="_step" value={step} />
      {returnToCheck ? <input type="hidden" name="_return" value="check" /> : null}
    </>
  );
  return (
    <>
      {step !== "kind" ? (
        <PostForm className="app-back-form">
          {state}
          <Hidden answers={answers} except={[]} />
          <button type="submit" name="_action" value="back" className="govuk-back-link app-back-button">
            Back
          </button>
        </PostForm>
      ) : (
        <Link to="/" className="govuk-back-link">
          Back
        </Link>
      )}
      <Page narrow errors={errors}>
        <PostForm>
          {state}
          <Hidden answers={answers} except={STEP_FIELDS[step]} />
          {step === "check" ? (
            <>
              <h1 className="govuk-heading-l">{title}</h1>
              <CheckAnswers a={answers} services={loaded.services} />
              <h2 className="govuk-heading-m">Now send your {KIND_WORDS[answers.kind ?? ""]?.noun ?? "complaint"}</h2>
              <p className="govuk-body">By sending this you confirm that, to the best of your knowledge, the details you are giving are correct.</p>
              <Button name="_action" value="send">
                Send
              </Button>
            </>
          ) : (
            <>
              <StepFields step={step} a={answers} errors={errors} services={loaded.services} />
              <Button name="_action" value="continue">
                Continue
              </Button>
            </>
          )}
        </PostForm>
      </Page>
    </>
  );
}
