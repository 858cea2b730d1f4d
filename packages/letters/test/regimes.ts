/**
 * The seed regimes, each with the plugin and case kind that bring it and the intake it needs:
 * tests check letters against the checklists these rules resolve to (decision 0407), as the
 * product does, instead of a list of regime families.
 */
import { RuleBook, defaultProfile, type CouncilProfile, type ResolvedRules, type ServicePlugin } from "@complaints/core";
import { conformanceProfile, type LogFields } from "@complaints/core/testing";
import { adultSocialCareServicePlugin } from "@complaints/plugin-adult-social-care";
import { childrenSocialCareServicePlugin } from "@complaints/plugin-children-social-care";
import { foiEirServicePlugin } from "@complaints/plugin-foi-eir";
import { housingServicePlugin } from "@complaints/plugin-housing";
import { memberEnquiriesServicePlugin } from "@complaints/plugin-member-enquiries";

export const REGIME_NAMES = ["code-2024", "housing", "foi-eir", "adult-social-care", "children-social-care", "member-enquiry"] as const;
export type RegimeName = (typeof REGIME_NAMES)[number];

export const REGIMES: Record<RegimeName, { plugin: ServicePlugin | null; caseKind: "complaint" | "foi-eir-review" | "member-enquiry"; log: Partial<LogFields> }> = {
  "code-2024": { plugin: null, caseKind: "complaint", log: {} },
  housing: { plugin: housingServicePlugin, caseKind: "complaint", log: { intake: { tenancyReference: "T-1" } } },
  "adult-social-care": { plugin: adultSocialCareServicePlugin, caseKind: "complaint", log: {} },
  "children-social-care": { plugin: childrenSocialCareServicePlugin, caseKind: "complaint", log: { intake: { complainantIsChild: true } } },
  "foi-eir": { plugin: foiEirServicePlugin, caseKind: "foi-eir-review", log: { matterArose: "2026-01-02", intake: { informationRegime: "foi", requestReference: "FOI-1" } } },
  "member-enquiry": {
    plugin: memberEnquiriesServicePlugin,
    caseKind: "member-enquiry",
    log: { representative: { name: "Cllr Dee Jones", role: "councillor", consent: { basis: "elected-member", recordedOn: "2026-01-05" }, replyTo: "customer" } },
  },
};

/** The profile a regime's rules come from: the default council, or a conformance council enabling its plugin. */
export function regimeProfile(name: RegimeName): CouncilProfile {
  const plugin = REGIMES[name].plugin;
  return plugin ? { ...conformanceProfile([plugin.id], "svc"), ombudsmen: defaultProfile.ombudsmen } : defaultProfile;
}

const cache = new Map<RegimeName, ResolvedRules>();
export function regimeRules(name: RegimeName): ResolvedRules {
  const cached = cache.get(name);
  if (cached) return cached;
  const { plugin, caseKind } = REGIMES[name];
  const book = new RuleBook(regimeProfile(name), plugin ? [plugin] : []);
  const rules = plugin ? book.rulesFor("svc", caseKind) : book.rulesFor("waste", caseKind);
  cache.set(name, rules);
  return rules;
}
