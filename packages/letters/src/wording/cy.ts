import type { WordingKey } from "./en.js";

/**
 * Y geiriad Cymraeg: every fixed sentence of ./en.ts in Welsh, key for key, with the same
 * {placeholders} (docs/letters-translation.md). Terms follow Welsh Government and GOV.UK
 * Welsh usage (cwyn, cyfeirnod, cod olrhain, Ombwdsmon, cadarnhau / cadarnhau'n rhannol /
 * heb ei gadarnhau as the Public Services Ombudsman for Wales words its outcomes).
 *
 * Welsh mutates a word after some others ("i Gam 2", "yng Ngham 2"). A stage's name and an
 * Ombudsman's name come from the council's settings, so the sentences that hold them put them
 * where Welsh does not mutate ("sef Cam 2", "i {name}" with a proper name).
 *
 * NEEDS_REVIEW below lists the sentences a Welsh-language officer or translator should confirm
 * before a council sends Welsh letters; the words are Welsh already, never English.
 */
export const cy: Record<WordingKey, string> = {
  "label.our-reference": "Ein cyfeirnod",
  "label.your-reference": "Eich cyfeirnod",
  "label.tracking-code": "Cod olrhain",
  "label.date": "Dyddiad",
  "label.regarding": "Ynghylch:",
  "label.phone": "Ffôn",
  "label.email": "E-bost",
  "label.website": "Gwefan",
  "label.page": "Tudalen {page} o {pages}",
  "closing": "Yn gywir",
  "salutation": "Annwyl {name}",
  "other-formats": "Gallwch ofyn am y llythyr hwn mewn print bras, braille, sain neu iaith arall: ffoniwch {phone} neu anfonwch e-bost at {email}.",
  "other-formats.large-print": "Gallwch hefyd ofyn am y llythyr hwn mewn braille, sain neu iaith arall: ffoniwch {phone} neu anfonwch e-bost at {email}.",

  "date": "{day} {month} {year}",
  "date.with-weekday": "{weekday} {day} {month} {year}",
  "month.1": "Ionawr",
  "month.2": "Chwefror",
  "month.3": "Mawrth",
  "month.4": "Ebrill",
  "month.5": "Mai",
  "month.6": "Mehefin",
  "month.7": "Gorffennaf",
  "month.8": "Awst",
  "month.9": "Medi",
  "month.10": "Hydref",
  "month.11": "Tachwedd",
  "month.12": "Rhagfyr",
  "weekday.0": "Dydd Sul",
  "weekday.1": "Dydd Llun",
  "weekday.2": "Dydd Mawrth",
  "weekday.3": "Dydd Mercher",
  "weekday.4": "Dydd Iau",
  "weekday.5": "Dydd Gwener",
  "weekday.6": "Dydd Sadwrn",
  "stage.numbered": "Cam {number}",

  "subject.acknowledgement": "Rydym wedi cael eich cwyn",
  "subject.information-request": "Mae angen rhagor o wybodaeth arnom am eich cwyn",
  "subject.holding-response": "Y wybodaeth ddiweddaraf am eich cwyn",
  "subject.extension-notice": "Mae angen rhagor o amser arnom i ymateb i'ch cwyn",
  "subject.stage-response": "Ein hymateb i'ch cwyn",
  "subject.final-response": "Ein hymateb terfynol i'ch cwyn",
  "subject.escalation-acknowledgement": "Rydym wedi cael eich cais i fynd â'ch cwyn ymhellach",
  "subject.referral-back": "Mae eich cwyn yn mynd yn ôl i Gam 1",
  "subject.not-a-complaint": "Eich cysylltiad diweddar â ni",
  "subject.excluded": "Ni allwn ystyried eich cwyn o dan ein trefn gwyno",
  "subject.out-of-time": "Ni allwn ystyried eich cwyn gan ei bod y tu allan i'r terfyn amser",
  "subject.wrongly-addressed": "Mae eich cwyn ar gyfer sefydliad arall",
  "subject.compliment-acknowledgement": "Diolch am eich canmoliaeth",
  "subject.member-enquiry-response": "Eich ymholiad",
  "subject.foi-eir-review-outcome": "Canlyniad ein hadolygiad o'ch cais am wybodaeth",
  "subject.conduct": "Sut rydych yn cysylltu â ni",
  "subject.ombudsman-response": "Penderfyniad yr Ombwdsmon ar eich cwyn",

  "apology.holding": "Mae'n ddrwg gennym nad ydym wedi gallu anfon ein hymateb llawn atoch eto.",
  "received.request": "Cawsom eich cais ar {date}.",
  "received.complaint": "Cawsom eich cwyn ar {date}.",
  "received.message": "Cawsom eich neges ar {date}.",
  "complaint-summary": "Yn ôl ein dealltwriaeth ni, dyma eich cwyn: {description}",
  "complaint-definition": "Dyma sut y gwnaethom ddiffinio eich cwyn: {description}",
  "desired-outcome": "Y canlyniad yr hoffech ei gael: {outcome}",
  "response-due": "Byddwn yn anfon ein hymateb llawn atoch erbyn {date}.",
  "handler.complaint": "Mae {name}, {jobTitle}, yn delio â'ch cwyn.",
  "handler.enquiry": "Mae {name}, {jobTitle}, yn delio â'r ymholiad.",
  "contact.person": "Gallwch gysylltu â {name} ar {phone} neu yn {email}. Nodwch ein cyfeirnod, {reference}.",
  "contact.us": "Gallwch gysylltu â ni ar {phone} neu yn {email}. Nodwch ein cyfeirnod, {reference}.",
  "contact.online": "Gallwch hefyd weld sut mae eich cwyn yn mynd rhagddi ar-lein gyda'n cyfeirnod a'ch cod olrhain.",
  "information.missing": "Mae angen rhagor o wybodaeth arnom gennych: {items}.",
  "information.none": "Nid oes angen rhagor o wybodaeth arnom gennych ar hyn o bryd.",
  "information.requested": "Anfonwch y canlynol atom: {items}.",
  "offer-to-discuss": "Hoffem siarad â chi am sut y byddwn yn ymchwilio i'ch cwyn a faint o amser y mae'n debygol o'i gymryd. Cysylltwch â ni i drefnu amser.",
  "stage.response": "Dyma ein hymateb i'ch cwyn yn y cam hwn, sef {stage}.",
  "stage.final": "Dyma ein hymateb terfynol.",
  "decision.upheld": "Rydym wedi cadarnhau eich cwyn.",
  "decision.partly-upheld": "Rydym wedi cadarnhau eich cwyn yn rhannol.",
  "decision.not-upheld": "Nid ydym wedi cadarnhau eich cwyn.",
  "remedy.amount": "{remedy} ({amount})",
  "remedy.by": "{remedy}, erbyn {date}",
  "remedy.none-not-upheld": "Gan na wnaethom ganfod ein bod ar fai, nid ydym yn cynnig unrhyw beth i unioni pethau.",
  "outstanding.list": "Pethau sydd i'w gwneud o hyd: {items}.",
  "outstanding.item-by": "{item} (erbyn {date})",
  "outstanding.item-from-stage": "{item} (o'n hymateb blaenorol, sef {stage})",
  "outstanding.item-from-stage-by": "{item} (o'n hymateb blaenorol, sef {stage}, erbyn {date})",
  "outstanding.none": "Nid oes unrhyw beth arall i'w wneud.",
  "outstanding.ombudsman-done": "Mae popeth y gofynnodd yr Ombwdsmon amdano wedi'i wneud.",
  "escalation.route": "Os ydych yn anfodlon â'r ymateb hwn, gallwch ofyn i ni edrych ar eich cwyn eto yn y cam nesaf, sef {stage}.",
  "escalation.by": "Rhowch wybod i ni erbyn {date}.",
  "escalation.soon": "Rhowch wybod i ni cyn gynted ag y gallwch.",
  "escalation.how": "Gallwch ein ffonio, anfon e-bost atom neu ysgrifennu atom, ac nid oes rhaid i chi roi rhesymau.",
  "escalation.online": "Gallwch hefyd ofyn ar-lein yn {address}, gyda'n cyfeirnod a'r cod olrhain o'n llythyr cyntaf.",
  "escalation.reasons": "Dywedoch wrthym eich bod yn dal yn anfodlon oherwydd: {reason}",
  "stage-1-offered.remedies": "Yn y cam blaenorol, sef {stage}, fe wnaethom gynnig: {items}.",
  "stage-1-offered.none": "Yn y cam blaenorol, sef {stage}, ni wnaethom gynnig unrhyw beth i unioni pethau.",
  "new-due-date": "Byddwn nawr yn anfon ein hymateb llawn atoch erbyn {date}.",
  "wrongly-addressed.reason": "{body} sy'n gyfrifol am hyn, nid y cyngor.",
  "wrongly-addressed.contact": "Cysylltwch â {body}: {contact}.",
  "compliment.thanks": "Diolch am ddweud wrthym: {description}",
  "enquiry.asked": "Gofynnoch i ni: {description}",

  "ombudsman.final": "Os ydych yn dal yn anfodlon, gallwch ofyn i {name} edrych ar eich cwyn. Mae'r gwasanaeth yn rhad ac am ddim ac yn annibynnol.",
  "ombudsman.decision": "Os nad ydych yn cytuno â'n penderfyniad, gallwch ofyn i {name} edrych arno. Mae'r gwasanaeth yn rhad ac am ddim ac yn annibynnol.",
  "ombudsman.extension": "Rydym yn dal i ymchwilio i'ch cwyn. Os nad ydych yn cytuno bod angen yr amser ychwanegol hwn arnom, gallwch gysylltu â {name}. Mae'r gwasanaeth yn rhad ac am ddim ac yn annibynnol.",
  "ombudsman.delay": "Rydym yn dal i ymchwilio i'ch cwyn. Os ydych yn anfodlon â'r oedi, gallwch gysylltu â {name}. Mae'r gwasanaeth yn rhad ac am ddim ac yn annibynnol.",
  "ombudsman.contact": "I gysylltu â nhw, {ways}.",
  "ombudsman.visit": "ewch i {website}",
  "ombudsman.call": "ffoniwch {phone}",
  "ombudsman.write": "ysgrifennwch at {address}",
  "ombudsman.or": ", neu ",
  "ombudsman.by": "Dylech gysylltu â nhw erbyn {date}.",

  "email.subject": "{subject} ({reference})",
  "email.greeting": "Annwyl {name},",
  "email.letter-attached": "Mae ein llythyr am eich cwyn wedi'i atodi. Ein cyfeirnod yw {reference}.",
  "email.reply": "Os oes gennych unrhyw gwestiynau, atebwch yr e-bost hwn neu ffoniwch ni ar {phone}. Nodwch ein cyfeirnod, {reference}.",
  "email.other-formats": "Os hoffech gael y llythyr hwn mewn print bras, braille, sain neu iaith arall, atebwch yr e-bost hwn neu ffoniwch ni ar {phone}.",
  "email.closing": "Yn gywir,",
  "email.sender": "{council}",
};

/**
 * Sentences to confirm with a Welsh-language officer or translator, and why. Each is written
 * in Welsh; the doubt is about style or a council's own terms, not meaning.
 */
export const NEEDS_REVIEW: Partial<Record<WordingKey, string>> = {
  salutation: "A name after 'Annwyl' is left unmutated; confirm the council's house style.",
  "contact.person": "'â' before a name that starts with a vowel reads 'ag' in careful Welsh; the name comes from the case.",
  "remedy.none-not-upheld": "'unioni pethau' for 'a remedy'; confirm the council's term (iawndal is only money).",
  "stage-1-offered.none": "'unioni pethau' for 'a remedy', as above.",
  "decision.partly-upheld": "Outcome words follow the Public Services Ombudsman for Wales; confirm the council's own.",
  "subject.holding-response": "Confirm 'Y wybodaeth ddiweddaraf' against the council's usage ('Diweddariad').",
  "wrongly-addressed.reason": "The body's name comes from the case (often in English).",
};
