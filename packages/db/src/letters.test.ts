import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, sqlState, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, type Seed } from "../test/fixtures.js";
import { sha256Hex } from "./canonical.js";
import { SQLSTATE } from "./errors.js";
import { letterRepository } from "./letters.js";

const pdf = new TextEncoder().encode("%PDF-1.7\n% acknowledgement letter\n%%EOF\n");

let t: TestDb;
let seed: Seed;
let caseId: string;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
  caseId = (await logToyCase(t.db, seed)).caseId;
});
afterAll(() => t?.close());

const failure = (statement: ReturnType<typeof sql>) =>
  statement.execute(t.db).then(() => "no error", sqlState);

describe("letters issued", () => {
  it("are stored as issued, with the SHA-256 of the PDF", async () => {
    const letter = await letterRepository.issueLetter(t.db, {
      caseId,
      stageInstanceId: "stage-1#1",
      kind: "acknowledgement",
      recipient: {
        name: "Ada Lovelace",
        addressLines: ["1 Analytical Street", "Leeds"],
        postcode: "LS1 4AB",
      },
      model: { paragraphs: ["Thank you for your complaint."] },
      issuedAt: new Date("2026-03-03T09:00:00Z"),
      issuedBy: seed.officer.id,
      pdf,
    });
    expect(letter).toMatchObject({
      kind: "acknowledgement",
      size_bytes: pdf.byteLength,
      sha256: sha256Hex(pdf),
      issued_by: seed.officer.id,
    });
    const fetched = await letterRepository.getLetterPdf(t.db, letter.id);
    expect(fetched.pdf).toEqual(pdf);
    expect((await letterRepository.listLetters(t.db, caseId)).map((l) => l.id)).toEqual([
      letter.id,
    ]);
  });

  it("are never replaced or removed: UPDATE and DELETE are refused by the database", async () => {
    const letter = await letterRepository.issueLetter(t.db, {
      caseId,
      kind: "stage-1-response",
      recipient: { name: "A" },
      issuedAt: new Date(),
      pdf,
    });
    const other = new TextEncoder().encode("%PDF-1.7 another");
    expect(
      await failure(
        sql`UPDATE letters SET pdf = ${other}, sha256 = ${sha256Hex(other)}, size_bytes = ${other.byteLength} WHERE id = ${letter.id}`,
      ),
    ).toBe(SQLSTATE.appendOnly);
    expect(
      await failure(sql`UPDATE letters SET kind = 'holding-response' WHERE id = ${letter.id}`),
    ).toBe(SQLSTATE.appendOnly);
    expect(await failure(sql`DELETE FROM letters WHERE id = ${letter.id}`)).toBe(
      SQLSTATE.appendOnly,
    );
    expect((await letterRepository.getLetterPdf(t.db, letter.id)).pdf).toEqual(pdf);
  });

  it("must be PDFs whose recorded hash and size match the bytes (database checks)", async () => {
    const insert = (bytes: Uint8Array, hash: string) => sql`
      INSERT INTO letters (council_id, case_id, kind, recipient, issued_at, pdf, size_bytes, sha256)
      VALUES (${seed.councilId}, ${caseId}, 'acknowledgement', '{}'::jsonb, now(), ${bytes}, ${bytes.byteLength}, ${hash})`;
    const notPdf = new TextEncoder().encode("<html>not a pdf</html>");
    expect(await failure(insert(notPdf, sha256Hex(notPdf)))).toBe(SQLSTATE.checkViolation);
    expect(await failure(insert(pdf, sha256Hex(notPdf)))).toBe(SQLSTATE.checkViolation);
    expect(await failure(insert(pdf, sha256Hex(pdf)))).toBe("no error");
  });
});
