/**
 * Made-up people and the kinds of things residents write about, for the demo council.
 * Names, emails and phone numbers are fictional (Ofcom's drama range 07700 900xxx). Exampleton's
 * services have their own lists; any other council's service takes the lists of the theme its
 * name suggests (`themeOf`), so a packaged council's demo reads like its services.
 */
export interface DemoCustomer {
  name: string;
  email: string;
  phone: string;
  address: string;
  postcode: string;
}

const first = ["Ann", "Bob", "Chloe", "Dev", "Eileen", "Farah", "George", "Hannah", "Imran", "Jade", "Kwame", "Laura", "Mohammed", "Niamh", "Olu", "Priya", "Rory", "Sian", "Tariq", "Una", "Victor", "Wendy", "Yusuf", "Zoe"];
const last = ["Smith", "Jones", "Patel", "Okafor", "Williams", "Khan", "Brown", "Evans", "Murphy", "Ahmed", "Taylor", "Nowak", "Clarke", "Hughes", "Begum", "Wright"];
const streets = ["Mill Lane", "Church Road", "Station Street", "Park Avenue", "Queens Drive", "Victoria Terrace", "Orchard Close", "High Street", "Canal Walk", "Elm Grove"];

/** 150 customers, the same every time, living in `town` (postcodes in its `area`). */
export function customersPool(town = "Exampleton", area = "EX"): DemoCustomer[] {
  const pool: DemoCustomer[] = [];
  for (let i = 0; i < 150; i++) {
    const f = first[i % first.length]!;
    const l = last[(i * 7) % last.length]!;
    const n = (i * 13) % 120;
    pool.push({
      name: `${f} ${l}`,
      email: `${f}.${l}${i}`.toLowerCase() + "@example.com",
      phone: `07700 900${String(100 + i).padStart(3, "0")}`,
      address: `${n + 1} ${streets[i % streets.length]}\n${town}`,
      postcode: `${area}${(i % 9) + 1} ${(i % 8) + 1}${"ABDEFGHJ"[i % 8]}${"LNPQRSTU"[(i * 3) % 8]}`,
    });
  }
  return pool;
}

const complaints: Record<string, string[]> = {
  "council-tax": [
    "I have been charged twice for the same month and my emails about it have not been answered.",
    "A summons was issued even though I had set up a direct debit in time.",
    "My single person discount was removed without any letter explaining why.",
    "The bill is in the name of the previous tenant and nobody will correct it.",
    "An enforcement agent visited about a debt I had already paid in full.",
  ],
  "customer-services": [
    "I waited over an hour on the phone and was cut off twice.",
    "The staff member at the customer service centre was dismissive and would not take my details.",
    "I was promised a call back three times and nobody ever called.",
    "The online form lost everything I typed and there is no other way to report this.",
  ],
  waste: [
    "My bin has been missed three weeks running and the reports I made online were closed without collection.",
    "The crew left rubbish strewn across the road after collecting the recycling.",
    "My assisted collection has stopped and I cannot move the bin myself.",
    "I paid for a bulky waste collection that never happened and have not been refunded.",
    "Fly-tipping behind the shops has been reported many times and is still there.",
  ],
  highways: [
    "A pothole outside my house damaged my car and the council says it was not reported, but I reported it twice.",
    "The street light on our road has been out for two months and the path is dangerous at night.",
    "Roadworks have blocked my driveway for a week without any notice.",
    "The gritting lorry did not come to our hill during the snow although it is on the route.",
  ],
  repairs: [
    "Damp and mould in my child's bedroom has been reported four times and nobody has come to fix it.",
    "The boiler has been broken for ten days and the repair appointment was missed twice.",
    "The contractor left the kitchen ceiling half finished and did not come back.",
    "Water is coming through the roof into the flat every time it rains.",
    "The communal door entry system has been broken for a month and the block is not secure.",
  ],
  tenancy: [
    "Anti-social behaviour from the neighbours has been reported many times with no action.",
    "My request to transfer for medical reasons has not been answered in four months.",
    "My rent account shows arrears that are wrong and I am being threatened with court.",
    "The housing officer has not returned my calls about the succession of my late mother's tenancy.",
  ],
  "social-care": [
    "My mother's care package was cut without a new assessment or anyone talking to her.",
    "Carers have arrived late or not at all for three weeks and nobody told us.",
    "The social worker changed four times in a year and each one asks the same questions.",
    "We were never told about the charges for my father's care until the invoice came.",
  ],
  education: [
    "My son's education, health and care plan review is months overdue.",
    "The school transport stopped without notice and my daughter missed a week of school.",
    "We were given the wrong information about the admission appeal deadline.",
  ],
  planning: [
    "I was not told about the planning application next door although my house faces it.",
    "An extension was built without permission and the enforcement team has done nothing.",
    "My application has gone past its decision date and nobody answers my emails.",
  ],
  community: [
    "The library's opening hours were cut without the consultation that was promised.",
    "My booking at the leisure centre was cancelled twice and the refund never came.",
    "Reports of anti-social behaviour in the park have not been answered.",
  ],
};

/** Complaints about a response to a freedom of information or environmental information request. */
const informationReviews = [
  "You refused my request for the contracts register and I do not accept the exemption you relied on.",
  "The response to my request left out the emails I asked for; please review it.",
  "You said the information was not held, but it is referred to in the committee minutes.",
];

const compliments = [
  "The repairs operative was polite, tidy and fixed the problem first time. Please pass on my thanks.",
  "Thank you to the contact centre adviser who sorted my account out so patiently.",
  "The bin crew always put our bins back and help my elderly neighbour. They deserve recognition.",
  "Very grateful to the officer who helped me with my council tax discount.",
];
const comments = [
  "It would help if the website said when the garden waste collections start again.",
  "The new recycling leaflet is confusing about which plastics go in which bin.",
  "Could the council put a bench at the bus stop on Church Road?",
];
const requests = [
  "Please can you collect a broken fridge from outside my house?",
  "I need a replacement recycling box; mine was taken by the wind.",
  "Can someone come and look at the loose paving slab by the school?",
];

/**
 * The theme of a service's complaints: Exampleton's services are their own; another council's
 * service takes the theme its code or name suggests, or "customer-services".
 */
export function themeOf(service: { id: string; name: string }): string {
  if (Object.hasOwn(complaints, service.id)) return service.id;
  const words = `${service.id} ${service.name}`.toLowerCase();
  const themes: Array<[RegExp, string]> = [
    // A service set up for FOI/EIR reviews only (Leeds: the Director of Environments and Housing).
    [/foi|freedom of information/, "information"],
    [/social.care/, "social-care"],
    [/repair/, "repairs"],
    [/housing|homes|tenan|leasehold|homeless|regenter|rent/, "tenancy"],
    [/waste|refuse|recycl|environmental/, "waste"],
    [/highway|traffic|parking|road/, "highways"],
    [/tax|revenue|benefit|finance|resources/, "council-tax"],
    [/educat|school|pupil|special/, "education"],
    [/planning|regeneration/, "planning"],
    [/librar|sport|leisure|communit|youth|health|safety/, "community"],
  ];
  return themes.find(([pattern]) => pattern.test(words))?.[1] ?? "customer-services";
}

export function descriptionsFor(service: string, kind: string): string[] {
  if (kind === "compliment") return compliments;
  if (kind === "comment") return comments;
  if (kind === "service-request") return requests;
  if (kind === "foi-eir-review") return informationReviews;
  const base = complaints[service] ?? complaints["customer-services"]!;
  return kind === "member-enquiry" ? base.map((d) => `On behalf of my constituent: ${d.charAt(0).toLowerCase()}${d.slice(1)}`) : base;
}

/** What complaints about each service are about: category, then sub-categories (Lewisham 5.4). */
export const CATEGORIES: Record<string, Array<[string, string[]]>> = {
  "council-tax": [
    ["Billing", ["Charged twice", "Wrong band", "Bill not received"]],
    ["Recovery and enforcement", ["Summons", "Enforcement agent"]],
    ["Discounts and exemptions", ["Single person discount", "Student exemption"]],
  ],
  "customer-services": [
    ["Contact", ["Calls not answered", "Emails not answered"]],
    ["Staff conduct", ["Rudeness", "Wrong advice"]],
  ],
  waste: [
    ["Missed collection", ["General waste", "Recycling", "Garden waste"]],
    ["Bins and containers", ["Bin not delivered", "Bin damaged"]],
    ["Crew conduct", ["Blocked driveway", "Litter left"]],
  ],
  highways: [
    ["Potholes and roads", ["Pothole not repaired", "Road surface"]],
    ["Street lighting", ["Light out", "Light on in the day"]],
  ],
  repairs: [
    ["Repairs", ["Damp and mould", "Heating and hot water", "Leaks"]],
    ["Appointments", ["Missed appointment", "No appointment offered"]],
    ["Contractor conduct", ["Mess left", "Rudeness"]],
  ],
  tenancy: [
    ["Tenancy management", ["Anti-social behaviour", "Rent account"]],
    ["Communication", ["No reply", "Wrong information"]],
  ],
  "social-care": [
    ["Care and support", ["Care package", "Missed visits"]],
    ["Assessment", ["Delay", "Not involved"]],
    ["Charging", ["Not told of charges", "Wrong invoice"]],
  ],
  education: [
    ["Special educational needs", ["Plan review late", "Provision not in place"]],
    ["Admissions and transport", ["Wrong information", "Transport stopped"]],
  ],
  planning: [
    ["Applications", ["Not consulted", "Decision late"]],
    ["Enforcement", ["No action taken"]],
  ],
  community: [
    ["Facilities", ["Opening hours", "Bookings and refunds"]],
    ["Communication", ["No reply", "Wrong information"]],
  ],
};

/** Equality monitoring answers as a customer might give them (aggregate reporting only). */
export const EQUALITY_SAMPLES: Array<Record<string, string | null>> = [
  { age_band: "35-44", sex: "female", gender_reassignment: "yes", disability: "no", ethnicity: "white", religion_or_belief: "christian", sexual_orientation: "straight-or-heterosexual", marriage_or_civil_partnership: "yes", pregnancy_or_maternity: "no" },
  { age_band: "65-74", sex: "male", gender_reassignment: "yes", disability: "yes-a-little", ethnicity: "white", religion_or_belief: "no-religion", sexual_orientation: "straight-or-heterosexual", marriage_or_civil_partnership: "no", pregnancy_or_maternity: "no" },
  { age_band: "25-34", sex: "female", gender_reassignment: "prefer-not-to-say", disability: "no", ethnicity: "black-black-british-caribbean-or-african", religion_or_belief: "christian", sexual_orientation: "prefer-not-to-say", marriage_or_civil_partnership: "no", pregnancy_or_maternity: "yes" },
  { age_band: "45-54", sex: "male", gender_reassignment: "yes", disability: "yes-a-lot", ethnicity: "asian-or-asian-british", religion_or_belief: "muslim", sexual_orientation: "straight-or-heterosexual", marriage_or_civil_partnership: "yes", pregnancy_or_maternity: "no" },
  { age_band: "55-64", sex: "prefer-not-to-say", gender_reassignment: null, disability: "no", ethnicity: "mixed-or-multiple", religion_or_belief: null, sexual_orientation: "gay-or-lesbian", marriage_or_civil_partnership: "prefer-not-to-say", pregnancy_or_maternity: null },
  { age_band: "18-24", sex: "female", gender_reassignment: "yes", disability: "no", ethnicity: "white", religion_or_belief: "no-religion", sexual_orientation: "bisexual", marriage_or_civil_partnership: "no", pregnancy_or_maternity: "no" },
];
