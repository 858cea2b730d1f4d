/**
 * Every fixed sentence, heading and label of the letters and of the emails sent with them, in
 * English. A translator edits ./cy.ts beside it: the same keys, the same {placeholders}
 * (docs/letters-translation.md; checked by `pnpm --filter @complaints/letters exec vitest run
 * src/wording`). Words in {braces} are filled in from the case; everything else prints as
 * written. Officers' own words (reasons, remedies, what was found) are not here: they print as
 * the officer wrote them.
 */
export const en = {
  // The renderer's labels (first page, footer, sign-off).
  "label.our-reference": "Our reference",
  "label.your-reference": "Your reference",
  "label.tracking-code": "Tracking code",
  "label.date": "Date",
  "label.regarding": "Re:",
  "label.phone": "Phone",
  "label.email": "Email",
  "label.website": "Website",
  "label.page": "Page {page} of {pages}",
  "closing": "Yours sincerely",
  "salutation": "Dear {name}",
  // How to get the letter in another format, printed at the foot of every page. An English
  // standard-print letter prints the council's own sentence (its profile) instead.
  "other-formats": "You can ask for this letter in large print, braille, audio or another language: call {phone} or email {email}.",
  "other-formats.large-print": "You can also ask for this letter in braille, audio or another language: call {phone} or email {email}.",
  // Printed beside it by a council that offers Welsh (Welsh Language Standards: a council says
  // in its correspondence that it welcomes correspondence in Welsh and that it causes no delay).
  "welsh-welcome": "We welcome correspondence in Welsh. We will reply in Welsh, and writing to us in Welsh will not delay our reply.",

  // Dates: "23 November 2026", "Monday 23 November 2026".
  "date": "{day} {month} {year}",
  "date.with-weekday": "{weekday} {day} {month} {year}",
  "month.1": "January",
  "month.2": "February",
  "month.3": "March",
  "month.4": "April",
  "month.5": "May",
  "month.6": "June",
  "month.7": "July",
  "month.8": "August",
  "month.9": "September",
  "month.10": "October",
  "month.11": "November",
  "month.12": "December",
  "weekday.0": "Sunday",
  "weekday.1": "Monday",
  "weekday.2": "Tuesday",
  "weekday.3": "Wednesday",
  "weekday.4": "Thursday",
  "weekday.5": "Friday",
  "weekday.6": "Saturday",
  // A stage the rules call "Stage 2".
  "stage.numbered": "Stage {number}",

  // The subject line of each kind of letter.
  "subject.acknowledgement": "We have received your complaint",
  "subject.information-request": "We need some more information about your complaint",
  "subject.holding-response": "An update on your complaint",
  "subject.extension-notice": "We need more time to respond to your complaint",
  "subject.stage-response": "Our response to your complaint",
  "subject.final-response": "Our final response to your complaint",
  "subject.escalation-acknowledgement": "We have received your request to take your complaint further",
  "subject.referral-back": "Your complaint is going back to Stage 1",
  "subject.not-a-complaint": "Your recent contact with us",
  "subject.excluded": "We cannot consider your complaint under our complaints procedure",
  "subject.out-of-time": "We cannot consider your complaint because it is out of time",
  "subject.wrongly-addressed": "Your complaint is for another organisation",
  "subject.compliment-acknowledgement": "Thank you for your compliment",
  "subject.member-enquiry-response": "Your enquiry",
  "subject.foi-eir-review-outcome": "The outcome of our review of your information request",
  "subject.conduct": "How you contact us",
  "subject.ombudsman-response": "The Ombudsman's decision on your complaint",

  // The body, section by section.
  "apology.holding": "We are sorry that we have not yet been able to send you our full response.",
  "received.request": "We received your request on {date}.",
  "received.complaint": "We received your complaint on {date}.",
  "received.message": "We received your message on {date}.",
  "complaint-summary": "As we understand it, your complaint is: {description}",
  "complaint-definition": "We defined your complaint as: {description}",
  "desired-outcome": "You would like: {outcome}",
  "response-due": "We will send you our full response by {date}.",
  "handler.complaint": "{name}, {jobTitle}, is dealing with your complaint.",
  "handler.enquiry": "{name}, {jobTitle}, is dealing with the enquiry.",
  "contact.person": "You can contact {name} on {phone} or at {email}. Please quote our reference, {reference}.",
  "contact.us": "You can contact us on {phone} or at {email}. Please quote our reference, {reference}.",
  "contact.online": "You can also check how your complaint is going online with our reference and your tracking code.",
  "information.missing": "We need some more information from you: {items}.",
  "information.none": "We do not need any more information from you at the moment.",
  "information.requested": "Please send us: {items}.",
  "offer-to-discuss": "We would like to talk with you about how we will look into your complaint and how long it is likely to take. Please contact us to arrange a time.",
  "stage.response": "This is our {stage} response to your complaint.",
  "stage.final": "It is our final response.",
  "decision.upheld": "We have upheld your complaint.",
  "decision.partly-upheld": "We have partly upheld your complaint.",
  "decision.not-upheld": "We have not upheld your complaint.",
  "remedy.amount": "{remedy} ({amount})",
  "remedy.by": "{remedy}, by {date}",
  "remedy.none-not-upheld": "As we did not find that we were at fault, we are not offering a remedy.",
  "outstanding.list": "Still to be done: {items}.",
  "outstanding.item-by": "{item} (by {date})",
  "outstanding.item-from-stage": "{item} (from our {stage} response)",
  "outstanding.item-from-stage-by": "{item} (from our {stage} response, by {date})",
  "outstanding.none": "There is nothing still to be done.",
  "outstanding.ombudsman-done": "Everything the Ombudsman asked for has been done.",
  "escalation.route": "If you are unhappy with this response, you can ask us to look at your complaint again at {stage}.",
  "escalation.by": "Please tell us by {date}.",
  "escalation.soon": "Please tell us as soon as you can.",
  "escalation.how": "You can phone, email or write to us, and you do not have to give reasons.",
  "escalation.online": "You can also ask online at {address}, with our reference and the tracking code from our first letter.",
  "escalation.reasons": "You told us you are still unhappy because: {reason}",
  "stage-1-offered.remedies": "At {stage} we offered: {items}.",
  "stage-1-offered.none": "At {stage} we did not offer a remedy.",
  "new-due-date": "We will now send you our full response by {date}.",
  "wrongly-addressed.reason": "{body} is responsible for this, not the council.",
  "wrongly-addressed.contact": "Please contact {body}: {contact}.",
  "compliment.thanks": "Thank you for telling us: {description}",
  "enquiry.asked": "You asked us: {description}",

  // The Ombudsman: what the letter lets the resident do, then how to reach them.
  "ombudsman.final": "If you are still unhappy, you can ask the {name} to look at your complaint. It is free and independent.",
  "ombudsman.decision": "If you disagree with our decision, you can ask the {name} to look at it. It is free and independent.",
  "ombudsman.extension": "We are still looking into your complaint. If you do not agree that we need this extra time, you can contact the {name}. It is free and independent.",
  "ombudsman.delay": "We are still looking into your complaint. If you are unhappy about the delay, you can contact the {name}. It is free and independent.",
  "ombudsman.contact": "To contact them, {ways}.",
  "ombudsman.visit": "visit {website}",
  "ombudsman.call": "call {phone}",
  "ombudsman.write": "write to {address}",
  "ombudsman.or": ", or ",
  "ombudsman.by": "You should contact them by {date}.",

  // Letters about how a customer contacts us (the persistent-complainant process: Leeds policy
  // paras 54–56; the LGSCO guide to managing unreasonable actions, chapter 6). What the
  // behaviour was and the reasons are the officer's own words.
  "conduct.expected": "We are asking you to: {behaviour}",
  "conduct.warning-period": "Please make this change straight away. We will look at how you have contacted us up to {date} before we decide whether we need to limit how you contact us.",
  "conduct.right-to-comment": "Before we decide anything more, you can tell us what you think about this letter. Please write to us or email {email} by {date}, quoting our reference.",
  "conduct.designation-reasons": "We have decided to limit how you contact us. {reasons}",
  "conduct.restrictions": "From now on: {items}.",
  "conduct.restriction.single-point-of-contact": "please contact only {contact}",
  "conduct.restriction.written-contact-only": "please contact us in writing only, by letter or email",
  "conduct.restriction.written-contact-only-adjusted": "please contact us in writing only, by letter or email; we will still make these adjustments for you: {adjustments}",
  "conduct.restriction.call-limit": "please phone us no more than {calls} times a week",
  "conduct.restriction.no-calls": "please do not phone us",
  "conduct.restriction.premises-limit": "when you visit our offices: {detail}",
  "conduct.restriction.correspondence-filed": "we will read what you send us about {detail}, but we will not reply unless it raises something new",
  "conduct.restriction-duration": "These arrangements last until we review them. They do not stop you making a new complaint about something else: we will still look into it.",
  "conduct.review-date": "We will review these arrangements by {date} and write to you with the outcome.",
  "conduct.review.lift": "We have reviewed the arrangements for how you contact us, and we have ended them. You can contact us in the usual way again.",
  "conduct.review.renew": "We have reviewed the arrangements for how you contact us, and they will continue. We will review them again by {date}.",
  "ombudsman.conduct": "You cannot appeal to the council against these arrangements, but you can ask the {name} to look at them. It is free and independent.",
  "remedy.ombudsman-none": "The Ombudsman did not ask us to do anything more.",

  // The email a letter is sent with (the letter itself is attached).
  "email.subject": "{subject} ({reference})",
  "email.greeting": "Dear {name},",
  "email.letter-attached": "Our letter about your complaint is attached. Our reference is {reference}.",
  "email.reply": "If you have any questions, reply to this email or call us on {phone}. Please quote our reference, {reference}.",
  "email.other-formats": "If you would like this letter in large print, braille, audio or another language, reply to this email or call us on {phone}.",
  "email.closing": "Yours sincerely,",
  "email.sender": "{council}",
} as const;

/** The keys every language's wording has. */
export type WordingKey = keyof typeof en;
