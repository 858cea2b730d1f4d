import { sha256Hex } from "./canonical.js";
import { IntegrityError, NotFoundError } from "./errors.js";
import { appendEvents, type Actor } from "./events.js";
import { inTransaction, toJson, type Executor } from "./executor.js";
import type { LetterRow } from "./schema.js";

export type LetterMeta = Omit<LetterRow, "pdf">;

/** Where a letter that goes by post has got to. */
export type LetterPostingStatus = "waiting" | "in-batch" | "posted";

export interface LetterPosting {
  status: LetterPostingStatus;
  batchId: string | null;
  postedAt: Date | null;
}

/** A letter as listed: what was issued and, if it goes by post, where it has got to (null: not by post). */
export type ListedLetter = LetterMeta & { posting: LetterPosting | null };

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
  /**
   * The letter goes by post (recorded in its event). Its posting is a `correspondence` message
   * on the post channel, which the sender puts in the print room (notificationRepository.queueForPrintRoom).
   */
  byPost?: boolean;
  /**
   * Records a `letter-issued` event in the case's hash chain in the same transaction, at the
   * case's current version (issuing a letter does not change the case). `on` is the letter's
   * date; `data` is added to the event's record of the letter.
   */
  event?: { actor: Actor; on?: string | null; data?: Record<string, unknown> };
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
 * letter is a new letter. With `event`, the case's chain records the issue in the same
 * transaction. Issuing does not post it: a `correspondence` message on the post channel does
 * (docs/decisions/0318-writing-to-residents.md).
 */
async function issueLetter(db: Executor, input: IssuedLetterInput): Promise<LetterMeta> {
  return inTransaction(db, async (trx) => {
    let owner = trx.selectFrom("cases").select(["council_id", "version"]).where("id", "=", input.caseId);
    // The event extends the case's chain: hold the case row so no command appends meanwhile.
    if (input.event) owner = owner.forUpdate();
    const found = await owner.executeTakeFirst();
    if (!found) throw new NotFoundError("case", input.caseId);
    const pdf = new Uint8Array(input.pdf);
    const letter = await trx
      .insertInto("letters")
      .values({
        council_id: found.council_id,
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
    if (input.event) {
      await appendEvents(trx, {
        councilId: found.council_id,
        stream: { caseId: input.caseId },
        streamVersion: found.version,
        events: [
          {
            type: "letter-issued",
            occurredAt: input.issuedAt,
            actor: input.event.actor,
            payload: {
              type: "letter-issued",
              on: input.event.on ?? null,
              stageId: input.stageInstanceId ?? null,
              data: {
                ...input.event.data,
                letterId: letter.id,
                kind: letter.kind,
                sha256: letter.sha256,
                sizeBytes: letter.size_bytes,
                largePrint: letter.large_print,
                byPost: input.byPost ?? false,
              },
            },
          },
        ],
      });
    }
    return letter;
  });
}

/** A case's letters in the order they were issued, each with where its posting has got to. */
async function listLetters(db: Executor, caseId: string): Promise<ListedLetter[]> {
  const rows = await db
    .selectFrom("letters as l")
    .leftJoin("letter_postings as p", "p.letter_id", "l.id")
    .select(metaColumns.map((c) => `l.${c}` as const))
    .select(["p.letter_id as posting_letter_id", "p.batch_id", "p.posted_at"])
    .where("l.case_id", "=", caseId)
    .orderBy("l.issued_at")
    .orderBy("l.id")
    .execute();
  return rows.map(({ posting_letter_id, batch_id, posted_at, ...meta }) => ({
    ...meta,
    posting: posting_letter_id
      ? {
          status: posted_at ? "posted" : batch_id ? "in-batch" : "waiting",
          batchId: batch_id,
          postedAt: posted_at,
        }
      : null,
  }));
}

/** A letter's record without its bytes (to decide who may read it before reading them). */
async function getLetter(db: Executor, letterId: string): Promise<LetterMeta> {
  const row = await db
    .selectFrom("letters")
    .select(metaColumns)
    .where("id", "=", letterId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("letter", letterId);
  return row;
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

export const letterRepository = Object.freeze({ issueLetter, listLetters, getLetter, getLetterPdf });
