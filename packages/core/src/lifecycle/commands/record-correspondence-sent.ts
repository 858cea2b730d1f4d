import { z } from "zod";
import { formatShort, type IsoDate } from "../../calendar/dates.js";
import { londonWallClock } from "../../calendar/london-time.js";
import { isoDateTime } from "../../input/fields.js";
import { SENT_CHANNELS, SENT_CHANNEL_LABELS, SENT_PURPOSES, SENT_PURPOSE_LABELS, type SentChannel } from "../../vocabulary/sent.js";
import { refuse } from "../refusals.js";
import type { CaseState, Sent, StageInstance } from "../types.js";
import { defineCommand, onField } from "./define.js";

/**
 * Records that the correspondence telling the resident of a step (the acknowledgement, the
 * response, an extension, a holding response) was sent: the deadline that requires telling the
 * resident is met then (docs/decisions/0322-deadlines-met-when-sent.md). The system runs it when
 * the outbox marks the message sent (apps/api/src/services/correspondence-sent.ts); it is never
 * offered to staff. The first send counts: a second one (the same letter by post as well as by
 * email) is recorded as an event and changes no date.
 */
/**
 * Commands the system records that a staff member's concurrent command does not conflict
 * with: the resident being sent a letter changes nothing an officer decided, so a step
 * based on the version before it still applies (packages/db applyCaseCommand).
 */
export const PASS_OVER_COMMANDS: readonly string[] = ["record-correspondence-sent"];

export const recordCorrespondenceSent = defineCommand({
  type: "record-correspondence-sent",
  label: "Record correspondence sent",
  done: "Correspondence sent",
  payload: z.object({
    /** The stage the correspondence is about; null for a compliment's or comment's acknowledgement. */
    stageId: z.string().min(1).max(60).nullable(),
    purpose: z.enum(SENT_PURPOSES, "one of the correspondence purposes that meet a deadline"),
    channel: z.enum(SENT_CHANNELS, "email, sms or post"),
    sentAt: isoDateTime("the moment it was sent"),
    ...onField,
  }),
  roles: [],
  can: () => false,
  apply(state, command, ctx) {
    const instant = new Date(command.sentAt);
    const sentOn = londonWallClock(instant).date;
    if (sentOn > ctx.today) refuse("DATE_INVALID", `Correspondence cannot be recorded as sent on ${formatShort(sentOn)}, a date still to come`);
    const what = SENT_PURPOSE_LABELS[command.purpose];
    const record = (taken: IsoDate, current: Sent | undefined, set: (sent: Sent) => void) => {
      // Sent before the step was recorded (a clock a little apart): the step's date stands.
      const on = sentOn < taken ? taken : sentOn;
      const first = current ?? null;
      if (!first) set({ on, channel: command.channel as SentChannel });
      ctx.eventData = { sentOn: on, first: !first, ...(first ? { alreadySent: first } : {}) };
    };
    if (command.stageId === null) {
      if (command.purpose !== "acknowledgement" || !state.feedbackAcknowledgedOn) {
        refuse("INVALID_INPUT", `Only a compliment's or comment's acknowledgement is sent without a stage; this ${what} names none`);
      }
      record(state.feedbackAcknowledgedOn, state.feedbackAcknowledgementSent, (sent) => (state.feedbackAcknowledgementSent = sent));
      return;
    }
    const stage = latestInstance(state, command.stageId);
    if (!stage) refuse("INVALID_INPUT", `Case ${state.reference} has no stage "${command.stageId}" for a ${what} to have been sent about`);
    const notYet = () => refuse("NOT_ALLOWED_NOW", `${stage.label} has no ${what} recorded, so none can have been sent ${SENT_CHANNEL_LABELS[command.channel]}`);
    switch (command.purpose) {
      case "acknowledgement":
      case "escalation-acknowledgement":
        if (!stage.acknowledgedOn) notYet();
        record(stage.acknowledgedOn!, stage.acknowledgementSent, (sent) => (stage.acknowledgementSent = sent));
        return;
      case "response": {
        const response = stage.response ?? notYet();
        record(response.on, response.sent, (sent) => (response.sent = sent));
        return;
      }
      case "extension": {
        const extension = oldestUnsent(stage.extensions) ?? notYet();
        record(extension.customerToldOn, extension.sent, (sent) => (extension.sent = sent));
        return;
      }
      case "holding-response": {
        const holding = oldestUnsent(stage.holdingResponses) ?? notYet();
        record(holding.on, holding.sent, (sent) => (holding.sent = sent));
        return;
      }
    }
  },
});

/** The stage's latest instance: correspondence is about the stage as it now stands (a stage referred back opens again). */
function latestInstance(state: CaseState, stageId: string): StageInstance | undefined {
  return state.stages.filter((s) => s.stageId === stageId).at(-1);
}

/**
 * The step a send is about, where a stage can have several (extensions, holding responses):
 * the earliest not yet sent, since their letters go in the order they were asked for; the
 * latest when all have been (a second copy, recorded as an event, changing no date).
 */
function oldestUnsent<T extends { sent?: Sent | null }>(steps: T[]): T | undefined {
  return steps.find((s) => s.sent === null) ?? steps.at(-1);
}
