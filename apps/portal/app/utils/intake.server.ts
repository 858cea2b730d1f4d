/**
 * The questions a service's plugins add to intake (tenancy reference, housing issue…), read
 * from the resolved intake schema as JSON Schema, so a new plugin's fields appear on the
 * log-a-case page without portal changes.
 */
import type { AppLoadContext } from "@remix-run/node";
import { baseIntakeShape, type CaseKind } from "@complaints/core";
import { z } from "zod";

export interface IntakeField {
  name: string;
  label: string;
  type: "string" | "number" | "boolean" | "enum";
  options: string[];
  required: boolean;
  description: string | null;
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** "tenancyReference" → "Tenancy reference" */
export function labelOfField(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldsFromJsonSchema(schema: JsonSchema, exclude: ReadonlySet<string>): IntakeField[] {
  const required = new Set(schema.required ?? []);
  const out: IntakeField[] = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    if (exclude.has(name)) continue;
    const prop = raw.anyOf?.find((s) => s.type !== "null") ?? raw;
    const type = Array.isArray(prop.type) ? prop.type.find((t) => t !== "null") : prop.type;
    const field: IntakeField = {
      name,
      label: labelOfField(name),
      type: prop.enum ? "enum" : type === "boolean" ? "boolean" : type === "number" || type === "integer" ? "number" : "string",
      options: (prop.enum ?? []).map(String),
      required: required.has(name),
      description: raw.description ?? prop.description ?? null,
    };
    if (type === "object" || type === "array") continue; // not askable as one question
    out.push(field);
  }
  return out;
}

const BASE = new Set(Object.keys(baseIntakeShape));

/** The fields the service's plugins add, as the plugins' own schema (the form parses with it). */
export async function pluginIntakeSchema(context: AppLoadContext, councilId: string, serviceCode: string, kind: string): Promise<z.ZodObject | null> {
  const runtime = await context.deps.councils.get(councilId);
  if (!runtime.book.serviceIds().includes(serviceCode)) return null;
  const { shape } = runtime.book.rulesFor(serviceCode, kind as CaseKind).intakeSchema;
  return z.object(Object.fromEntries(Object.entries(shape).filter(([name]) => !BASE.has(name))));
}

export async function intakeFieldsFor(context: AppLoadContext, councilId: string, serviceCode: string, kind: string): Promise<IntakeField[]> {
  const schema = await pluginIntakeSchema(context, councilId, serviceCode, kind);
  if (!schema) return [];
  return fieldsFromJsonSchema(z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as JsonSchema, BASE);
}
