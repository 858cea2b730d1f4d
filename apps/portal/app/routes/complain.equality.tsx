/**
 * The optional equality monitoring form, offered after a complaint is sent: consent first,
 * then the nine protected characteristics (Equality Act 2010 s4), each of which may be
 * declined or left out. The answers go to the API with the case's reference and tracking
 * code, are kept apart from the case and are never shown back (not even here).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { Button, ErrorSummary, Panel, Radios } from "../components/govuk";
import { PostForm } from "../components/form";
import { describeApiError, readForm, text } from "../utils/forms.server";
import { HiddenProof } from "../components/proof";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Equality monitoring (optional) – Make a complaint, compliment or comment" }];

/** The form is reached from the confirmation page, which posts the reference and code to it. */
export async function loader(_args: LoaderFunctionArgs) {
  return null;
}

type Question = Awaited<ReturnType<ActionFunctionArgs["context"]["api"]["public"]["equalityQuestions"]>>[number];
type View =
  | { view: "consent"; proof: { reference: string; trackingCode: string }; errors: Record<string, string> }
  | { view: "questions"; proof: { reference: string; trackingCode: string }; questions: Question[]; errors: Record<string, string> }
  | { view: "done"; answered: boolean };

function failed(view: View, status: number) {
  return data(view, { status: 200, headers: { "X-Form-Status": String(status) } });
}

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const proof = { reference: text(form, "reference"), trackingCode: text(form, "trackingCode") };
  const step = text(form, "_action");
  if (step === "start") return data<View>({ view: "consent", proof, errors: {} });
  if (step === "consent") {
    const consent = text(form, "consent");
    if (consent !== "yes" && consent !== "no") return failed({ view: "consent", proof, errors: { consent: "Select yes if you agree to answer the equality questions" } }, 400);
    if (consent === "no") return data<View>({ view: "done", answered: false });
    return data<View>({ view: "questions", proof, questions: await context.api.public.equalityQuestions(), errors: {} });
  }
  // The answers: anything not chosen is left unanswered.
  const questions = await context.api.public.equalityQuestions();
  const answers = Object.fromEntries(questions.map((q) => [q.characteristic, text(form, q.characteristic) || null]));
  try {
    await context.api.public.equality({ ...proof, consent: true, answers });
    return data<View>({ view: "done", answered: true });
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    return failed({ view: "questions", proof, questions, errors: { _form: d.message } }, d.status);
  }
}

export default function Equality() {
  const view = useActionData<typeof action>() as View | undefined;
  return (
    <Page narrow>
      {!view ? (
        <>
          <h1 className="govuk-heading-l">Equality monitoring</h1>
          <p className="govuk-body">You can answer these optional questions after you send a complaint: look for them on the page that gives you your reference.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/complain">
              Make a complaint
            </Link>
          </p>
        </>
      ) : view.view === "done" ? (
        <>
          <Panel title={view.answered ? "Thank you for your answers" : "You chose not to answer"} />
          <p className="govuk-body">This makes no difference to how we deal with your complaint.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/track">
              Check how your complaint is going
            </Link>
          </p>
        </>
      ) : view.view === "consent" ? (
        <>
          <ErrorSummary errors={view.errors} />
          <span className="govuk-caption-l">Optional</span>
          <PostForm>
            <HiddenProof proof={view.proof} />
            <Radios
              name="consent"
              legend="Do you agree to answer some questions about yourself?"
              isPageHeading
              hint={
                <>
                  We ask about age, sex, gender identity, disability, ethnic group, religion or belief, sexual orientation, marriage or civil partnership, and pregnancy, to check our services are fair to everyone. You can skip any question. Your answers are kept apart from your complaint, only used
                  in anonymous totals, and you can ask us to delete them at any time.
                </>
              }
              error={view.errors.consent}
              items={[
                { value: "yes", text: "Yes, I agree to you keeping my answers for this purpose" },
                { value: "no", text: "No, I do not want to answer" },
              ]}
            />
            <Button name="_action" value="consent">
              Continue
            </Button>
          </PostForm>
        </>
      ) : (
        <>
          <ErrorSummary errors={view.errors} />
          <span className="govuk-caption-l">Optional</span>
          <h1 className="govuk-heading-l">About you</h1>
          <p className="govuk-body">Answer as many questions as you like. Choose &lsquo;Prefer not to say&rsquo;, or leave a question out, to skip it.</p>
          <PostForm>
            <HiddenProof proof={view.proof} />
            {view.questions.map((q) => (
              <Radios key={q.characteristic} name={q.characteristic} legend={q.question} legendSize="m" small items={q.answers.map((a) => ({ value: a.code, text: a.label }))} />
            ))}
            <Button name="_action" value="answers">
              Send your answers
            </Button>
          </PostForm>
        </>
      )}
    </Page>
  );
}
