/**
 * The pages every public-sector site must have (issue 14), through the public API as a
 * member of the public: the accessibility statement, the privacy notice and "how we handle
 * complaints" are made from the council's own profile and rules, so two councils show their
 * own timescales, a housing service shows the Housing Ombudsman and FOI/EIR reviews the ICO.
 * Each council is installed alone on its own database, as a council installs it.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { CouncilProfileInput } from "@complaints/core";
import { defaultPlugins, lancaster, leeds, lewisham, southwark } from "@complaints/profiles";
import { openTestDb } from "../../../../packages/db/test/db.js";
import { TestClock } from "../../test/harness.js";
import { createContextInner } from "../context.js";
import { createDeps } from "../deps.js";
import { recordingLogger } from "../logger.js";
import { createCaller } from "../root.js";
import { installCouncil } from "../seed/council.js";
import { demoProfile } from "../seed/profile.js";

const installedPlugins = await defaultPlugins();
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

/** A server with this one council installed on 1 December 2026, and a visitor who is not signed in. */
async function councilSite(profile: CouncilProfileInput) {
  const db = await openTestDb();
  closers.push(() => db.close());
  const clock = new TestClock("2026-12-01T10:00:00Z");
  const deps = createDeps({ database: db, clock, log: recordingLogger(), plugins: installedPlugins });
  await installCouncil(db.db, { slug: profile.id, profile }, installedPlugins, clock.now());
  return createCaller(createContextInner({ deps, principal: null, request: { ip: "203.0.113.40", userAgent: "test" } })).public;
}

const stepsOf = (flow: { steps: Array<{ title: string; weDo: string[]; youCan: string }> }) => flow.steps.map((s) => [s.title, ...s.weDo, s.youCan]);

describe("how we handle complaints: the council's own stages and timescales", () => {
  it("Leeds and Lewisham each show their own timescales for an ordinary service (Leeds paras 13, 16, 17, 20, 22; Lewisham para 5.1)", async () => {
    const leedsPage = await (await councilSite(leeds.input)).howWeHandleComplaints();
    const lewishamPage = await (await councilSite(lewisham.input)).howWeHandleComplaints();
    expect(leedsPage.council).toBe("Leeds City Council");
    const leedsWaste = leedsPage.processes.find((p) => p.services.includes("Waste Management"))!;
    expect(stepsOf(leedsWaste)[0]).toEqual([
      "Stage 1",
      "We acknowledge your complaint within 3 working days of receiving it.",
      "We send you our response within 15 working days of receiving your complaint.",
      "If we need more time, we will tell you why and when you will hear from us: no more than 10 working days longer, and we will tell you how to contact the Ombudsman.",
      "If you are unhappy with our answer, you can ask for Stage 2 within 28 days of our response. You do not need to give a reason. If you ask later, tell us why: we may still agree.",
    ]);
    expect(leedsWaste.steps[1]!.weDo).toContain("We send you our response within 15 working days of agreeing with you a written summary of your complaint.");
    expect(leedsWaste.finalBody).toMatchObject({ id: "lgsco", name: "Local Government and Social Care Ombudsman", within: "within 12 months of our final response" });

    const libraries = lewishamPage.processes.find((p) => p.services.includes("Libraries"))!;
    expect(libraries.steps.map((s) => s.title)).toEqual(["Stage 1", "Stage 2", "Stage 3: Independent Adjudicator"]);
    expect(libraries.steps[0]!.weDo).toContain("We send you our response within 10 working days of receiving your complaint.");
    expect(libraries.steps[1]!.weDo).toContain("We send you our response within 20 working days of your request.");
    expect(libraries.steps[2]!.weDo).toEqual(["We send you our response within 30 working days of your request."]);
    // Lewisham sets no time to ask for the next stage: none is invented.
    expect(libraries.steps[0]!.youCan).toBe("If you are unhappy with our answer, you can ask for Stage 2. You do not need to give a reason.");
    expect(libraries.steps[2]!.youCan).toBe(
      "This is our final response. If you are still unhappy, you can ask the Local Government and Social Care Ombudsman to look at your complaint within 12 months of our final response.",
    );
  });

  it("a housing service ends at the Housing Ombudsman with the Housing Ombudsman Code's timescales; the council's other services at the LGSCO", async () => {
    const page = await (await councilSite(southwark.input)).howWeHandleComplaints();
    const housing = page.processes.find((p) => p.services.includes("Repairs and Maintenance"))!;
    expect(housing.rules).toBe("Housing Ombudsman Complaint Handling Code 2024");
    expect(housing.services).toEqual(["Repairs and Maintenance", "Housing management (tenants and leaseholders)", "Rent and Service Charges"]);
    expect(housing.finalBody).toMatchObject({ id: "housing-ombudsman", name: "Housing Ombudsman Service", website: "www.housing-ombudsman.org.uk" });
    expect(housing.steps[0]!.weDo.slice(0, 2)).toEqual(["We acknowledge your complaint within 5 working days of receiving it.", "We send you our response within 10 working days of our acknowledgement."]);
    expect(housing.steps.at(-1)!.youCan).toContain("you can ask the Housing Ombudsman Service to look at your complaint");
    const highways = page.processes.find((p) => p.services.includes("Highways, parking and traffic"))!;
    expect(highways.finalBody.id).toBe("lgsco");
    // The largest group of services comes first; every service appears in exactly one complaint flow.
    const complaintFlows = page.processes.filter((p) => p.kind === "complaint");
    expect(complaintFlows[0]).toBe(highways);
    const listed = complaintFlows.flatMap((p) => p.services);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("social care follows its statutory procedures, FOI/EIR reviews skip Stage 1 and end at the ICO, then the Tribunal (Leeds paras 61–66, 73)", async () => {
    const page = await (await councilSite(leeds.input)).howWeHandleComplaints();
    const adults = page.processes.find((p) => p.services.includes("Adult Social Care"))!;
    expect(stepsOf(adults)).toEqual([
      [
        "Local resolution (SI 2009/309)",
        "We acknowledge your complaint within 3 working days of receiving it.",
        "We send you our response within 6 months of receiving your complaint, or by a later date we agree with you.",
        "This is our final response. If you are still unhappy, you can ask the Local Government and Social Care Ombudsman to look at your complaint within 12 months of our final response.",
      ],
    ]);
    const children = page.processes.find((p) => p.services.includes("Children's Social Care"))!;
    expect(children.steps.map((s) => s.title)).toEqual(["Stage 1: local resolution", "Stage 2: investigation", "Stage 3: review panel"]);
    expect(children.steps[2]!.weDo).toEqual([
      "Review panel meets: within 30 working days of your request for a review panel.",
      "Panel report sent: within 5 working days of “Review panel meets”.",
      "We send you our response within 15 working days of “Panel report sent”.",
    ]);
    const foi = page.processes.filter((p) => p.kind === "foi-eir-review");
    expect(foi).toHaveLength(1);
    expect(foi[0]!.steps.map((s) => s.title)).toEqual(["Internal review (Stage 2)"]);
    // EIR reg 11(4) and Leeds para 64: an EIR reconsideration has 40 working days and no extension (decision 0107).
    expect(foi[0]!.steps[0]!.weDo).toEqual([
      "We send you our response within 20 working days of receiving your request for a review.",
      "For an environmental information (EIR) request, we send you our response within 40 working days of receiving your request for a review.",
      expect.stringMatching(/^If we need more time, we will tell you why and when you will hear from us: no more than 20 working days longer.*; for an environmental information \(EIR\) request, we cannot take longer\.$/),
    ]);
    expect(foi[0]!.finalBody).toMatchObject({ id: "ico", name: "Information Commissioner's Office", then: "First-tier Tribunal (General Regulatory Chamber)" });
    expect(page.feedback).toBe("We acknowledge compliments and comments within 10 working days of receiving them.");
  });

  it("Lancaster's Stage 2 may send a complaint back to Stage 1, and the flow says so (task group recommendations 3(3)(e), 8(2))", async () => {
    const page = await (await councilSite(lancaster.input)).howWeHandleComplaints();
    expect(page.processes).toHaveLength(1);
    expect(page.processes[0]!.steps[1]!.weDo).toContain("If we find Stage 1 did not deal with your complaint fully, we may send it back to Stage 1 to look at again. We will tell you if we do.");
  });

  it("an escalation window of the later of two periods says both and \"whichever is later\" (decision 0107)", async () => {
    const input = structuredClone(leeds.input) as CouncilProfileInput & { timescales: { stages: Record<string, { escalation: Record<string, unknown> }> } };
    input.timescales.stages["stage-1"]!.escalation["orLaterOf"] = [
      { period: { calendarMonths: 6 }, from: "matter-arose", rule: "Example procedure: 6 months from the event complained about" },
    ];
    const page = await (await councilSite(input)).howWeHandleComplaints();
    const waste = page.processes.find((p) => p.services.includes("Waste Management"))!;
    expect(waste.steps[0]!.youCan).toMatch(/^If you are unhappy with our answer, you can ask for Stage 2 within 28 days of our response, or within 6 months of the problem happening, whichever is later\./);
  });
});

describe("the accessibility statement (Accessibility Regulations 2018 reg 7, GOV.UK's model statement)", () => {
  it("with the profile's defaults: the letterhead to contact, the EHRC, partly compliant, dated when the council's settings were saved", async () => {
    const statement = await (await councilSite(demoProfile(installedPlugins))).accessibilityStatement();
    expect(statement).toMatchObject({
      council: "Exampleton Borough Council",
      contact: { phone: "0300 123 4567", email: "complaints@example.gov.uk" },
      enforcement: { nation: "great-britain", body: "Equality and Human Rights Commission (EHRC)", adviser: "Equality Advisory and Support Service (EASS)" },
      compliance: "partial",
      knownIssues: [],
      preparedOn: "2026-12-01",
      preparedOnSet: false,
      reviewedOn: null,
      councilTest: null,
    });
    expect(statement.otherFormats).toContain("braille");
  });

  it("with the council's own dates, test, problems and formats; a Northern Ireland council names the ECNI", async () => {
    const profile = demoProfile(installedPlugins);
    const statement = await (
      await councilSite({
        ...profile,
        calendar: { ...profile.calendar, nations: ["northern-ireland"] },
        publicInformation: {
          accessibility: {
            preparedOn: "2026-09-01",
            reviewedOn: "2026-11-20",
            lastTestedOn: "2026-08-15",
            testedBy: "the Digital Accessibility Centre",
            compliance: "full",
            knownIssues: [{ issue: "Some letters sent before 2025 are scanned images", criterion: "1.1.1 Non-text content", fixBy: "2027-03-31" }],
            otherFormats: ["large print", "British Sign Language"],
          },
        },
      })
    ).accessibilityStatement();
    expect(statement).toMatchObject({
      enforcement: { nation: "northern-ireland", body: "Equality Commission for Northern Ireland (ECNI)" },
      compliance: "full",
      preparedOn: "2026-09-01",
      preparedOnSet: true,
      reviewedOn: "2026-11-20",
      councilTest: { on: "2026-08-15", by: "the Digital Accessibility Centre" },
      knownIssues: [{ issue: "Some letters sent before 2025 are scanned images", criterion: "1.1.1 Non-text content", fixBy: "2027-03-31" }],
      otherFormats: ["large print", "British Sign Language"],
    });
  });
});

describe("the privacy notice for complaints data", () => {
  it("shares complaints only with the bodies the council's own flows end at: Leeds the LGSCO, the Housing Ombudsman and, for FOI/EIR reviews, the ICO", async () => {
    const notice = await (await councilSite(leeds.input)).privacyNotice();
    expect(notice.sharedWith).toEqual([
      { name: "Local Government and Social Care Ombudsman", website: "www.lgo.org.uk", complaints: true, informationRequests: false },
      { name: "Housing Ombudsman Service", website: "www.housing-ombudsman.org.uk", complaints: true, informationRequests: false },
      { name: "Information Commissioner's Office", website: "ico.org.uk/make-a-complaint", complaints: false, informationRequests: true },
    ]);
    expect(notice.retentionYearsAfterClosure).toBe(6);
    expect(notice.controller).toMatchObject({ phone: "0113 222 4444", postcode: "LS1 1UR", icoRegistration: null });
    // No data protection officer in the profile: the council's own address, by the role's name.
    expect(notice.dataProtectionOfficer).toEqual({ name: "Data Protection Officer", email: null, phone: null, addressLines: ["Civic Hall", "Calverley Street", "Leeds"], postcode: "LS1 1UR" });
    expect(notice.ico.name).toBe("Information Commissioner's Office");
  });

  it("a council without housing or FOI plugins shares with the LGSCO alone, and its own officer and retention show", async () => {
    const notice = await (
      await councilSite({
        ...demoProfile([]),
        publicInformation: {
          privacy: { dataProtectionOfficer: { name: "Information Governance Team", email: "dpo@example.gov.uk" }, icoRegistration: "Z1234567", retentionYearsAfterClosure: 7 },
        },
      })
    ).privacyNotice();
    expect(notice.sharedWith.map((s) => s.name)).toEqual(["Local Government and Social Care Ombudsman"]);
    expect(notice.retentionYearsAfterClosure).toBe(7);
    expect(notice.controller.icoRegistration).toBe("Z1234567");
    expect(notice.dataProtectionOfficer).toMatchObject({ name: "Information Governance Team", email: "dpo@example.gov.uk" });
  });
});
