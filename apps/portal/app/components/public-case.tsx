/**
 * A case as its resident sees it (track, escalate), in the page's language: the API answers
 * with codes and facts (progress, why the next stage cannot be asked for, due kinds, letter
 * kinds, stage numbers) and these put them in the words of app/i18n (decision 0517).
 */
import type { ReactNode } from "react";
import { formatDateIn, useT, type Language, type MessageKey, type Translate } from "../i18n";
import { en } from "../i18n/en";
import { formatDate } from "../utils/labels";
import type { CasePage } from "../utils/public.server";
import { phoneOrEmail } from "./public-information";
import { Button } from "./govuk";
import { PostForm } from "./form";
import { HiddenProof } from "./proof";

export interface PublicStage {
  label: string;
  number: number | null;
}

/** A key the message files have, or null (a code the API added since). */
function known(key: string): MessageKey | null {
  return key in en ? (key as MessageKey) : null;
}

/** "Monday 9 March 2026" in English as the staff pages write it, "Dydd Llun 9 Mawrth 2026" in Welsh. */
export function dateIn(language: Language, iso: string, withDay = false): string {
  return language === "en" ? formatDate(iso, withDay) : formatDateIn(language, iso, withDay);
}

/**
 * The council's label in English ("Stage 2"); in Welsh, the stage's place ("Cam 2"), since the
 * label is the council's English; "the next stage" when the rules name none.
 */
export function stageName(language: Language, t: Translate, stage: PublicStage | null | undefined): string {
  if (!stage) return t("stage.next");
  return language === "cy" && stage.number !== null ? t("stage.numbered", { number: stage.number }) : stage.label;
}

/** "We will send you our Stage 1 response by", from the date's kind and stage. */
export function dueWords(language: Language, t: Translate, d: { kind: string; stage?: PublicStage | null; what: string }): string {
  const withStage = d.stage ? known(`date.${d.kind}.atStage`) : null;
  if (withStage) return t(withStage, { stage: stageName(language, t, d.stage) });
  const plain = known(`complain.date.${d.kind}`);
  return plain ? t(plain) : d.what;
}

export function progressWords(language: Language, t: Translate, progress: CasePage["progress"]): string {
  const stage = stageName(language, t, progress.stage);
  if (progress.is === "closed") return t(known(`progress.closed.${progress.closure ?? ""}`) ?? "progress.closed");
  return t(known(`progress.${progress.is}`) ?? "progress.open", { stage });
}

export function letterName(t: Translate, kind: string): string {
  return t(known(`letter.${kind}`) ?? "letter.other");
}

type Escalation = CasePage["escalation"];

/** Why the resident cannot ask for the next stage now, and what they can do instead. */
export function whyNot(language: Language, t: Translate, escalation: Extract<Escalation, { possible: false }>, council: CasePage["council"]): ReactNode {
  const b = escalation.because;
  const to = stageName(language, t, escalation.to);
  const date = (iso: string) => dateIn(language, iso);
  switch (b.is) {
    case "not-a-complaint":
      return t("why.not-a-complaint");
    case "window-closed":
      return `${b.closedOn ? t("why.window-closed.on", { stage: to, date: date(b.closedOn) }) : t("why.window-closed", { stage: to })} ${b.lateAllowed ? t("why.window-closed.late") : t("why.window-closed.phone", { phone: council.phone })}`;
    case "final-stage":
      return [
        b.stage ? t("why.final", { stage: stageName(language, t, b.stage) }) : t("why.final.noStage"),
        b.until ? t("why.final.body.until", { body: b.body, date: date(b.until) }) : t("why.final.body", { body: b.body }),
        b.website ? t("why.final.website", { website: b.website }) : "",
      ]
        .filter(Boolean)
        .join(" ");
    case "closed":
      return t("why.closed", { phone: council.phone });
    case "not-yet":
      if (!b.stage) return t("why.not-yet");
      return b.respondBy ? t("why.not-yet.due", { toStage: to, stage: stageName(language, t, b.stage), date: date(b.respondBy) }) : t("why.not-yet.stage", { toStage: to, stage: stageName(language, t, b.stage) });
    case "arrange": {
      const [before, after] = t("why.arrange").split("{contact}");
      return (
        <>
          {before}
          {phoneOrEmail(council, false, t)}
          {after}
        </>
      );
    }
  }
}

/**
 * The optional equality questions, offered where a complaint was just made or taken to the next
 * stage: the form is reached with the case's proof, posted (routes/complain.equality.tsx).
 */
export function EqualityOffer({ proof }: { proof: { reference: string; trackingCode: string } }) {
  const t = useT();
  return (
    <div className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m">{t("complain.sent.equality.heading")}</h2>
      <p className="govuk-body">{t("complain.sent.equality.text")}</p>
      <PostForm action="/complain/equality">
        <HiddenProof proof={proof} />
        <input type="hidden" name="_action" value="start" />
        <Button variant="secondary">{t("complain.sent.equality.button")}</Button>
      </PostForm>
    </div>
  );
}
