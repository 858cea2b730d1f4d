/**
 * The demo council: the default profile (the 2024 complaint handling code) with teams and a
 * third directorate, so work queues have something to divide. Plugins are enabled on a
 * service only when they are installed (the plugins file, docs/plugins.md §8), so the demo starts either way.
 */
import { defaultProfile, type CouncilProfileInput, type ServicePlugin } from "@complaints/core";
import { profileDocuments, type ProfileId } from "@complaints/profiles";

export function demoProfile(installed: readonly ServicePlugin[]): CouncilProfileInput {
  const has = (id: string) => installed.some((p) => p.id === id);
  // Member enquiries (MPs, councillors) reach every directorate.
  const everywhere = has("member-enquiries") ? ["member-enquiries"] : [];
  return {
    ...defaultProfile,
    id: "demo",
    name: "Exampleton Borough Council",
    referencePrefix: "EXB",
    // Council homes, for the Tenant Satisfaction Measures (CH01: complaints per 1,000 homes).
    homes: 12_480,
    calendar: { ...defaultProfile.calendar, closures: [{ date: "2026-12-29", label: "Council closure day" }] },
    directorates: [
      {
        id: "corporate",
        name: "Corporate Services",
        plugins: everywhere,
        services: [
          { id: "council-tax", name: "Council Tax", plugins: [], teams: [{ id: "billing", name: "Billing" }, { id: "recovery", name: "Recovery" }] },
          { id: "customer-services", name: "Customer Services", plugins: [], teams: [{ id: "contact-centre", name: "Contact Centre" }] },
        ],
      },
      {
        id: "environment",
        name: "Environment",
        plugins: everywhere,
        services: [
          { id: "waste", name: "Waste and Recycling", plugins: [], teams: [{ id: "collections", name: "Collections" }] },
          { id: "highways", name: "Highways", plugins: [], teams: [{ id: "maintenance", name: "Maintenance" }] },
        ],
      },
      {
        id: "housing",
        name: "Housing and Communities",
        plugins: everywhere,
        services: [
          { id: "repairs", name: "Housing Repairs", plugins: has("housing") ? ["housing"] : [], teams: [{ id: "responsive", name: "Responsive Repairs" }] },
          { id: "tenancy", name: "Tenancy Management", plugins: has("housing") ? ["housing"] : [], teams: [{ id: "north", name: "North Area" }] },
        ],
      },
    ],
  };
}

/**
 * What the demo seed needs to know about its council, beyond the profile: the slug, where
 * its staff's email addresses are, who works in each directorate, which services get most
 * complaints, and where its residents live. Exampleton's are written out; a packaged council's
 * (`npm start -- --council leeds`) are derived from its profile (docs/decisions/0314-demo-as-any-council.md).
 */
export interface DemoCouncil {
  slug: string;
  profile: CouncilProfileInput;
  /** The staff's email domain. */
  domain: string;
  directorates: Array<{
    id: string;
    /** How the printed logins and job titles name it. */
    label: string;
    /** The team its officers sit in ("<service>/<team>"), when the profile has teams. */
    team?: string | undefined;
    /** Investigating officer, senior investigating officer, DCRO, head of service, director. */
    people: readonly [string, string, string, string, string];
  }>;
  services: Array<{ code: string; name: string; directorate: string; weight: number }>;
  /** The customer services officer's and complaints manager's team, when there is one. */
  centralTeam?: string | undefined;
  town: string;
  postcodeArea: string;
  /** The body a wrongly addressed complaint is sent on to. */
  wrongBody: { body: string; contact: string };
  /** The services whose responses the quality checks sample each month. */
  qualityChecked: string[];
}

const titled = (d: string) => d[0]!.toUpperCase() + d.slice(1);

export function exampleton(installed: readonly ServicePlugin[]): DemoCouncil {
  const teams: Record<string, string> = {
    corporate: "council-tax/billing",
    environment: "waste/collections",
    housing: "repairs/responsive",
  };
  const people: Record<string, readonly [string, string, string, string, string]> = {
    corporate: ["Ivy Ingram", "Ian Irwin", "Dana Cole", "Hana Shah", "Drew Dent"],
    environment: ["Eve Evans", "Ed Ellis", "Della Cruz", "Harry Stone", "Dev Patel"],
    housing: ["Holly Hart", "Hugo Hale", "Dora Reid", "Hattie Bloom", "Dom Price"],
  };
  const weights: Record<string, number> = {
    "council-tax": 5,
    "customer-services": 2,
    waste: 6,
    highways: 3,
    repairs: 6,
    tenancy: 3,
  };
  const profile = demoProfile(installed);
  return {
    slug: "exampleton",
    profile,
    domain: "exampleton.gov.uk",
    directorates: ["corporate", "environment", "housing"].map((id) => ({
      id,
      label: titled(id),
      team: teams[id],
      people: people[id]!,
    })),
    services: profile.directorates.flatMap((d) =>
      d.services.map((s) => ({
        code: s.id,
        name: s.name,
        directorate: d.id,
        weight: weights[s.id]!,
      })),
    ),
    centralTeam: "customer-services/contact-centre",
    town: "Exampleton",
    postcodeArea: "EX",
    wrongBody: { body: "Exampleshire County Council", contact: "complaints@exampleshire.gov.uk" },
    qualityChecked: ["council-tax", "waste", "repairs"],
  };
}

const FIRST = ["Aisha", "Ben", "Carys", "Daniel", "Ella", "Femi", "Grace", "Harvey", "Isla", "Jamal", "Keira", "Luca", "Maya", "Nathan", "Orla", "Pavel", "Ruby", "Sam", "Tara", "Umar", "Violet", "Will", "Yasmin", "Zak", "Alfie", "Bella", "Connor", "Divya", "Ethan", "Freya"];
const LAST = ["Ali", "Barker", "Chen", "Doyle", "Edwards", "Fraser", "Green", "Hussain", "Iqbal", "Jenkins", "Kaur", "Lewis", "Mensah", "Noble", "Owen", "Parry", "Quinn", "Rahman", "Singh", "Turner", "Usman", "Vaughan", "Walsh", "Young"];

/**
 * A packaged council as the demo (profiles in packages/profiles): its own profile as it is,
 * five made-up officers per directorate, every service weighted alike (homes a little more:
 * repairs draw the most complaints) and its residents in the letterhead's town.
 */
export function packagedDemoCouncil(profile: CouncilProfileInput): DemoCouncil {
  const lines = profile.letterhead.addressLines;
  const teamOf = (d: CouncilProfileInput["directorates"][number]) => {
    const service = d.services.find((s) => s.teams?.length);
    return service ? `${service.id}/${service.teams![0]!.id}` : undefined;
  };
  const services = profile.directorates.flatMap((d) =>
    d.services.map((s) => ({
      code: s.id,
      name: s.name,
      directorate: d.id,
      weight: (s.plugins ?? []).includes("housing") ? 5 : 3,
    })),
  );
  return {
    slug: profile.id,
    profile,
    // A reserved domain (RFC 2606): the demo's addresses must never reach a real council's staff.
    domain: `${profile.id}.example`,
    directorates: profile.directorates.map((d, k) => ({
      id: d.id,
      label: d.name,
      team: teamOf(d),
      people: [0, 1, 2, 3, 4].map(
        (j) => `${FIRST[(k * 5 + j) % FIRST.length]} ${LAST[(k * 7 + j * 3) % LAST.length]}`,
      ) as unknown as readonly [string, string, string, string, string],
    })),
    services,
    centralTeam: undefined,
    town: lines.at(-1) ?? profile.name,
    postcodeArea: /^[A-Z]{1,2}/.exec(profile.letterhead.postcode)?.[0] ?? "EX",
    wrongBody: {
      body: "The Department for Work and Pensions",
      contact: "www.gov.uk/contact-jobcentre-plus",
    },
    qualityChecked: [...services]
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 3)
      .map((s) => s.code),
  };
}

/** The demo council `pnpm start` seeds: Exampleton, or the packaged council named (DEMO_COUNCIL). */
export function demoCouncilFor(
  id: ProfileId | null,
  installed: readonly ServicePlugin[],
): DemoCouncil {
  return id === null ? exampleton(installed) : packagedDemoCouncil(profileDocuments[id].input);
}
