/**
 * Parses a posted form with the schema the API parses the same input with (issue 13: one
 * definition, no second parser), through Conform's zod integration
 * (docs/decisions/0512-forms-parse-with-the-api-schemas.md). Conform turns the form's names
 * into the schema's shape and its strings into numbers and booleans; what is GOV.UK's and not
 * the schema's happens here: the day, month and year of a date input, pounds for pence,
 * checkboxes, the form's own field names, and messages keyed by those names for the summary.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { all, text } from "./forms.server";

export interface FormShape {
  /** Form field → its path in the schema ("fullName" → "customer.fullName"); others keep their name. */
  fields?: Readonly<Record<string, string>>;
  /** GOV.UK date inputs (`<name>-day`, `-month`, `-year`), with what each asks for ("the date consent was given"). */
  dates?: Readonly<Record<string, string>>;
  /** Amounts typed in pounds ("£1,075.50"), sent as pence. */
  money?: readonly string[];
  /** Single checkboxes: true when ticked, false when not. */
  checkboxes?: readonly string[];
  /** What the action decides rather than the user types (null for "no customer"), by path. */
  values?: Readonly<Record<string, unknown>>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A GOV.UK date input as "YYYY-MM-DD", null when left blank, or the GOV.UK message for what is wrong. */
function dateOf(form: FormData, name: string, what: string): { value: string | null } | { error: string } {
  const [day, month, year] = ["day", "month", "year"].map((part) => text(form, `${name}-${part}`));
  if (!day && !month && !year) return { value: null };
  if (!day || !month || !year) return { error: `${capitalise(what)} must include a day, month and year` };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year) || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { error: `${capitalise(what)} must be a real date` };
  }
  return { value: `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}

/** "75", "75.5", "£1,075.00" → pence; null when blank. */
function penceOf(form: FormData, name: string): { value: number | null } | { error: string } {
  const raw = text(form, name).replace(/[£,\s]/g, "");
  if (!raw) return { value: null };
  if (!/^\d+(\.\d{1,2})?$/.test(raw)) return { error: "Enter an amount in pounds, like 75 or 75.50" };
  return { value: Math.round(Number(raw) * 100) };
}

/** Reads a GOV.UK date input as "YYYY-MM-DD", for the forms that build their input by hand. */
export function readDate(form: FormData, name: string, what: string, errors: Record<string, string>, required: boolean): string | null {
  const date = dateOf(form, name, what);
  if ("error" in date) errors[name] = date.error;
  else if (date.value === null && required) errors[name] = `Enter ${what}`;
  return "value" in date ? date.value : null;
}

/** Reads an amount in pounds as pence, for the forms that build their input by hand. */
export function readMoney(form: FormData, name: string, errors: Record<string, string>): number | null {
  const pence = penceOf(form, name);
  if ("error" in pence) errors[name] = pence.error;
  return "value" in pence ? pence.value : null;
}

/** Puts the action's own values into the structured form, at their paths ("remedies[0].id", as Conform names them). */
function withValues(input: unknown, values: Readonly<Record<string, unknown>>): unknown {
  const root = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  for (const [path, value] of Object.entries(values)) {
    const keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    let at = root;
    keys.slice(0, -1).forEach((key, i) => {
      const next = at[key];
      const made = /^\d+$/.test(keys[i + 1]!) ? [] : {};
      at = at[key] = (typeof next === "object" && next !== null ? next : made) as Record<string, unknown>;
    });
    at[keys[keys.length - 1]!] = value;
  }
  return root;
}

type Issue = z.core.$ZodIssue;

/**
 * Zod answers a union that no option fits with one "Invalid input". The form meant the option
 * whose fields it sent (no unrecognised keys) and that it answers most nearly: its messages
 * are the ones that say what to correct.
 */
function flatten(issue: Issue): Issue[] {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
  const score = (issues: Issue[]) => (issues.some((i) => i.code === "unrecognized_keys") ? 1000 : 0) + issues.length;
  const nearest = [...issue.errors].sort((a, b) => score(a) - score(b))[0]!;
  return nearest.flatMap((inner) => flatten({ ...inner, path: [...issue.path, ...inner.path] } as Issue));
}

/**
 * Parses `form` with `schema`: the parsed value, or the messages by form field (a field's
 * first problem; "_form" for the input as a whole). Blank answers count as not given.
 */
export function parseForm<S extends z.ZodType>(form: FormData, schema: S, shape: FormShape = {}): Parsed<z.output<S>> {
  const { fields = {}, values = {} } = shape;
  const pathOf = (name: string) => fields[name] ?? name;
  // A strict schema refuses keys it does not know: the form's other fields (its CSRF token,
  // its radios that only show or hide questions, a row it does not use) are not the input.
  const objectShape = (schema as { shape?: Record<string, unknown> }).shape;
  const known = objectShape ? new Set(Object.keys(objectShape)) : null;
  const inSchema = (name: string) => !known || known.has(pathOf(name).split(/[.[]/)[0]!);
  const dates = Object.fromEntries(Object.entries(shape.dates ?? {}).filter(([name]) => inSchema(name)));
  const money = (shape.money ?? []).filter(inSchema);
  const checkboxes = (shape.checkboxes ?? []).filter(inSchema);
  const own = new Set([...Object.keys(dates).flatMap((n) => [`${n}-day`, `${n}-month`, `${n}-year`]), ...money, ...checkboxes]);

  const entries = new URLSearchParams();
  for (const [name, value] of form) {
    if (typeof value !== "string" || own.has(name) || value.trim() === "" || !inSchema(name)) continue;
    entries.append(pathOf(name), value);
  }
  const errors: Record<string, string> = {};
  const set: Record<string, unknown> = {};
  const blankDates = new Set<string>();
  for (const [name, what] of Object.entries(dates)) {
    const date = dateOf(form, name, what);
    if ("error" in date) errors[name] = date.error;
    else if (date.value === null) blankDates.add(name);
    else entries.set(pathOf(name), date.value);
  }
  for (const name of money) {
    const pence = penceOf(form, name);
    if ("error" in pence) errors[name] = pence.error;
    else if (pence.value !== null) set[pathOf(name)] = pence.value;
  }
  for (const name of checkboxes) set[pathOf(name)] = all(form, name).length > 0;
  Object.assign(set, values);

  const submission = parseWithZod(entries, { schema: z.preprocess((input) => withValues(input, set), schema), formatError: (issues: Issue[]) => issues });
  if (submission.status === "success") {
    if (Object.keys(errors).length === 0) return { ok: true, value: submission.value as z.output<S> };
    return { ok: false, errors };
  }
  const nameOf = new Map(Object.entries(fields).map(([name, path]) => [path, name]));
  for (const issues of Object.values(submission.error ?? {})) {
    for (const issue of (issues ?? []).flatMap(flatten)) {
      // A row of a list is its own field ("remedies[0].type"); a checkbox group is one field:
      // its n-th box has no field of its own.
      const row = issue.path.reduce<string>((s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), "");
      const path = issue.path.filter((p) => typeof p === "string").join(".");
      const name = nameOf.get(row) ?? nameOf.get(path) ?? (path || "_form");
      errors[name] ??= blankDates.has(name) ? `Enter ${dates[name]}` : issue.message;
    }
  }
  return { ok: false, errors };
}
