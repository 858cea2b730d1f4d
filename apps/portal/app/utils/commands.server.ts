/**
 * Turns a command's form into its payload with the schema the API parses it with, the command
 * module's own in core (`COMMANDS[type].payload`; docs/decisions/0512-forms-parse-with-the-api-schemas.md),
 * so the page shows the API's limits and messages next to the field before anything is sent.
 * The form's field list says which answers are dates, pounds and checkboxes; its `payload`
 * mapping (commands.ts) says where the form is not the payload as it stands.
 */
import { randomUUID } from "node:crypto";
import { COMMANDS, type CommandType } from "@complaints/core";
import type { z } from "zod";
import { COMMAND_FORMS, fieldNames, type FieldDef } from "./commands";
import { parseForm, type Parsed } from "./form-schema.server";
import { text } from "./forms.server";
import { labelOr } from "./labels";

export type Payload = Record<string, unknown>;

/** The date inputs, amounts and checkboxes among a form's fields (a radio's own questions too). */
function shapeOf(fields: readonly FieldDef[], shape = { dates: {} as Record<string, string>, money: [] as string[], checkboxes: [] as string[] }) {
  for (const f of fields) {
    if (f.kind === "date") shape.dates[f.name] = f.what;
    else if (f.kind === "money") shape.money.push(f.name);
    else if (f.kind === "checkbox") shape.checkboxes.push(f.name);
    else if (f.kind === "radios") for (const o of f.options) shapeOf(o.fields ?? [], shape);
  }
  return shape;
}

/**
 * Builds the command's payload from its form, as `staffId` sends it; `values` are what the
 * action worked out itself (the id of the case a duplicate names).
 */
export function parseCommand(type: CommandType, form: FormData, staffId: string, values: Payload = {}): Parsed<Payload> {
  const def = COMMAND_FORMS[type];
  if (!def || !Object.hasOwn(COMMANDS, type)) return { ok: false, errors: { _form: "This action cannot be taken from the portal" } };
  const schema: z.ZodType = COMMANDS[type as keyof typeof COMMANDS].payload;
  const answer = (name: string) => text(form, name) || ["day", "month", "year"].map((part) => text(form, `${name}-${part}`)).join("");
  const mapping = def.payload?.(answer, { staffId, newId: randomUUID }) ?? {};
  const parsed = parseForm(form, schema, { ...shapeOf(def.fields), fields: mapping.fields ?? {}, values: { ...mapping.values, ...values } });
  const errors = parsed.ok ? {} : parsed.errors;
  for (const [name, message] of Object.entries(mapping.required ?? {})) if (!answer(name)) errors[name] ??= message;
  if (parsed.ok && Object.keys(errors).length === 0) return { ok: true, value: parsed.value as Payload };
  // In the order the page asks; what the action fills in is wrong only because an answer is
  // (no reference, no case id), so the user is sent to correct the answer.
  const asked = ["_form", ...fieldNames(def.fields)];
  const shown = Object.entries(errors)
    .filter(([name]) => asked.includes(name))
    .sort(([a], [b]) => asked.indexOf(a) - asked.indexOf(b));
  return { ok: false, errors: Object.fromEntries(shown.length ? shown : Object.entries(errors)) };
}

const moduleOf = (type: string) => (Object.hasOwn(COMMANDS, type) ? COMMANDS[type as keyof typeof COMMANDS] : undefined);

/** What a command is called on its button: its module's label in core. */
export const commandLabel = (type: string) => moduleOf(type)?.label ?? labelOr({}, type);

/** Events of a case that are not the registry's commands: its logging, its letters and files. */
const OTHER_EVENTS: Record<string, string> = { log: "Case logged", "attachment-added": "File added", "letter-issued": "Letter issued", "letter-posted": "Letter posted", "contact-details-changed": "Contact details changed" };

/** An event's title in a case's timeline: what the command did, in its module's words. */
export const eventTitle = (type: string) => moduleOf(type)?.done ?? OTHER_EVENTS[type] ?? type.replace(/-/g, " ");
