import {
  CASE_KINDS,
  RuleBook,
  explainRules,
  recordPlugin,
  type CaseKind,
  type ServicePlugin,
} from "@complaints/core";
import type { SourcedProfile } from "./types.js";

export interface ExplainOptions {
  /** Only this service. */
  serviceId?: string;
  /** Only this case kind; by default complaints plus every kind a plugin claims in the service. */
  kind?: CaseKind;
  /** Leave out the profile's notes. */
  rulesOnly?: boolean;
}

/** The case kinds worth showing for a service: complaints, and any kind a plugin there claims. */
function kindsFor(
  book: RuleBook,
  plugins: readonly ServicePlugin[],
  serviceId: string,
): CaseKind[] {
  const claimed = new Set<CaseKind>();
  const enabled = new Set(book.rulesFor(serviceId, "complaint").plugins);
  for (const kind of CASE_KINDS)
    for (const id of book.rulesFor(serviceId, kind).plugins) enabled.add(id);
  for (const plugin of plugins) {
    if (!enabled.has(plugin.id)) continue;
    for (const kind of recordPlugin(plugin).claimsKinds) claimed.add(kind);
  }
  return ["complaint", ...CASE_KINDS.filter((k) => claimed.has(k))];
}

/**
 * The resolved rules of a council, per service, case kind and stage, each value with the layer
 * and rule it came from (core's `explainRules`), after the profile's notes on values the
 * documents leave out. Builds the RuleBook, so a misconfigured profile throws here as it would
 * at start-up.
 */
export function explainProfile(
  sourced: SourcedProfile,
  plugins: readonly ServicePlugin[],
  options: ExplainOptions = {},
): string[] {
  const { profile, notes } = sourced;
  const book = new RuleBook(profile, plugins);
  const lines: string[] = [
    `${profile.name} (profile "${profile.id}")`,
    `sources: ${profile.sources.join("; ") || "none"}`,
  ];
  if (!options.rulesOnly) {
    const section = (title: string, items: string[]) => {
      if (!items.length) return;
      lines.push("", title, ...items.map((i) => `  - ${i}`));
    };
    section(
      "From the documents:",
      notes.flatMap((n) =>
        n.kind === "from-document" ? [`${n.about}: ${n.value} (${n.source})`] : [],
      ),
    );
    section(
      "Where the documents are silent (default used, and why):",
      notes.flatMap((n) =>
        n.kind === "default" ? [`${n.about}: ${n.value} — ${n.uses}. ${n.why}`] : [],
      ),
    );
    section(
      "Asked for by the documents, handled outside the rules:",
      notes.flatMap((n) =>
        n.kind === "practice" ? [`${n.about} (${n.source}): ${n.handling}`] : [],
      ),
    );
    section(
      "Delegated financial limits:",
      profile.delegatedLimits.map((l) => `${l.role}: £${l.maxPounds.toLocaleString("en-GB")}`),
    );
    section(
      "Notify before acknowledging:",
      profile.notifyBeforeAcknowledging.map(
        (n) => `${n.flag}: ${n.parties.join(", ")} (${n.rule})`,
      ),
    );
    section(
      "People the rules name:",
      profile.contacts.map((c) => `${c.party}: ${c.title}, ${c.name} <${c.email}>`),
    );
    const pr = profile.procedures;
    section("Procedures (decision 0325):", [
      `claims: the complaint ${pr.claims.onReferral === "close" ? "ends" : "waits"} when referred to Legal (${pr.claims.rule})`,
      `chasing a service: after ${pr.chasing.serviceAfter} working days, then ${pr.chasing.headOfServiceAfter} more to the Head of Service (${pr.chasing.rule})`,
      ...(pr.headOfServiceTold
        ? [`Head of Service told at ${pr.headOfServiceTold.stages.join(", ")}${pr.headOfServiceTold.notUpheld ? " when not upheld" : ""}${pr.headOfServiceTold.ombudsmanLikely ? ", when an Ombudsman referral is likely" : ""} (${pr.headOfServiceTold.rule})`]
        : []),
      ...(pr.anonymousNotInvestigated ? [`anonymous complaints may be recorded as not investigated (${pr.anonymousNotInvestigated.rule})`] : []),
      ...pr.stageResponders.map((r) => `${r.stage} answered by ${r.roles.join(", ")} (${r.rule})`),
    ]);
  }
  const services = book.serviceIds().filter((id) => !options.serviceId || id === options.serviceId);
  if (options.serviceId && services.length === 0) {
    throw new Error(
      `Profile "${profile.id}" has no service "${options.serviceId}" (services: ${book.serviceIds().join(", ")})`,
    );
  }
  for (const serviceId of services) {
    const directorate = profile.directorates.find((d) =>
      d.services.some((s) => s.id === serviceId),
    )!;
    const service = directorate.services.find((s) => s.id === serviceId)!;
    lines.push("", `== ${directorate.name} / ${service.name} [${serviceId}]`);
    const kinds = options.kind ? [options.kind] : kindsFor(book, plugins, serviceId);
    for (const kind of kinds) {
      lines.push(
        "",
        ...explainRules(book.rulesFor(serviceId, kind)).map((l, i) =>
          i === 0 ? `-- ${l}` : `   ${l}`,
        ),
      );
    }
  }
  return lines;
}
