import { describe, expect, it } from "vitest";
import { closureInput, contactsInput, letterheadInput, serviceInput, timescalesInput } from "../input/configuration.js";
import { defaultProfile } from "./default-profile.js";
import { addDirectorate, addService, ProfileEditError, retireDirectorate, retireService, setCalendar, setContacts, setLetterhead, setOfferedServices, setTimescales, slugFor, updateService } from "./edit.js";
import { parseCouncilProfile } from "./schema.js";

const p = defaultProfile;
const serviceIds = (profile: typeof p) => profile.directorates.map((d) => `${d.id}: ${d.services.map((s) => s.id).join(", ")}`);
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof ProfileEditError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error("not refused");
};

describe("configuration changes make a valid profile from the current one (decision 0514)", () => {
  it("a new unit gets a slug from its name that no other unit has", () => {
    expect(slugFor("Parks & Open Spaces", new Set())).toBe("parks-open-spaces");
    expect(slugFor("Waste", new Set(["waste", "waste-2"]))).toBe("waste-3");
  });

  it("adds a directorate with its first service, and refuses a second directorate of the same name", () => {
    const added = addDirectorate(p, { name: "Adult Social Care", firstService: "Home Care" });
    expect(serviceIds(parseCouncilProfile(added)).at(-1)).toBe("adult-social-care: home-care");
    expect(refusal(() => addDirectorate(added, { name: "adult social care", firstService: "X" }))).toEqual({ field: "name", message: "There is already a directorate called adult social care" });
  });

  it("renames and moves a service by id, keeping its teams; moving a directorate's last service retires the emptied directorate", () => {
    const input = serviceInput.parse({ name: "Bins", directorateId: "corporate", offeredToPublic: "yes" });
    const moved = parseCouncilProfile(updateService(p, "waste", input));
    expect(serviceIds(moved)).toEqual(["corporate: council-tax, customer-services, waste", "environment: highways"]);
    expect(moved.directorates[0]!.services[2]!.name).toBe("Bins");
    const emptied = parseCouncilProfile(updateService(moved, "highways", serviceInput.parse({ name: "Highways", directorateId: "corporate", offeredToPublic: "yes" })));
    expect(serviceIds(emptied)).toEqual(["corporate: council-tax, customer-services, waste, highways"]);
  });

  it("renames, retires and adds teams in one change", () => {
    const withTeams = addService(p, serviceInput.parse({ name: "Parking", directorateId: "environment", offeredToPublic: "no", newTeam: "Permits" }));
    const parking = withTeams.directorates[1]!.services.find((s) => s.id === "parking")!;
    expect(parking).toMatchObject({ offeredToPublic: false, teams: [{ id: "permits", name: "Permits" }] });
    const next = updateService(
      withTeams,
      "parking",
      serviceInput.parse({ name: "Parking", directorateId: "environment", offeredToPublic: "yes", teams: [{ id: "permits", name: "Permits and passes" }], newTeam: "Enforcement" }),
    );
    expect(next.directorates[1]!.services.find((s) => s.id === "parking")!.teams).toEqual([
      { id: "permits", name: "Permits and passes" },
      { id: "enforcement", name: "Enforcement" },
    ]);
    const retired = updateService(next, "parking", serviceInput.parse({ name: "Parking", directorateId: "environment", offeredToPublic: "yes", retireTeams: ["permits"] }));
    expect(retired.directorates[1]!.services.find((s) => s.id === "parking")!.teams.map((t) => t.id)).toEqual(["enforcement"]);
  });

  it("retires a service, but not a directorate's last one (retire the directorate instead), nor the council's last directorate", () => {
    expect(serviceIds(retireService(p, "highways"))).toEqual(["corporate: council-tax, customer-services", "environment: waste"]);
    expect(refusal(() => retireService(retireService(p, "highways"), "waste")).message).toMatch(/only service of Environment: a directorate needs one, so retire the directorate instead/);
    const one = retireDirectorate(p, "environment");
    expect(serviceIds(one)).toEqual(["corporate: council-tax, customer-services"]);
    expect(refusal(() => retireDirectorate(one, "corporate")).message).toBe("The council needs at least one directorate");
  });

  it("offers only the services ticked on the public form", () => {
    const next = parseCouncilProfile(setOfferedServices(p, ["waste", "highways"]));
    expect(next.directorates.flatMap((d) => d.services.filter((s) => s.offeredToPublic).map((s) => s.id))).toEqual(["waste", "highways"]);
    expect(refusal(() => setOfferedServices(p, ["parking"])).field).toBe("offered");
  });

  it("sets corporate timescales in working days from where they count now, with the policy as their rule", () => {
    const input = timescalesInput.parse({ stages: [{ id: "stage-1", acknowledgeDays: 3, respondDays: 15 }], source: "Complaints policy 2026 para 4" });
    const next = parseCouncilProfile(setTimescales(p, input, { "stage-1": { acknowledgeFrom: "receipt", respondFrom: "acknowledgement" } }));
    expect(next.timescales?.stages?.["stage-1"]).toEqual({
      acknowledge: { period: { workingDays: 3 }, from: "receipt", rule: "Complaints policy 2026 para 4" },
      respond: { period: { workingDays: 15 }, from: "acknowledgement", rule: "Complaints policy 2026 para 4" },
    });
    expect(timescalesInput.safeParse({ stages: [{ id: "stage-1", respondDays: 0 }], source: "x policy" }).error?.issues[0]?.message).toBe("the time to respond must be at least 1 working day");
  });

  it("sets one service's own timescales as its setting, over its plugins, leaving the corporate ones", () => {
    const input = timescalesInput.parse({ stages: [{ id: "stage-2", respondDays: 25 }], source: "Waste policy 2026" });
    const next = parseCouncilProfile(setTimescales(p, input, { "stage-2": { acknowledgeFrom: "stage-request", respondFrom: "acknowledgement" } }, "waste"));
    expect(next.timescales).toEqual(p.timescales);
    expect(next.directorates[1]!.services[0]!.settings?.stages?.["stage-2"]?.respond).toEqual({ period: { workingDays: 25 }, from: "acknowledgement", rule: "Waste policy 2026" });
  });

  it("adds and removes closure days and sets the cut-off; a closure day needs both its date and what it is", () => {
    const once = parseCouncilProfile(setCalendar(p, closureInput.parse({ newDate: "2026-12-29", newLabel: "Christmas shutdown", cutOffTime: "16:30", nations: ["england-and-wales"] })));
    expect(once.calendar).toEqual({ closures: [{ date: "2026-12-29", label: "Christmas shutdown" }], cutOffTime: "16:30", nations: ["england-and-wales"] });
    const yearly = parseCouncilProfile(setCalendar(once, closureInput.parse({ keep: ["0"], newDate: "2026-12-24", newLabel: "Christmas Eve", everyYear: true, nations: ["england-and-wales"] })));
    expect(yearly.calendar.closures).toEqual([{ date: "2026-12-29", label: "Christmas shutdown" }, { everyYear: "12-24", label: "Christmas Eve" }]);
    expect(yearly.calendar.cutOffTime).toBeNull();
    expect(parseCouncilProfile(setCalendar(yearly, closureInput.parse({ keep: ["1"], nations: ["scotland"] }))).calendar.closures).toEqual([{ everyYear: "12-24", label: "Christmas Eve" }]);
    expect(closureInput.safeParse({ newDate: "2026-12-29", nations: ["england-and-wales"] }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["newLabel", "Enter what the closure day is, such as Christmas shutdown"]]);
    expect(refusal(() => setCalendar(once, closureInput.parse({ keep: ["0"], newDate: "2026-12-29", newLabel: "Again", nations: ["england-and-wales"] }))).field).toBe("newDate");
  });

  it("changes the council's name and letterhead; the address is typed one line each", () => {
    const input = letterheadInput.parse({ name: "Exampleton Council", addressLines: "Civic Centre\n\n  Main Road  \nExampleton", postcode: "EX1 2BB", phone: "01234 567890", email: "complaints@exampleton.gov.uk", website: "www.exampleton.gov.uk", otherFormats: "Ask us for large print." });
    const next = parseCouncilProfile(setLetterhead(p, input));
    expect(next.name).toBe("Exampleton Council");
    expect(next.letterhead.addressLines).toEqual(["Civic Centre", "Main Road", "Exampleton"]);
  });

  it("names the officers the rules tell (Leeds para 28): blank rows are none, a half-filled row says what is missing, each party once", () => {
    const rows = [
      { party: "head-of-equality", title: "Head of Equality", name: "Sam Equal", email: "sam@exampleton.gov.uk" },
      {},
      { party: "chief-officer-legal", title: "Chief Officer Legal", name: "Jo Legal", email: "jo@exampleton.gov.uk" },
    ];
    const next = parseCouncilProfile(setContacts(p, contactsInput.parse({ contacts: rows })));
    expect(next.contacts.map((c) => c.party)).toEqual(["head-of-equality", "chief-officer-legal"]);
    expect(contactsInput.safeParse({ contacts: [{ party: "Head of Equality", name: "Sam" }] }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["contacts.0.party", "Enter the party as the rules name it, in lower-case letters and hyphens, like head-of-equality"],
      ["contacts.0.title", "Enter their post, like Head of Equality"],
      ["contacts.0.email", "Enter an email address in the correct format, like equality@example.gov.uk"],
    ]);
    expect(refusal(() => setContacts(p, contactsInput.parse({ contacts: [rows[0], rows[0]] }))).field).toBe("contacts[1].party");
  });
});
