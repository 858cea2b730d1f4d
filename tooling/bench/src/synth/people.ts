/** Names, addresses and contact details for synthetic staff and customers (fictional). */
import type { Random } from "./random.js";

const FIRST = [
  "Aisha", "Adam", "Amara", "Ben", "Bola", "Callum", "Chloe", "Chidi", "Daniel", "Deborah", "Ella", "Emeka",
  "Fatima", "Finn", "Grace", "Hannah", "Harry", "Ifeoma", "Isaac", "Jade", "James", "Jasmine", "Kemi", "Kwame",
  "Laura", "Leon", "Lily", "Maya", "Mohammed", "Nadia", "Noah", "Olu", "Oliver", "Priya", "Rachel", "Rahul",
  "Rosa", "Ruth", "Sam", "Sana", "Sophie", "Tariq", "Tom", "Tunde", "Uma", "Victor", "Wei", "Yusuf", "Zara", "Zoe",
] as const;
const LAST = [
  "Adeyemi", "Ahmed", "Akhtar", "Baker", "Begum", "Bennett", "Brown", "Campbell", "Chen", "Clarke", "Cole", "Davies",
  "Edwards", "Evans", "Francis", "Green", "Hall", "Hughes", "Hussain", "Islam", "Jackson", "James", "Johnson", "Jones",
  "Khan", "King", "Lewis", "Martin", "Mensah", "Morris", "Murphy", "Nguyen", "Okafor", "Okonkwo", "Owusu", "Patel",
  "Phillips", "Roberts", "Robinson", "Shah", "Smith", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Ward",
  "White", "Williams", "Wilson", "Wood", "Wright", "Young",
] as const;
const TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"] as const;
const STREETS = [
  "Catford Road", "Rushey Green", "Brownhill Road", "Bellingham Road", "Sangley Road", "Lewisham Way", "Loampit Vale",
  "Brockley Rise", "Stanstead Road", "Honor Oak Park", "Perry Vale", "Sydenham Road", "Kirkdale", "Dartmouth Road",
  "Deptford High Street", "Evelyn Street", "Lee High Road", "Burnt Ash Hill", "Baring Road", "Downham Way",
  "Grove Park Road", "Hither Green Lane", "Manor Lane", "Courthill Road", "Ladywell Road", "Algernon Road",
] as const;
const TOWNS = ["Catford", "Lewisham", "Brockley", "Deptford", "Sydenham", "Lee", "Downham", "Forest Hill", "Hither Green", "Ladywell"] as const;
const DISTRICTS = ["SE4", "SE6", "SE8", "SE12", "SE13", "SE14", "SE23", "SE26", "BR1"] as const;
const LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

export interface Person {
  title: string;
  first: string;
  last: string;
  fullName: string;
}

export function person(rng: Random): Person {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const title = rng.pick(TITLES);
  return { title, first, last, fullName: `${first} ${last}` };
}

export interface CustomerDetails {
  title: string | null;
  fullName: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  preferredContact: "email" | "phone" | "post" | "text" | null;
  reasonableAdjustments: string | null;
  largePrint: boolean;
}

/** A customer as a council's system holds them: some give only a phone number, some no address. */
export function customerDetails(rng: Random, key: number): CustomerDetails {
  const p = person(rng);
  const hasEmail = rng.chance(0.72);
  const hasPhone = rng.chance(0.8);
  const hasAddress = rng.chance(0.85);
  const postcode = `${rng.pick(DISTRICTS)} ${rng.int(1, 9)}${LETTERS[rng.int(0, LETTERS.length - 1)]}${LETTERS[rng.int(0, LETTERS.length - 1)]}`;
  const adjustments = rng.chance(0.03) ? rng.pick(["Large print letters", "Calls in the afternoon only", "Needs an interpreter (Somali)", "Contact through their daughter", "British Sign Language"]) : null;
  return {
    title: rng.chance(0.6) ? p.title : null,
    fullName: p.fullName,
    email: hasEmail ? `${p.first}.${p.last}.${key}@example.org`.toLowerCase() : null,
    phone: hasPhone ? `07${rng.int(100, 999)} ${rng.int(100000, 999999)}` : null,
    address: hasAddress ? `${rng.int(1, 240)} ${rng.pick(STREETS)}, ${rng.pick(TOWNS)}, London` : null,
    postcode: hasAddress ? postcode : null,
    preferredContact: rng.chance(0.7) ? rng.pick(["email", "phone", "post", "text"] as const) : null,
    reasonableAdjustments: adjustments,
    largePrint: adjustments === "Large print letters",
  };
}

const MPS = ["Vicky Foxcroft MP", "Ellie Reeves MP", "Janet Daby MP"] as const;

/** The member who writes on a resident's behalf (Lewisham §5.2: MP, Mayor, councillors). */
export function member(rng: Random, role: "mp" | "mayor" | "councillor"): { name: string; area: string } {
  if (role === "mp") return { name: rng.pick(MPS), area: rng.pick(["Lewisham North", "Lewisham East", "Lewisham West and East Dulwich"]) };
  if (role === "mayor") return { name: "The Mayor", area: "The borough" };
  const p = person(rng);
  return { name: `Cllr ${p.fullName}`, area: `${rng.pick(TOWNS)} ward` };
}
