/**
 * The service plugins installed in this deployment: the list the API uses (docs/design.md §2). Which
 * directorate or service enables which is data, in the council profile, not code; a profile
 * that enables a plugin not listed here stops start-up with a message naming it.
 */
import type { ServicePlugin } from "@complaints/core";
import { adultSocialCareServicePlugin } from "@complaints/plugin-adult-social-care";
import { childrenSocialCareServicePlugin } from "@complaints/plugin-children-social-care";
import { foiEirServicePlugin } from "@complaints/plugin-foi-eir";
import { housingServicePlugin } from "@complaints/plugin-housing";
import { independentAdjudicatorServicePlugin } from "@complaints/plugin-independent-adjudicator";
import { memberEnquiriesServicePlugin } from "@complaints/plugin-member-enquiries";

export const installedPlugins: readonly ServicePlugin[] = Object.freeze([
  housingServicePlugin,
  foiEirServicePlugin,
  adultSocialCareServicePlugin,
  childrenSocialCareServicePlugin,
  memberEnquiriesServicePlugin,
  independentAdjudicatorServicePlugin,
]);
