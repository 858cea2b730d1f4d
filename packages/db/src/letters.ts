import { sha256Hex } from "./canonical.js";
import { IntegrityError, NotFoundError } from "./errors.js";
import { toJson, type Executor } from "./executor.js";
import type { LetterRow } from "./schema.js";

export type LetterMeta = Omit<LetterRow, "pdf">;

export interface IssuedLetterInput {
  caseId: string;
  /** Which stage instance the letter belongs to, if any ("stage-1#1"). */
  stageInstanceId?: string | null;
  /** The letter kind from @complaints/letters ("acknowledgement", "stage-1-response"…). */
  kind: string;
  /** Name and postal address as printed. */
  recipient: Record<string, unknown>;
  largePrint?: boolean;
  /** The letter model the PDF was rendered from, for the record. */
  model?: unknown;
  issuedAt: Date;
  issuedBy?: string | null;
  pdf: Uint8Array;
}

const metaColumns = [
  "id",
  "council_id",
  "case_id",
  "stage_instance_id",
  "kind",
  "recipient",
  "large_print",
  "model",
  "issued_at",
  "issued_by",
  "size_bytes",
  "sha256",
] as const;

/**
 * Records an issued letter exactly as sent: the PDF bytes and their SHA-256. The database
 * checks the hash and the PDF header, and refuses any later UPDATE or DELETE: a corrected
 * letter is a new letter.
 */
async function issueLetter(db: Executor, input: IssuedLetterInput): Promise<LetterMeta> {
  const owner = await db
    .selectFrom("cases")
    .select("council_id")
    .where("id", "=", input.caseId)
    .executeTakeFirst();
  if (!owner) throw new NotFoundError("case", input.caseId);
  const pdf = new Uint8Array(input.pdf);
  return db
    .insertInto("letters")
    .values({
      council_id: owner.council_id,
      case_id: input.caseId,
      stage_instance_id: input.stageInstanceId ?? null,
      kind: input.kind,
      recipient: toJson(input.recipient),
      large_print: input.largePrint ?? false,
      model: input.model === undefined ? null : toJson(input.model),
      issued_at: input.issuedAt,
      issued_by: input.issuedBy ?? null,
      pdf,
      size_bytes: pdf.byteLength,
      sha256: sha256Hex(pdf),
    })
    .returning(metaColumns)
    .executeTakeFirstOrThrow();
}

async function listLetters(db: Executor, caseId: string): Promise<LetterMeta[]> {
  return db
    .selectFrom("letters")
    .select(metaColumns)
    .where("case_id", "=", caseId)
    .orderBy("issued_at")
    .orderBy("id")
    .execute();
}

/** The PDF as issued, checked against its recorded SHA-256 ({@link IntegrityError} if not). */
async function getLetterPdf(
  db: Executor,
  letterId: string,
): Promise<{ meta: LetterMeta; pdf: Uint8Array }> {
  const row = await db
    .selectFrom("letters")
    .selectAll()
    .where("id", "=", letterId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("letter", letterId);
  const { pdf, ...meta } = row;
  const bytes = new Uint8Array(pdf);
  if (sha256Hex(bytes) !== row.sha256)
    throw new IntegrityError(`letter ${letterId} does not match its SHA-256`);
  return { meta, pdf: bytes };
}

export const letterRepository = Object.freeze({ issueLetter, listLetters, getLetterPdf });
