/**
 * The configuration pages' one way to change the council's profile (issue 14,
 * docs/decisions/0514-configuration-in-the-portal.md): a page parses its form with core's
 * input schema and makes the new profile with core's `profileEdit`; then the change is
 * checked ("this will change …; N open cases' due dates move"), and only a confirmation with
 * a reason saves it through `admin.profile.update`, which audits it and recalculates the
 * cases whose rules changed. Nothing is kept on the server between the steps: the new profile,
 * the profile it was made from and the form's values travel in the check page's hidden fields
 * (as the public form's answers do, decision 0502), and a profile changed by someone else in
 * between is refused rather than overwritten.
 */
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { parseCouncilProfile, text, type CouncilProfile } from "@complaints/core";
import { profileToText, type ProfileFormat } from "@complaints/profiles";
import { attempt, describeApiError, failure, readForm, valuesOf } from "../utils/forms.server";
import { parseForm, type FormShape } from "../utils/form-schema.server";
import { requireAdministrator } from "./admin.staff.server";

/** Where a refusal of the API belongs on the page's form (a statutory maximum against its stage's field). */
export type FieldFor = (message: string) => string;

/** What the check page shows and carries. */
export interface CheckView {
  ok: true;
  view: "check";
  profile: string;
  basedOn: string;
  values: string;
  preview: ChangePreview;
  errors: Record<string, string>;
}

/** The API's preview (admin.profile.preview) in the words the check page shows. */
export interface ChangePreview {
  changes: string[];
  /** Whose cases will be seen by whom after a service moves directorate. */
  access: string[];
  services: Array<{ name: string; changes: string[] }>;
  /** Open cases under changed rules (recalculated), and those whose due dates move. */
  recalculated: number;
  datesMove: number;
  /** The first cases whose due dates move, by reference. */
  moves: string[];
}

/** The council's profile as it is now, and when it last changed (the check page refuses a stale one). */
export async function currentProfile(context: AppLoadContext, request: Request): Promise<{ profile: CouncilProfile; basedOn: string; councilName: string }> {
  const staff = requireAdministrator(context, request);
  const runtime = await context.deps.councils.get(staff.councilId);
  return { profile: runtime.profile, basedOn: runtime.council.updatedAt.toISOString(), councilName: runtime.profile.name };
}

type ApiPreview = Awaited<ReturnType<AppLoadContext["api"]["admin"]["profile"]["preview"]>>;

const change = (c: ApiPreview["changes"][number]) => (c.before === null ? `${c.what} added: ${c.after}` : c.after === null ? `${c.what} removed: ${c.before}` : `${c.what}: ${c.before} → ${c.after}`);

/** The API's preview in words, and why it cannot be saved as it is (a service retired with open cases). */
/** The profile as the council command's `export` writes it, with the file name to save it as. */
export async function profileFile(context: AppLoadContext, request: Request, format: ProfileFormat) {
  const { profile } = await currentProfile(context, request);
  return { name: `${profile.id}-profile.${format}`, text: profileToText(profile, format) };
}

async function previewOf(context: AppLoadContext, profile: CouncilProfile): Promise<ChangePreview & { blockers: string[] }> {
  const preview = await context.api.admin.profile.preview({ profile });
  return {
    blockers: preview.blockers,
    changes: preview.changes.map(change),
    access: preview.access,
    services: preview.services.map((s) => ({ name: s.serviceName, changes: s.changes.map((r) => `${r.rule}: ${r.before} → ${r.after}`) })),
    recalculated: preview.openCases.underChangedRules,
    datesMove: preview.openCases.datesMove,
    moves: preview.moves.slice(0, 20).map((m) => m.reference),
  };
}

/**
 * The check step for a new profile: its effect in words, or, when the API refuses it (a
 * timescale above a statutory maximum), the form again with the message against its field.
 */
export async function proposeChange(context: AppLoadContext, form: FormData, next: CouncilProfile, basedOn: string, fieldFor: FieldFor = () => "_form") {
  const previewed = await attempt(form, () => previewOf(context, next));
  if (!previewed.ok) return refusedAt(previewed.response, form, fieldFor);
  const { blockers, ...preview } = previewed.value;
  if (blockers.length) return refusedAt(failure({ _form: blockers.join("; ") }, form), form, fieldFor);
  return { ok: true, view: "check", profile: JSON.stringify(next), basedOn, values: JSON.stringify(valuesOf(form)), preview, errors: {} } satisfies CheckView;
}

function refusedAt(response: ReturnType<typeof failure>, form: FormData, fieldFor: FieldFor) {
  const errors = response.data.errors;
  if (errors._form && Object.keys(errors).length === 1) return failure({ [fieldFor(errors._form)]: errors._form }, form);
  return response;
}

const confirmInput = z.object({
  profile: z.string().min(2),
  basedOn: z.string().min(1),
  values: z.string(),
  reason: text("why it changes (it is kept with the change)", 500),
});

/** The form's values as they were when the change was checked, to show the form again. */
function formOf(values: string): FormData {
  const form = new FormData();
  try {
    for (const [key, value] of Object.entries(JSON.parse(values) as Record<string, string>)) for (const v of String(value).split("\n")) form.append(key, v);
  } catch {
    // A tampered field gives an empty form back, never an error page.
  }
  return form;
}

/**
 * The check page's buttons: "Change it" shows the form again with what was typed; "Save the
 * change" saves the checked profile with the reason, unless the profile changed meanwhile.
 */
export async function decideChange(context: AppLoadContext, request: Request, form: FormData, done: string, fieldFor: FieldFor = () => "_form") {
  const staff = requireAdministrator(context, request);
  const parsed = parseForm(form, confirmInput);
  const values = typeof form.get("values") === "string" ? (form.get("values") as string) : "{}";
  if (form.get("intent") === "edit") return failure({}, formOf(values), 200);
  if (!parsed.ok) {
    if (parsed.errors.reason && typeof form.get("profile") === "string") {
      const profile = parseCouncilProfile(JSON.parse(form.get("profile") as string));
      const check = await proposeChange(context, formOf(values), profile, String(form.get("basedOn")));
      return "view" in check ? { ...check, errors: { reason: parsed.errors.reason } } : check;
    }
    return failure({ _form: "The change could not be read: make it again." }, formOf(values));
  }
  const runtime = await context.deps.councils.get(staff.councilId);
  if (runtime.council.updatedAt.toISOString() !== parsed.value.basedOn) {
    return failure({ _form: "Someone else changed the configuration after you started, so your change was not saved. Check the form and make it again." }, formOf(values));
  }
  const saved = await attempt(formOf(values), () => context.api.admin.profile.update({ profile: JSON.parse(parsed.value.profile) as Record<string, unknown>, reason: parsed.value.reason }));
  if (!saved.ok) return refusedAt(saved.response, formOf(values), fieldFor);
  return redirect(done, 303);
}

/**
 * The action of a configuration page: the check page's buttons, or the page's own form parsed
 * with core's input schema and made into the new profile by one of core's `profileEdit` edits.
 */
export async function configAction<S extends z.ZodType>(
  context: AppLoadContext,
  request: Request,
  options: {
    done: string;
    fieldFor?: FieldFor;
    /** The page's fields: a refusal about another one is said above the form. */
    fields?: readonly string[];
    input: S;
    shape?: FormShape;
    edit: (current: CouncilProfile, value: z.output<S>) => CouncilProfile;
    /** The page's "Retire" button (intent=retire), which has no fields. */
    retire?: (current: CouncilProfile) => CouncilProfile;
  },
) {
  requireAdministrator(context, request);
  const form = await readForm(request, context);
  const intent = form.get("intent");
  if (intent === "confirm" || intent === "edit") return decideChange(context, request, form, options.done, options.fieldFor);
  const { profile, basedOn } = await currentProfile(context, request);
  // The retire button posts no fields: a refusal shows the page's form as it is saved, not blank.
  const shown = intent === "retire" ? new FormData() : form;
  let next: CouncilProfile;
  try {
    if (intent === "retire" && options.retire) next = options.retire(profile);
    else {
      const parsed = parseForm(form, options.input, options.shape);
      if (!parsed.ok) return failure(parsed.errors, form);
      next = options.edit(profile, parsed.value);
    }
  } catch (error) {
    // Core's edits name the field a change cannot take (ProfileEditError).
    const field = (error as { field?: unknown }).field;
    if (typeof field === "string") return failure({ [!options.fields || options.fields.includes(field) ? field : "_form"]: (error as Error).message }, shown);
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    return failure({ _form: d.message }, shown);
  }
  return proposeChange(context, shown, next, basedOn, options.fieldFor);
}
