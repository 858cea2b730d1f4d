/**
 * Staff from a spreadsheet (issue 14; docs/staff-import.md): reading the uploaded file and
 * carrying it from the check to the confirmation. The API checks every row and does the
 * import (admin.staff.import); the page holds no state between the two posts.
 */
import { IMPORT_MAX_BYTES } from "@complaints/api";

/** The API's limit (services/staff-import.ts); the form around the file is given room too. */
export const MAX_FILE_BYTES = IMPORT_MAX_BYTES;
const FORM_ALLOWANCE = 64 * 1024;

/**
 * A posted body bigger than any file the import takes, refused before it is read: the file
 * itself, or the confirmation carrying it back as base64 (a third larger).
 */
export function tooLarge(request: Request): boolean {
  return Number(request.headers.get("content-length") ?? 0) > MAX_FILE_BYTES * 2 + FORM_ALLOWANCE;
}

/**
 * The uploaded file's text, or what is wrong with it in GOV.UK's words for a file upload
 * ("The selected file must be…"). Spreadsheets save CSV as UTF-8 when asked ("CSV UTF-8");
 * older Excel saves Windows-1252, which would garble names, so it is refused with how to fix it.
 */
export async function csvFrom(value: FormDataEntryValue | null): Promise<{ csv: string } | { error: string }> {
  if (!value || typeof value === "string" || value.size === 0) return value && typeof value !== "string" && value.name ? { error: "The selected file is empty" } : { error: "Select a CSV file" };
  if (!/\.csv$/i.test(value.name) && !/csv|text\/plain/.test(value.type)) return { error: "The selected file must be a CSV" };
  if (value.size > MAX_FILE_BYTES) return { error: `The selected file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  try {
    return { csv: new TextDecoder("utf-8", { fatal: true }).decode(await value.arrayBuffer()) };
  } catch {
    return { error: "The selected file must be saved as CSV UTF-8 (in Excel: Save As, then “CSV UTF-8 (Comma delimited)”)" };
  }
}

/** The checked file travels back with the confirmation as base64, so no byte of it changes on the way. */
export const encodeCsv = (csv: string) => Buffer.from(csv, "utf8").toString("base64");
export function decodeCsv(value: FormDataEntryValue | null): string | null {
  if (typeof value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return null;
  return Buffer.from(value, "base64").toString("utf8");
}

export type ImportAction = "create" | "add-roles" | "unchanged" | "ask-approval";
