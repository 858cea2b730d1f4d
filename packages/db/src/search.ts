import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { normalise, prefixQuery } from "./customers.js";
import type { Executor } from "./executor.js";
import type { DB } from "./schema.js";

/**
 * What the caller may see. Every read of cases takes one: access rules are decided by the API
 * from the staff member's roles, and applied here in SQL. A case is visible when it is in the
 * council and
 * - it is handled by `staffId` (a handler always sees their own cases), or
 * - its directorate is in `directorates` and, if it is restricted (about named staff,
 *   discrimination, safeguarding), restricted cases are visible there (`includeRestricted`
 *   or `restrictedDirectorates`);
 * and never when the complaint is about `staffId` (core's `aboutStaffIds`).
 * The API's `VisibilityScope` (src/case-reads.ts) has this shape.
 */
export interface AccessScope {
  councilId: string;
  /** Directorate ids whose cases are visible, or "all" for council-wide roles. */
  directorates: readonly string[] | "all";
  /** true: restricted cases are visible wherever cases are. Default false. */
  includeRestricted?: boolean;
  /** Directorates (or "all") where restricted cases are visible. */
  restrictedDirectorates?: readonly string[] | "all";
  /** The caller, for the handler and subject rules above. */
  staffId?: string;
}

export interface CaseSummary {
  id: string;
  reference: string;
  version: number;
  kind: string;
  status: string;
  channel: string;
  priority: string;
  directorateId: string | null;
  serviceId: string | null;
  assignedStaffId: string | null;
  customerId: string | null;
  customerName: string | null;
  receivedAt: Date;
  receiptDate: string;
  closedOn: string | null;
  restricted: boolean;
  /** The start of the description. */
  excerpt: string;
}

type CaseQueryDB = DB & { c: DB["cases"]; cu: DB["customers"] };

function inDirectorates(
  eb: ExpressionBuilder<CaseQueryDB, "c">,
  ids: readonly string[] | "all",
): Expression<SqlBool> {
  if (ids === "all") return sql<boolean>`true`;
  return ids.length ? eb("c.directorate_id", "in", [...ids]) : sql<boolean>`false`;
}

/** The cases (aliased `c`) this scope may see: the same rule for every list of cases. */
export function inScope(eb: ExpressionBuilder<CaseQueryDB, "c">, scope: AccessScope): Expression<SqlBool> {
  const restrictedVisible = scope.includeRestricted
    ? sql<boolean>`true`
    : scope.restrictedDirectorates
      ? inDirectorates(eb, scope.restrictedDirectorates)
      : sql<boolean>`false`;
  const byDirectorate = eb.and([
    inDirectorates(eb, scope.directorates),
    eb.or([eb("c.restricted", "=", false), restrictedVisible]),
  ]);
  const tests: Expression<SqlBool>[] = [eb("c.council_id", "=", scope.councilId)];
  if (scope.staffId) {
    tests.push(sql<boolean>`NOT coalesce(c.state -> 'aboutStaffIds' ? ${scope.staffId}, false)`);
    tests.push(eb.or([eb("c.assigned_staff_id", "=", scope.staffId), byDirectorate]));
  } else {
    tests.push(byDirectorate);
  }
  return eb.and(tests);
}

function baseQuery(db: Executor) {
  return db
    .selectFrom("cases as c")
    .leftJoin("customers as cu", "cu.id", "c.customer_id")
    .select([
      "c.id",
      "c.reference",
      "c.version",
      "c.kind",
      "c.status",
      "c.channel",
      "c.priority",
      "c.directorate_id as directorateId",
      "c.service_id as serviceId",
      "c.assigned_staff_id as assignedStaffId",
      "c.customer_id as customerId",
      "cu.full_name as customerName",
      "c.received_at as receivedAt",
      "c.receipt_date as receiptDate",
      "c.closed_on as closedOn",
      "c.restricted",
      sql<string>`left(c.description, 200)`.as("excerpt"),
    ]);
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (m) => `\\${m}`);
const digits = (text: string) => text.replace(/\D/g, "");

export interface CaseSearch {
  scope: AccessScope;
  /**
   * The single search box: matches a reference (or part of one), a customer's name, email,
   * phone or postcode, or words of the description. Results that match better come first.
   */
  quick?: string;
  /** All the fields below must match (AND). */
  reference?: string;
  customerName?: string;
  email?: string;
  phone?: string;
  postcode?: string;
  address?: string;
  /** Full-text search of the description, web-search syntax: words, "a phrase", -excluded, or. */
  text?: string;
  status?: "open" | "closed" | "any";
  kind?: string;
  limit?: number;
  offset?: number;
}

export type CaseSearchHit = CaseSummary & { rank: number };

/**
 * Finds cases, within the caller's scope. Text is matched with PostgreSQL full-text search
 * (`cases.search`, a generated tsvector with a GIN index; English stemming, so "leaking"
 * finds "leak"); names and addresses by word prefix; email, phone and postcode exactly after
 * normalisation ("07700 900 123" finds "+44 7700 900123").
 */
export async function searchCases(db: Executor, search: CaseSearch): Promise<CaseSearchHit[]> {
  const rankParts: Expression<number>[] = [];
  let query = baseQuery(db).where((eb) => inScope(eb, search.scope));

  if (search.status === "open") query = query.where("c.status", "<>", "closed");
  if (search.status === "closed") query = query.where("c.status", "=", "closed");
  if (search.kind) query = query.where("c.kind", "=", search.kind);
  if (search.reference?.trim()) {
    query = query.where("c.reference", "ilike", `%${escapeLike(search.reference.trim())}%`);
  }
  if (search.customerName?.trim()) {
    const q = prefixQuery(search.customerName);
    query = q ? query.where(sql<boolean>`cu.name_search @@ ${q}`) : query;
  }
  if (search.address?.trim()) {
    const q = prefixQuery(search.address);
    query = q ? query.where(sql<boolean>`cu.address_search @@ ${q}`) : query;
  }
  if (search.email?.trim())
    query = query.where(sql<boolean>`cu.email_normalised = ${normalise.email(search.email)}`);
  if (search.phone?.trim())
    query = query.where(sql<boolean>`cu.phone_normalised = ${normalise.phone(search.phone)}`);
  if (search.postcode?.trim())
    query = query.where(
      sql<boolean>`cu.postcode_normalised = ${normalise.postcode(search.postcode)}`,
    );
  if (search.text?.trim()) {
    const tsquery = sql`websearch_to_tsquery('english', ${search.text})`;
    query = query.where(sql<boolean>`c.search @@ ${tsquery}`);
    rankParts.push(sql<number>`ts_rank(c.search, ${tsquery})`);
  }

  const quick = search.quick?.trim();
  if (quick) {
    const tests: Array<[Expression<boolean>, Expression<number>]> = [];
    const reference = quick.toUpperCase();
    tests.push([sql<boolean>`c.reference = ${reference}`, sql<number>`10`]);
    if (/\d/.test(quick))
      tests.push([sql<boolean>`c.reference ILIKE ${`%${escapeLike(quick)}%`}`, sql<number>`5`]);
    if (quick.includes("@"))
      tests.push([sql<boolean>`cu.email_normalised = ${normalise.email(quick)}`, sql<number>`4`]);
    if (digits(quick).length >= 6)
      tests.push([sql<boolean>`cu.phone_normalised = ${normalise.phone(quick)}`, sql<number>`4`]);
    if (/^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/.test(quick)) {
      tests.push([
        sql<boolean>`cu.postcode_normalised = ${normalise.postcode(quick)}`,
        sql<number>`4`,
      ]);
    }
    const name = prefixQuery(quick);
    if (name) tests.push([sql<boolean>`cu.name_search @@ ${name}`, sql<number>`3`]);
    const words = sql`websearch_to_tsquery('english', ${quick})`;
    tests.push([sql<boolean>`c.search @@ ${words}`, sql<number>`ts_rank(c.search, ${words})`]);

    query = query.where((eb) =>
      eb.or(tests.map(([test]) => eb(sql<boolean>`coalesce(${test}, false)`, "=", true))),
    );
    for (const [test, weight] of tests)
      rankParts.push(sql<number>`CASE WHEN coalesce(${test}, false) THEN ${weight} ELSE 0 END`);
  }

  const rank = rankParts.length
    ? sql<number>`(${sql.join(rankParts, sql` + `)})::float8`
    : sql<number>`0::float8`;
  const rows = await query
    .select(rank.as("rank"))
    .orderBy("rank", "desc")
    .orderBy("c.received_at", "desc")
    .orderBy("c.reference")
    .limit(Math.min(search.limit ?? 50, 500))
    .offset(search.offset ?? 0)
    .execute();
  return rows;
}

export type DuplicateReason =
  "same-customer" | "same-email" | "same-phone" | "same-postcode" | "similar-description";

export interface DuplicateCheck {
  scope: AccessScope;
  customerId?: string | null;
  email?: string | null;
  phone?: string | null;
  postcode?: string | null;
  description?: string | null;
  /** The case being logged, if it already exists. */
  excludeCaseId?: string | null;
  /**
   * Share of distinct description words (English stems) two cases must have in common to count
   * as similar: |A ∩ B| / |A ∪ B|. Default 0.3.
   */
  minSimilarity?: number;
  limit?: number;
}

export type PossibleDuplicate = CaseSummary & { reasons: DuplicateReason[]; similarity: number };

/**
 * Open cases that may be the same complaint as one being logged: the same customer, or a
 * customer with the same email, phone or postcode, or a description sharing enough words.
 * Best matches first (more reasons, then more similar).
 */
export async function findPossibleDuplicates(
  db: Executor,
  check: DuplicateCheck,
): Promise<PossibleDuplicate[]> {
  const none = sql<boolean>`false`;
  const sameCustomer = check.customerId
    ? sql<boolean>`coalesce(c.customer_id = ${check.customerId}::uuid, false)`
    : none;
  const sameEmail = check.email?.trim()
    ? sql<boolean>`coalesce(cu.email_normalised = ${normalise.email(check.email)}, false)`
    : none;
  const samePhone = check.phone?.trim()
    ? sql<boolean>`coalesce(cu.phone_normalised = ${normalise.phone(check.phone)}, false)`
    : none;
  const samePostcode = check.postcode?.trim()
    ? sql<boolean>`coalesce(cu.postcode_normalised = ${normalise.postcode(check.postcode)}, false)`
    : none;
  const description = check.description?.trim() ?? "";
  const minSimilarity = check.minSimilarity ?? 0.3;

  // The description's distinct stems, and an OR query of them so the GIN index finds candidates.
  const lexemes = sql<string[]>`tsvector_to_array(to_tsvector('english', ${description}::text))`;
  const anyOf = sql`(SELECT CASE WHEN count(*) > 0 THEN string_agg('''' || replace(replace(l, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery END
    FROM unnest(${lexemes}) AS l)`;
  const similarity = sql<number>`CASE WHEN ${description} = '' THEN 0::float8 ELSE coalesce((
      SELECT count(*) FILTER (WHERE mine AND theirs)::float8 / nullif(count(*), 0)
      FROM (
        SELECT bool_or(side = 'mine') AS mine, bool_or(side = 'theirs') AS theirs
        FROM (
          SELECT l, 'mine' AS side FROM unnest(${lexemes}) AS l
          UNION ALL SELECT l, 'theirs' FROM unnest(tsvector_to_array(c.search)) AS l
        ) AS words
        GROUP BY l
      ) AS per_word), 0) END`;
  const described = description ? sql<boolean>`coalesce(c.search @@ ${anyOf}, false)` : none;

  const rows = await baseQuery(db)
    .select([
      sameCustomer.as("sameCustomer"),
      sameEmail.as("sameEmail"),
      samePhone.as("samePhone"),
      samePostcode.as("samePostcode"),
      similarity.as("similarity"),
    ])
    .where((eb) => inScope(eb, check.scope))
    .where("c.status", "<>", "closed")
    .$if(Boolean(check.excludeCaseId), (q) => q.where("c.id", "<>", check.excludeCaseId!))
    .where(
      sql<boolean>`(${sameCustomer} OR ${sameEmail} OR ${samePhone} OR ${samePostcode} OR ${described})`,
    )
    .orderBy("c.received_at", "desc")
    .limit(500)
    .execute();

  const results: PossibleDuplicate[] = [];
  for (const {
    sameCustomer: a,
    sameEmail: b,
    samePhone: c,
    samePostcode: d,
    similarity: s,
    ...summary
  } of rows) {
    const reasons: DuplicateReason[] = [];
    if (a) reasons.push("same-customer");
    if (b) reasons.push("same-email");
    if (c) reasons.push("same-phone");
    if (d) reasons.push("same-postcode");
    const similar = Number(s);
    if (similar >= minSimilarity) reasons.push("similar-description");
    if (reasons.length)
      results.push({ ...summary, reasons, similarity: Math.round(similar * 1000) / 1000 });
  }
  results.sort((x, y) => y.reasons.length - x.reasons.length || y.similarity - x.similarity);
  return results.slice(0, check.limit ?? 20);
}

/** The customer's cases, newest first, open and closed: "earlier cases of this customer". */
export async function listCustomerCases(
  db: Executor,
  input: { scope: AccessScope; customerId: string; excludeCaseId?: string | null; limit?: number },
): Promise<CaseSummary[]> {
  return baseQuery(db)
    .where((eb) => inScope(eb, input.scope))
    .where("c.customer_id", "=", input.customerId)
    .$if(Boolean(input.excludeCaseId), (q) => q.where("c.id", "<>", input.excludeCaseId!))
    .orderBy("c.received_at", "desc")
    .limit(input.limit ?? 50)
    .execute();
}

export type WorkQueueItem = CaseSummary & {
  nextDue: { id: string; kind: string; nature: string; date: string };
};

/**
 * Open cases by their nearest unmet due date: the work queue of a directorate (or of the
 * whole council). Windows that are the customer's to use (escalation) are left out unless
 * `natures` asks for them.
 */
export async function listOpenCasesByNextDue(
  db: Executor,
  input: {
    scope: AccessScope;
    dueOnOrBefore?: string;
    natures?: readonly string[];
    limit?: number;
  },
): Promise<WorkQueueItem[]> {
  const natures = [...(input.natures ?? ["deadline", "target"])];
  let next = db
    .selectFrom("due_dates as d")
    .select(["d.case_id", "d.due_id", "d.kind", "d.nature", "d.due_date"])
    .distinctOn("d.case_id")
    .where("d.council_id", "=", input.scope.councilId)
    .where("d.case_open", "=", true)
    .where("d.met_on", "is", null)
    .where("d.nature", "in", natures.length ? natures : [""])
    .orderBy("d.case_id")
    .orderBy("d.due_date")
    .orderBy("d.due_id");
  // Narrow by directorate early (index) unless the caller's own cases elsewhere must show too.
  if (input.scope.directorates !== "all" && !input.scope.staffId) {
    next = input.scope.directorates.length
      ? next.where("d.directorate_id", "in", [...input.scope.directorates])
      : next.where(sql<boolean>`false`);
  }
  if (input.dueOnOrBefore) next = next.where("d.due_date", "<=", input.dueOnOrBefore);

  const rows = await baseQuery(db)
    .innerJoin(next.as("n"), "n.case_id", "c.id")
    .select(["n.due_id", "n.kind as due_kind", "n.nature as due_nature", "n.due_date"])
    .where((eb) => inScope(eb, input.scope))
    .orderBy("n.due_date")
    .orderBy("c.reference")
    .limit(input.limit ?? 100)
    .execute();
  return rows.map(({ due_id, due_kind, due_nature, due_date, ...summary }) => ({
    ...summary,
    nextDue: { id: due_id, kind: due_kind, nature: due_nature, date: due_date },
  }));
}

export const searchRepository = Object.freeze({
  searchCases,
  findPossibleDuplicates,
  listCustomerCases,
  listOpenCasesByNextDue,
});
