/**
 * A synthetic council: Lewisham's directorates and services (packages/profiles, from seed 002)
 * with teams, the statutory and FOI/EIR services that every plugin needs, and staff for every
 * role sized to the council's caseload. Deterministic from (seed, council number).
 */
import { parseCouncilProfile, RuleBook, type CouncilProfile, type CouncilProfileInput, type Role } from "@complaints/core";
import { defaultPlugins, lewisham } from "@complaints/profiles";
import { LEWISHAM_5_2 } from "./lewisham.js";
import { person } from "./people.js";
import { Random } from "./random.js";

// The synthetic councils run the product as shipped: the plugins of its default plugins file,
// loaded once when the generator (or its worker thread) starts.
const shippedPlugins = await defaultPlugins();

/** What one service looks like to the generator: how much of its directorate's work it gets, and what about. */
export interface ServiceSpec {
  code: string;
  directorate: string;
  /** Share of the directorate's cases. */
  weight: number;
  /** Top complaint categories (Lewisham §5.4) and what they are about. */
  categories: ReadonlyArray<{ category: string; subCategory: string; about: string }>;
  /** The plugin that claims the service, if any. */
  statutory?: "housing" | "adult-social-care" | "children-social-care";
}

/** Categories any service gets (Lewisham §5.4's commonest: delay, information, attitude, decisions). */
export const GENERIC_CATEGORIES: ServiceSpec["categories"] = [
  { category: "Delay", subCategory: "Delay in taking action", about: "nobody has done anything about it since I first reported it" },
  { category: "Delay", subCategory: "Delay in responding to letters or emails", about: "I have written three times and had no reply" },
  { category: "Communication", subCategory: "Failure to provide information", about: "I was never told what was happening or why" },
  { category: "Staff", subCategory: "Staff attitude", about: "the officer I spoke to was rude and hung up on me" },
  { category: "Decision", subCategory: "Unhappy with decision", about: "the decision does not take my circumstances into account" },
  { category: "Service", subCategory: "Service not to expected standard", about: "the service was not what I was promised" },
] as const;

/** Services by directorate, with Lewisham §5.4's top categories where the report gives them. */
export const SERVICES: readonly ServiceSpec[] = [
  { code: "education-access", directorate: "children-and-young-people", weight: 3, categories: [{ category: "Education Access", subCategory: "Unhappy with school allocation", about: "my son was not offered any of our five preferred schools" }, { category: "Education Access", subCategory: "Poor communication", about: "the admissions team did not explain the appeal deadline" }] },
  { code: "special-educational-needs", directorate: "children-and-young-people", weight: 2, categories: [{ category: "Special Education Needs", subCategory: "Change of escort service - poor communication", about: "the escort for my daughter's school bus changed without warning" }, { category: "Special Education Needs", subCategory: "Withdrawal of transportation", about: "school transport was withdrawn with a week's notice" }] },
  { code: "student-and-pupil-services", directorate: "children-and-young-people", weight: 2, categories: [{ category: "Student and Pupil Services", subCategory: "Delay in processing student finance", about: "my student finance form has been waiting for eight weeks" }] },
  { code: "childrens-social-care", directorate: "children-and-young-people", weight: 2, statutory: "children-social-care", categories: [{ category: "Children's social care", subCategory: "Missed visits", about: "my social worker keeps cancelling our visits" }, { category: "Children's social care", subCategory: "Placement", about: "I was moved to a new placement without being asked" }] },
  { code: "community-education", directorate: "community-services", weight: 3, categories: [{ category: "Community Education Lewisham", subCategory: "Unhappy with decision", about: "my course was cancelled and the fee was not refunded" }, { category: "Community Education Lewisham", subCategory: "Failure to provide information", about: "I was enrolled on the wrong course" }] },
  { code: "sport-and-leisure", directorate: "community-services", weight: 2, categories: [{ category: "Sport and Leisure - Contractor", subCategory: "Failure to provide service", about: "the pool was closed every time I went this month" }] },
  { code: "libraries", directorate: "community-services", weight: 2, categories: [{ category: "Libraries", subCategory: "Closing time procedures", about: "I was rushed out of the library before closing time" }] },
  { code: "youth-offending", directorate: "community-services", weight: 1, categories: [{ category: "Youth Offending Service", subCategory: "Emergency contact", about: "I could not reach anyone when my son was taken into custody" }] },
  { code: "adult-social-care", directorate: "community-services", weight: 2, statutory: "adult-social-care", categories: [{ category: "Adult social care", subCategory: "Home visits", about: "the carers arrive late and leave early" }, { category: "Adult social care", subCategory: "Assessment", about: "my mother's needs assessment has taken five months" }] },
  { code: "rehousing", directorate: "customer-services", weight: 4, categories: [{ category: "Re-housing", subCategory: "Delay in processing application", about: "my housing application has not been assessed in four months" }, { category: "Re-housing", subCategory: "Delay due to waiting list", about: "I have been on band 2 for three years" }] },
  { code: "homelessness-and-temporary-housing", directorate: "customer-services", weight: 3, categories: [{ category: "Other homeless & temporary housing", subCategory: "Delay in giving advice", about: "nobody has given me advice since I was served notice" }] },
  { code: "refuse-collection", directorate: "customer-services", weight: 4, categories: [{ category: "Collection/Refuse", subCategory: "Request for service", about: "my bins have been missed three weeks in a row" }, { category: "Collection/Refuse", subCategory: "Service not to expected standard", about: "the crew leave rubbish all over the pavement" }] },
  { code: "environmental-enforcement", directorate: "customer-services", weight: 2, categories: [{ category: "Environmental Enforcement", subCategory: "Fly-tipping", about: "fly-tipping outside my house has not been cleared" }] },
  { code: "lewisham-homes-repairs", directorate: "lewisham-homes", weight: 6, statutory: "housing", categories: [{ category: "Plumbing/Repairs", subCategory: "Delay in completing work", about: "the leak under my kitchen sink has not been fixed after four visits" }, { category: "Repairs Inspection/Repairs", subCategory: "Delay in taking action", about: "an inspector was booked and never came" }, { category: "Damp/Repairs", subCategory: "Delay in completing work", about: "black mould in the children's bedroom keeps coming back" }] },
  { code: "lewisham-homes-housing-management", directorate: "lewisham-homes", weight: 3, statutory: "housing", categories: [{ category: "Housing management", subCategory: "Anti-social behaviour", about: "noise from the flat above every night and nothing is done" }, { category: "Housing management", subCategory: "Service charges", about: "my service charge went up by 40% with no explanation" }] },
  { code: "regenter-b3", directorate: "lewisham-homes", weight: 1, statutory: "housing", categories: [{ category: "Regenter B3", subCategory: "Repairs", about: "the PFI contractor will not repair the door entry system" }] },
  { code: "planning", directorate: "regeneration", weight: 3, categories: [{ category: "Planning applications/Development control", subCategory: "Delay in making decision", about: "my planning application is twelve weeks overdue" }, { category: "Planning applications/Development control", subCategory: "Failure to provide information", about: "I was not told about the extension next door" }] },
  { code: "planning-enforcement", directorate: "regeneration", weight: 2, categories: [{ category: "Enforcement Development control", subCategory: "Unhappy with decision", about: "the council will not act on the unauthorised building next door" }] },
  { code: "highways-and-traffic", directorate: "regeneration", weight: 4, categories: [{ category: "Repair and Maintenance/Traffic Management Act", subCategory: "Request for service", about: "the pothole outside the school has been reported five times" }] },
  { code: "resources", directorate: "resources", weight: 1, categories: [{ category: "Council tax", subCategory: "Billing", about: "I was charged council tax for a property I had left" }] },
  { code: "information-governance", directorate: "resources", weight: 1, categories: [{ category: "Information governance", subCategory: "Data protection", about: "my personal data was sent to the wrong address" }] },
];

/** Fictional borough names for councils after the first. */
const NAMES = ["Ashbourne", "Brackenford", "Coldwater", "Dunmore", "Elmstead", "Fairhaven", "Glenbrook", "Hartwell", "Ivybridge Vale", "Kingsmere", "Larkfield", "Millbank", "Northwick", "Oakhurst", "Pemberton", "Queensmead", "Ravensworth", "Stonebridge", "Thornbury", "Upton Fields"] as const;

export interface StaffMember {
  key: string;
  id: string;
  name: string;
  email: string;
  jobTitle: string;
  /** "<service code>/<team code>" or null. */
  team: string | null;
  roles: Array<{ role: Role; directorate: string | null }>;
}

export interface SyntheticCouncil {
  index: number;
  id: string;
  slug: string;
  name: string;
  prefix: string;
  profileInput: CouncilProfileInput;
  profile: CouncilProfile;
  book: RuleBook;
  staff: StaffMember[];
  staffById: ReadonlyMap<string, StaffMember>;
  /** Staff ids by purpose, for the case scripts. */
  roster: Roster;
}

export interface Roster {
  customerServices: string[];
  complaintsManagers: string[];
  legal: string[];
  qualityAssurance: string[];
  /** By directorate. */
  dcro: Map<string, string[]>;
  director: Map<string, string>;
  /** By service. */
  headOfService: Map<string, string>;
  investigators: Map<string, string[]>;
}

/** The teams of a service: two for the busy ones. */
function teamsOf(service: ServiceSpec): Array<{ id: string; name: string }> {
  return service.weight >= 3
    ? [
        { id: "north", name: "North" },
        { id: "south", name: "South" },
      ]
    : [{ id: "casework", name: "Casework" }];
}

/** Council number `index` (0 is "Lewisham-like" itself), sized for `casesPerYear`. */
export function syntheticCouncil(seed: number, index: number, casesPerYear: number): SyntheticCouncil {
  const base = lewisham.input;
  const name = index === 0 ? "London Borough of Lewisham (synthetic)" : `${NAMES[(index - 1) % NAMES.length]}${index > NAMES.length ? ` ${Math.ceil(index / NAMES.length)}` : ""} Borough Council (synthetic)`;
  const slug = index === 0 ? "synthetic-lewisham" : `synthetic-${index}`;
  const prefix = index === 0 ? "LBL" : `S${toLetters(index)}`.slice(0, 6);
  const memberEnquiries = ["member-enquiries"];
  const adjudicator = ["independent-adjudicator"];
  const directorates = base.directorates.map((d) => ({
    id: d.id,
    name: d.name,
    plugins: d.id === "resources" ? ["foi-eir", ...memberEnquiries] : memberEnquiries,
    services: SERVICES.filter((s) => s.directorate === d.id).map((s) => {
      const own = base.directorates.flatMap((x) => x.services).find((x) => x.id === s.code);
      const plugins = s.statutory ? [s.statutory] : adjudicator;
      return {
        id: s.code,
        name: own?.name ?? titleOf(s.code),
        plugins,
        teams: teamsOf(s),
      };
    }),
  }));
  const profileInput: CouncilProfileInput = {
    ...base,
    id: slug,
    name,
    referencePrefix: prefix,
    directorates,
    // Leeds para 28, which the default profile also follows: discrimination complaints are
    // notified before they are acknowledged. Lewisham's report is silent; the generator uses it
    // so that cases exercise the guard.
    notifyBeforeAcknowledging: [
      {
        flag: "discrimination-or-harassment",
        parties: ["chief-officer-legal", "head-of-equality"],
        rule: "Leeds Compliments and Complaints Policy para 28 (used by the synthetic council)",
      },
    ],
  };
  const profile = parseCouncilProfile(profileInput);
  const book = new RuleBook(profile, shippedPlugins);
  const { staff, roster } = staffFor(seed, index, slug, casesPerYear);
  return { index, id: Random.of(seed, "council", index).uuid(), slug, name, prefix, profileInput, profile, book, staff, staffById: new Map(staff.map((s) => [s.id, s])), roster };
}

function toLetters(n: number): string {
  let out = "";
  let x = n;
  do {
    out = String.fromCharCode(65 + (x % 26)) + out;
    x = Math.floor(x / 26) - 1;
  } while (x >= 0);
  return out.length < 2 ? `A${out}` : out;
}

function titleOf(code: string): string {
  return code
    .split("-")
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");
}

/** Staff for every role, in proportion to the council's yearly caseload. */
function staffFor(seed: number, council: number, slug: string, casesPerYear: number): { staff: StaffMember[]; roster: Roster } {
  const staff: StaffMember[] = [];
  const roster: Roster = {
    customerServices: [],
    complaintsManagers: [],
    legal: [],
    qualityAssurance: [],
    dcro: new Map(),
    director: new Map(),
    headOfService: new Map(),
    investigators: new Map(),
  };
  const add = (key: string, jobTitle: string, team: string | null, roles: StaffMember["roles"]) => {
    const rng = Random.of(seed, "staff", council, key);
    const p = person(rng);
    const member: StaffMember = {
      key,
      id: rng.uuid(),
      name: p.fullName,
      email: `${key}@${slug}.example.gov.uk`,
      jobTitle,
      team,
      roles,
    };
    staff.push(member);
    return member.id;
  };
  const total = Object.values(LEWISHAM_5_2).reduce((n, row) => n + row.total, 0);
  const scale = casesPerYear / total;

  for (let i = 0; i < Math.max(2, Math.round(3 * scale)); i++) {
    roster.customerServices.push(add(`cso-${i + 1}`, "Customer Services Officer", null, [{ role: "customer-services", directorate: null }]));
  }
  for (let i = 0; i < Math.max(1, Math.round(2 * scale)); i++) {
    roster.complaintsManagers.push(add(`complaints-manager-${i + 1}`, "Corporate Complaints Manager", null, [{ role: "complaints-manager", directorate: null }]));
  }
  roster.qualityAssurance.push(add("qa-1", "Quality Assurance Officer", null, [{ role: "quality-assurance", directorate: null }]));
  roster.legal.push(add("legal-1", "Solicitor", null, [{ role: "legal", directorate: null }]));
  add("admin-1", "System Administrator", null, [{ role: "administrator", directorate: null }]);
  add("auditor-1", "Internal Auditor", null, [{ role: "auditor", directorate: null }]);

  for (const [directorate, row] of Object.entries(LEWISHAM_5_2)) {
    const yearly = row.total * scale;
    roster.director.set(directorate, add(`director-${directorate}`, "Executive Director", null, [{ role: "director", directorate }]));
    const dcros: string[] = [];
    for (let i = 0; i < Math.max(1, Math.round(yearly / 1500)); i++) {
      dcros.push(add(`dcro-${directorate}-${i + 1}`, "Departmental Customer Relations Officer", null, [{ role: "dcro", directorate }]));
    }
    roster.dcro.set(directorate, dcros);
    const services = SERVICES.filter((s) => s.directorate === directorate);
    const weights = services.reduce((n, s) => n + s.weight, 0);
    for (const service of services) {
      const teams = teamsOf(service);
      roster.headOfService.set(service.code, add(`hos-${service.code}`, "Head of Service", null, [{ role: "head-of-service", directorate }]));
      const perYear = (yearly * service.weight) / weights;
      const ios: string[] = [];
      // An investigating officer handles ~150 cases a year; at least three per service so Stage 2
      // and Stage 3 always find someone independent of the earlier stages.
      for (let i = 0; i < Math.max(3, Math.round(perYear / 150)); i++) {
        const team = teams[i % teams.length]!;
        ios.push(add(`io-${service.code}-${i + 1}`, "Investigating Officer", `${service.code}/${team.id}`, [{ role: "investigating-officer", directorate }]));
      }
      roster.investigators.set(service.code, ios);
    }
  }
  return { staff, roster };
}
