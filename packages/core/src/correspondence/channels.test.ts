import { describe, expect, it } from "vitest";
import { correspondenceChannels, isUkMobile, type ContactParty } from "./channels.js";

const ann: ContactParty = {
  party: "customer",
  name: "Ann Smith",
  channel: null,
  email: "ann@example.com",
  phone: null,
  address: "1 High Street\nExampleton",
  postcode: "EX1 1AA",
  smsConsent: false,
};

describe("answering in the way the complaint came (Leeds policy para 14; docs/rules.md §8)", () => {
  it("answers an email complaint by email", () => {
    expect(correspondenceChannels(ann, { channel: "email" })).toEqual({
      channels: ["email"],
      sms: false,
      reasons: ["By email: the complaint came by email"],
      adjustments: [],
      problem: null,
    });
  });

  it("answers a web-form complaint with an email address by email", () => {
    expect(correspondenceChannels(ann, { channel: "web" }).reasons).toEqual(["By email: the complaint came through the online form"]);
  });

  it("answers a letter or a phone call by post, although an email address is on file", () => {
    expect(correspondenceChannels(ann, { channel: "post" })).toMatchObject({ channels: ["post"], reasons: ["By post: the complaint came by letter"] });
    expect(correspondenceChannels(ann, { channel: "phone" })).toMatchObject({ channels: ["post"], reasons: ["By post: the complaint came by phone"] });
  });

  it("follows what the person asked for over how the complaint came ('unless the customer has requested otherwise')", () => {
    expect(correspondenceChannels({ ...ann, channel: "email" }, { channel: "phone" })).toMatchObject({ channels: ["email"], reasons: ["By email: they asked for email"] });
    expect(correspondenceChannels({ ...ann, channel: "post" }, { channel: "email" })).toMatchObject({ channels: ["post"], reasons: ["By post: they asked for post"] });
    expect(correspondenceChannels({ ...ann, channel: "both" }, { channel: "web" })).toMatchObject({ channels: ["email", "post"], reasons: ["By email and post: they asked for both"] });
  });
});

describe("a channel that cannot be used falls back to the other, saying why", () => {
  it("writes by post to a web complainant with no email address", () => {
    expect(correspondenceChannels({ ...ann, email: null }, { channel: "web" }).reasons).toEqual(["By post: the complaint came through the online form, but there is no email address"]);
  });

  it("emails a phone complainant with no postal address", () => {
    expect(correspondenceChannels({ ...ann, address: null }, { channel: "phone" })).toMatchObject({ channels: ["email"], reasons: ["By email: the complaint came by phone, but there is no postal address"] });
  });

  it("needs a postcode as well as address lines to post a letter", () => {
    expect(correspondenceChannels({ ...ann, email: null, postcode: "" }, { channel: "post" })).toMatchObject({ channels: [], problem: "We cannot write to Ann Smith: there is no email address and no full postal address. Ask them how they want us to contact them." });
  });

  it("keeps the half of 'both' that works", () => {
    expect(correspondenceChannels({ ...ann, channel: "both", email: null }, { channel: "web" })).toMatchObject({ channels: ["post"], reasons: ["By post: they asked for both, but there is no email address"] });
  });

  it("writes by post when the council sends no email", () => {
    expect(correspondenceChannels(ann, { channel: "email" }, { email: false, sms: false })).toMatchObject({ channels: ["post"], reasons: ["By post: the complaint came by email, but the council does not send email"] });
  });
});

describe("representatives", () => {
  it("are answered the way their contact came, in their own words", () => {
    const mp: ContactParty = { ...ann, party: "representative", name: "Jo Member MP", channel: "email" };
    expect(correspondenceChannels(mp, { channel: "member-portal" }).reasons).toEqual(["By email: the representative asked for email"]);
    expect(correspondenceChannels({ ...mp, channel: null }, { channel: "member-portal" }).reasons).toEqual(["By email: the complaint came through the member portal"]);
  });
});

describe("text messages and adjustments", () => {
  it("adds text messages only with consent and a UK mobile number", () => {
    expect(correspondenceChannels({ ...ann, smsConsent: true, phone: "07700 900123" }, { channel: "web" })).toMatchObject({ sms: true, reasons: ["By email: the complaint came through the online form", "Text messages: they agreed to text updates"] });
    expect(correspondenceChannels({ ...ann, smsConsent: false, phone: "07700 900123" }, { channel: "web" }).sms).toBe(false);
    expect(correspondenceChannels({ ...ann, smsConsent: true, phone: "0113 496 0000" }, { channel: "web" })).toMatchObject({ sms: false, reasons: ["By email: the complaint came through the online form", "No text messages: the number is not a UK mobile"] });
    expect(correspondenceChannels({ ...ann, smsConsent: true, phone: "07700 900123" }, { channel: "web" }, { email: true, sms: false }).sms).toBe(false);
  });

  it("recognises UK mobiles written every usual way", () => {
    for (const n of ["07700900123", "07700 900 123", "+44 7700 900123", "0044 7700 900123", "(07700) 900-123"]) expect(isUkMobile(n), n).toBe(true);
    for (const n of ["0113 496 0000", "7700900123", "+33 6 12 34 56 78", "", null]) expect(isUkMobile(n), String(n)).toBe(false);
  });

  it("notes large print and the person's reasonable adjustments (Leeds policy para 10)", () => {
    expect(correspondenceChannels({ ...ann, largePrint: true, reasonableAdjustments: " Please phone before visiting " }, { channel: "post" }).adjustments).toEqual([
      "large print: letters and their PDFs in large print",
      "reasonable adjustments: Please phone before visiting",
    ]);
  });
});
