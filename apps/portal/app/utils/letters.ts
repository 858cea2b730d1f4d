/**
 * Words for letters, files and Ombudsman enquiries as staff read them on the pages. The API
 * decides everything; these only say it plainly.
 */

/** Each body section of a letter, as an officer would name it. */
export const ELEMENT_LABELS: Record<string, string> = {
  apology: "Apology",
  "date-received": "When we received the complaint",
  "complaint-summary": "What the complaint is about",
  "complaint-definition": "The complaint as agreed with the customer",
  "desired-outcome": "What the customer wants us to do",
  "response-due-date": "When we will reply",
  handler: "Who is dealing with it",
  "contact-details": "How to contact us",
  "missing-information": "Information we still need",
  "information-requested": "What we are asking for",
  "consequences-of-no-reply": "What happens if we hear nothing",
  "offer-to-discuss": "Offer to talk it through",
  advocacy: "Help from an advocate",
  stage: "Which stage this is",
  investigation: "What we looked at",
  decision: "Our decision",
  reasons: "Why we decided this",
  remedies: "What we will do to put things right",
  "outstanding-actions": "What is still to be done, and when",
  "escalation-route": "How to take it further",
  "escalation-reasons": "Why the customer wants it looked at again",
  "stage-1-resolution-offered": "What we offered at Stage 1",
  "ombudsman-details": "The Ombudsman",
  "extension-reasons": "Why we need more time",
  "delay-reasons": "Why it is taking longer",
  "new-due-date": "The new date",
  "next-steps": "What happens next",
  "alternative-route": "Where else to go",
  "discretion-considered": "Whether we could look at it anyway",
  "correct-organisation": "Who to contact instead",
  "compliment-summary": "The compliment",
  "passed-to": "Who we passed it on to",
  "enquiry-summary": "The enquiry",
  "enquiry-response": "Our answer",
  "behaviour-concerns": "The behaviour we are concerned about",
  "expected-behaviour": "What we expect",
  "warning-period": "How long the warning lasts",
  "right-to-comment": "The right to comment",
  restrictions: "The restrictions",
  "restriction-duration": "How long they last",
  "review-date": "When we will review them",
  "review-outcome": "The outcome of the review",
  "ombudsman-decision": "The Ombudsman's decision",
};

export function elementLabel(element: string): string {
  return ELEMENT_LABELS[element] ?? element.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
}

/** The form field a missing letter element is corrected in. */
export function fieldOfElement(element: string): string {
  if (element === "recipient-address") return "customerAddress";
  if (element === "representative-address") return "representativeAddress";
  if (element === "recipient") return "_form";
  return `section-${element}`;
}

export const POSTING_LABELS: Record<string, string> = {
  waiting: "Waiting for the post",
  "in-batch": "Being printed",
  posted: "Posted",
};

export const BATCH_STATUS_LABELS: Record<string, string> = {
  printing: "Printed, not yet posted",
  posted: "Posted",
  cancelled: "Cancelled",
};

/** "20 MB", "640 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** "PDF, JPG or PNG" */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/**
 * What to tell someone whose file was refused (GOV.UK file upload pattern). Only the reason's
 * code comes back in the page's address, so the words are always ours.
 */
export function attachmentErrorMessage(reason: string, limits: { maxSize: string; typeNames: readonly string[] }): string {
  switch (reason) {
    case "no-file":
      return "Select a file";
    case "too-large":
      return `The selected file must be smaller than ${limits.maxSize}`;
    case "type-not-allowed":
      return `The selected file must be a ${orList(limits.typeNames)}`;
    case "content-does-not-match-type":
      return "The selected file is not the type its name says: save it again as a PDF, picture or document and try again";
    case "empty":
      return "The selected file is empty";
    case "bad-file-name":
      return "The selected file's name must be 255 characters or fewer, without slashes, control characters or hidden direction marks: rename the file and try again";
    case "description-too-long":
      return "The description must be 500 characters or fewer";
    case "form-expired":
      return "The form had expired: select the file again and add it";
    case "no_access":
      return "Your role cannot add files to this case";
    default:
      return "The selected file could not be added: try again";
  }
}
