/**
 * What the resident sends from the satisfaction survey page (issue 15; decision 0516): the
 * single-use token from the link in their email, and an answer to any of the four questions
 * (each may be left out). The portal parses its form with this schema too (decision 0512).
 */
import { z } from "zod";
import { SATISFACTION_QUESTIONS, SATISFACTION_SCALE, type SatisfactionAnswer, type SatisfactionQuestion } from "../vocabulary/satisfaction.js";

/** The token in the survey link: 32 base64url characters (24 random bytes). */
export const surveyToken = z.string("The survey link is not complete: open it from your email again").regex(/^[A-Za-z0-9_-]{32}$/, "The survey link is not complete: open it from your email again");

const answer = z.enum(SATISFACTION_SCALE, "Choose one of the answers given").nullish();

export const satisfactionAnswers = z
  .object(Object.fromEntries(SATISFACTION_QUESTIONS.map((q) => [q, answer])) as Record<SatisfactionQuestion, typeof answer>)
  .strict()
  .refine((a) => SATISFACTION_QUESTIONS.some((q) => a[q]), "Answer at least one question, or close the page if you would rather not answer");

export type SatisfactionAnswers = Partial<Record<SatisfactionQuestion, SatisfactionAnswer | null>>;

export const satisfactionInput = z.object({ token: surveyToken, answers: satisfactionAnswers }).strict();
