/**
 * The distributions the generator follows, from the London Borough of Lewisham's Annual
 * Complaints Report 2009/10 (§5.2 and §6; the council and its rules are described in docs/rules.md, "Lewisham"): cases by directorate and by
 * route (Stage 1, Stage 2, MP, Mayor, councillors), the share answered within the standard
 * time, the Independent Adjudicator's volumes and outcomes, compensation bands and the LGO's
 * caseload. Kinds the report does not count (compliments, comments, service requests, FOI/EIR
 * reviews, statutory social care) get modest shares named below.
 */

/** One row of the §5.2 table: how many, and the % answered in the standard time. */
export interface DirectorateRow {
  stage1: number;
  stage1OnTime: number;
  stage2: number;
  stage2OnTime: number;
  mp: number;
  mpOnTime: number;
  mayor: number;
  mayorOnTime: number;
  councillors: number;
  councillorsOnTime: number;
  total: number;
}

/** §5.2, 2009/10 figures (last year's in brackets in the report are left out). */
export const LEWISHAM_5_2: Readonly<Record<string, DirectorateRow>> = {
  "children-and-young-people": { stage1: 66, stage1OnTime: 52, stage2: 6, stage2OnTime: 33, mp: 123, mpOnTime: 51, mayor: 19, mayorOnTime: 42, councillors: 67, councillorsOnTime: 66, total: 281 },
  "community-services": { stage1: 81, stage1OnTime: 60, stage2: 4, stage2OnTime: 50, mp: 83, mpOnTime: 51, mayor: 32, mayorOnTime: 63, councillors: 71, councillorsOnTime: 66, total: 271 },
  "customer-services": { stage1: 1103, stage1OnTime: 73, stage2: 163, stage2OnTime: 75, mp: 694, mpOnTime: 79, mayor: 206, mayorOnTime: 81, councillors: 604, councillorsOnTime: 89, total: 2770 },
  "lewisham-homes": { stage1: 978, stage1OnTime: 84, stage2: 199, stage2OnTime: 79, mp: 443, mpOnTime: 70, mayor: 91, mayorOnTime: 77, councillors: 352, councillorsOnTime: 81, total: 2063 },
  regeneration: { stage1: 174, stage1OnTime: 61, stage2: 28, stage2OnTime: 64, mp: 168, mpOnTime: 47, mayor: 186, mayorOnTime: 55, councillors: 644, councillorsOnTime: 59, total: 1200 },
  resources: { stage1: 21, stage1OnTime: 67, stage2: 1, stage2OnTime: 100, mp: 3, mpOnTime: 67, mayor: 4, mayorOnTime: 100, councillors: 8, councillorsOnTime: 75, total: 37 },
};

/** §6.2: the Independent Adjudicator dealt with 100 of the year's 401 Stage 2 cases… */
export const STAGE_3_SHARE_OF_STAGE_2 = 100 / 401;
/** …upheld 46 in full or part (27 fully, 19 partly), and answered 89% within 30 days. */
export const STAGE_3_OUTCOMES = { upheld: 27, "partly-upheld": 19, "not-upheld": 54 } as const;
export const STAGE_3_ON_TIME = 0.89;
/** §1.3: the LGO received 94 complaints in the year, against 6,622 cases. */
export const OMBUDSMAN_SHARE = 94 / 6622;
/** §6.3: compensation in 27 of 100 Stage 3 cases, £50 to £4,000; §6.4 bands (up to £100, £101–£500, over £500). */
export const COMPENSATION_BANDS = { "up-to-100": 7, "101-to-500": 36, "over-500": 57 } as const;
export const STAGE_3_COMPENSATION_SHARE = 27 / 100;
/** §5.5: "Only 5% of corporate complaints were upheld" (CYP); §6.5 argues for ~30% at Stage 3. */
export const STAGE_OUTCOMES = { upheld: 18, "partly-upheld": 22, "not-upheld": 60 } as const;

/**
 * Kinds the report does not count, as shares of all cases (assumptions, named here so they can
 * be changed): compliments and comments (iCasework logs feedback too), service requests (some
 * turned into complaints), FOI/EIR internal reviews (Resources), and the statutory social care
 * routes inside CYP and Community Services.
 */
export const OTHER_KINDS = {
  compliment: 0.07,
  comment: 0.03,
  "service-request": 0.03,
  "foi-eir-review": 0.012,
} as const;

/** Triage outcomes of complaints before any stage (docs/design.md §3), as shares. */
export const TRIAGE_OUTCOMES = {
  accept: 0.885,
  "not-a-complaint": 0.035,
  excluded: 0.025,
  "out-of-time": 0.01,
  "wrongly-addressed": 0.02,
  duplicate: 0.025,
} as const;
