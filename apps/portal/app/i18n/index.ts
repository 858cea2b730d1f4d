/**
 * The public pages in English or Welsh (issue 15, "Welsh"; docs/decisions/0517-welsh-public-forms.md).
 * Every public string is a key of `en.ts`; `cy.ts` must give each of them (its type is the
 * English key set, so a missing Welsh string fails the typecheck). Strings take `{name}`
 * placeholders. The language is the resident's choice (the `cm_lang` cookie set by the
 * /language/<cy|en> link in the header, or `?lang=` on the address) where the council offers
 * Welsh; English otherwise, and always on the staff pages.
 */
import { createContext, useContext } from "react";
import { en, type MessageKey } from "./en";
import { cy } from "./cy";

export type Language = "en" | "cy";
export type { MessageKey };

export const LANGUAGE_COOKIE = "cm_lang";
const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, cy };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (key, params) => catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "cy";
}

/** The page's language, provided by root.tsx from its loader's choice; English outside it. */
export const LanguageContext = createContext<Language>("en");

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

export function useT(): Translate {
  return translator(useLanguage());
}

/** For `meta` functions, which cannot use hooks: the language from the root match. */
export function languageOfMatches(matches: ReadonlyArray<{ id: string; data?: unknown }>): Language {
  const root = matches.find((m) => m.id === "root")?.data as { language?: Language } | undefined;
  return root?.language ?? "en";
}

const DAYS: Record<Language, readonly string[]> = {
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  cy: ["Dydd Sul", "Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener", "Dydd Sadwrn"],
};
const MONTHS: Record<Language, readonly string[]> = {
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  cy: ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"],
};

/** "Monday 9 March 2026" / "Dydd Llun 9 Mawrth 2026". */
export function formatDateIn(language: Language, iso: string, withDay = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = DAYS[language][new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
  return `${withDay ? `${day} ` : ""}${d} ${MONTHS[language][mo - 1]} ${y}`;
}
