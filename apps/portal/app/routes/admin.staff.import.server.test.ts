/**
 * The upload of the staff import (docs/staff-import.md): what a file must be before the API
 * checks its rows, in GOV.UK's words for a file upload, and the file's round trip from the
 * check to the confirmation unchanged.
 */
import { describe, expect, it } from "vitest";
import { csvFrom, decodeCsv, encodeCsv, MAX_FILE_BYTES, tooLarge } from "./admin.staff.import.server";

const file = (bytes: BlobPart, name = "staff.csv", type = "text/csv") => new File([bytes], name, { type });

describe("the uploaded spreadsheet", () => {
  it("is read as UTF-8 text", async () => {
    expect(await csvFrom(file("name,email\nZoë Ó Briain,zoe@example.gov.uk\n"))).toEqual({ csv: "name,email\nZoë Ó Briain,zoe@example.gov.uk\n" });
  });

  it("must be chosen, not empty, a CSV, small enough, and UTF-8", async () => {
    expect(await csvFrom(null)).toEqual({ error: "Select a CSV file" });
    expect(await csvFrom(file("", ""))).toEqual({ error: "Select a CSV file" });
    expect(await csvFrom(file(""))).toEqual({ error: "The selected file is empty" });
    expect(await csvFrom(file("%PDF-1.4", "staff.pdf", "application/pdf"))).toEqual({ error: "The selected file must be a CSV" });
    expect(await csvFrom(file(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61)))).toEqual({ error: "The selected file must be smaller than 1 MB" });
    // "Zoë" saved by old Excel as Windows-1252: ë is the single byte 0xEB.
    expect(await csvFrom(file(new Uint8Array([0x5a, 0x6f, 0xeb])))).toEqual({ error: expect.stringMatching(/^The selected file must be saved as CSV UTF-8/) });
    // Excel on Windows labels a .csv as a spreadsheet type: the name says what it is.
    expect(await csvFrom(file("name\n", "staff.CSV", "application/vnd.ms-excel"))).toEqual({ csv: "name\n" });
  });

  it("comes back from the confirmation byte for byte, and anything else is not taken for it", () => {
    const csv = 'name,email\r\n"Able, Ann",ann@example.gov.uk\r\nZoë,z@example.gov.uk\n';
    expect(decodeCsv(encodeCsv(csv))).toBe(csv);
    expect(decodeCsv("not base64!")).toBeNull();
    expect(decodeCsv(null)).toBeNull();
  });

  it("a body larger than any file the import takes is refused before it is read", () => {
    const post = (length: number) => new Request("http://x/admin/staff/import", { method: "POST", headers: { "content-length": String(length) } });
    expect(tooLarge(post(MAX_FILE_BYTES))).toBe(false);
    expect(tooLarge(post(MAX_FILE_BYTES * 3))).toBe(true);
  });
});
