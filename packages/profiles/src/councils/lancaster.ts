import { defaultProfile, type CouncilProfileInput } from "@complaints/core";
import type { ProfileDocument } from "../types.js";

export const LANCASTER_TASK_GROUP =
  "Lancaster City Council, Customer Services and Future Complaints Policy Informal Task Group: approved recommendations";

const input = {
  id: "lancaster",
  name: "Lancaster City Council",
  sources: [LANCASTER_TASK_GROUP],
  referencePrefix: "LCC",
  calendar: { closures: [], cutOffTime: null },
  timescales: {
    source:
      "Lancaster task group recommendations 3(3)(e) and 8(2): if the Stage 2 officer finds the matter was not dealt with thoroughly, the complaint goes back to the Stage 1 officer, after telling the complainant",
    stages: {
      "stage-2": { referBackTo: "stage-1" },
    },
  },
  directorates: [
    {
      id: "communities-and-environment",
      name: "Communities and the Environment",
      services: [
        { id: "customer-services", name: "Customer Services Team (central logging)" },
        { id: "other-services", name: "Other council services" },
      ],
    },
  ],
  delegatedLimits: defaultProfile.delegatedLimits,
  notifyBeforeAcknowledging: [],
  letterhead: {
    addressLines: ["Lancaster Town Hall", "Dalton Square", "Lancaster"],
    postcode: "LA1 1PJ",
    phone: "01524 582000",
    email: "",
    website: "www.lancaster.gov.uk",
  },
  ombudsmen: defaultProfile.ombudsmen,
} satisfies CouncilProfileInput;

export const lancaster: ProfileDocument = {
  input,
  notes: [
    {
      kind: "practice",
      about: "simple flow charts for customers",
      source:
        "Lancaster task group recommendation (2): two simple flow charts, for internal and external complainants, in simple, accessible language",
      handling:
        "The public page 'How we handle complaints' draws the council's own stages and timescales as a flow, from the rules (docs/decisions/0515-public-information-pages.md); a chart for internal complainants is not generated.",
    },
    {
      kind: "default",
      about: "publicInformation",
      value:
        "accessibility statement dated when the profile was last saved, 'partially compliant' with no known problems listed, the usual other formats; data protection officer at the letterhead address; complaint records kept 6 years after closure",
      uses: "core's profile defaults (docs/decisions/0515-public-information-pages.md)",
      why: "The task group's recommendations give no accessibility or data protection details. Enter the statement's dates and the council's own accessibility test, the DPO's contact, the ICO registration and the retention schedule's period before going live.",
    },
    {
      kind: "from-document",
      about: "stage-2.referBackTo",
      value: "stage-1",
      source: "Lancaster task group recommendations 3(3)(e) and 8(2)",
    },
    {
      kind: "from-document",
      about: "directorates",
      value: "Communities and the Environment, with the Customer Services Team",
      source:
        "Lancaster task group recommendations 1(1)–(4) (Customer Services Team) and 2(1) (Directorate for Communities and the Environment)",
    },
    {
      kind: "default",
      about: "all timescales (acknowledgement, Stage 1, Stage 2, extensions, escalation)",
      value:
        "acknowledge 5 working days; Stage 1 10 working days from the acknowledgement (+10); Stage 2 20 working days (+20); no escalation time limit",
      uses: "the 2024 complaint handling code (core default)",
      why: "The task group's recommendations amend Lancaster's Complaints Policy but set no timescales, and the policy itself is not among the documents; the LGSCO applies the 2024 code from 1 April 2026.",
    },
    {
      kind: "default",
      about: "other services",
      value: "one catch-all service",
      uses: "none",
      why: "The recommendations name no other services; split this when Lancaster's service list is entered (council housing would enable the housing plugin).",
    },
    {
      kind: "default",
      about: "delegatedLimits",
      value:
        "investigating officer £100, complaints manager £500, head of service £1,000, director £5,000",
      uses: "the default profile",
      why: "The recommendations set no financial limits.",
    },
    {
      kind: "default",
      about: "calendar",
      value: "England and Wales bank holidays; no closure days; no cut-off time",
      uses: "core default",
      why: "Not in the recommendations.",
    },
    {
      kind: "default",
      about: "letterhead",
      value: "Lancaster Town Hall, Dalton Square, Lancaster LA1 1PJ; 01524 582000",
      uses: "the council's published address",
      why: "Not in the recommendations; confirm and add the complaints email before letters are issued.",
    },
    {
      kind: "practice",
      about: "central logging",
      source:
        "Lancaster task group recommendation 1(1), 1(4): complaints logged, monitored and dealt with centrally by the Customer Services Team 'where possible'",
      handling:
        "The Customer Services Team is a service of its own; logging elsewhere stays allowed ('where possible'). A profile cannot restrict who logs (core gap: no role requirements in profiles).",
    },
    {
      kind: "practice",
      about: "persistent complainants",
      source:
        "Lancaster task group recommendation 7(1)–(4): the designation report is shared with the complainant and comments sought first; contact then goes through Customer Services",
      handling:
        "Core's conduct process requires the complainant's chance to comment before a designation.",
    },
    {
      kind: "practice",
      about: "KPIs and plain English",
      source: "Lancaster task group recommendations 5 and 6(2)",
      handling: "Reports and the letters package's plain-English check.",
    },
  ],
};
