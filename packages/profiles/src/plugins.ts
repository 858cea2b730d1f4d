import type { ServicePlugin } from "@complaints/core";
import { adultSocialCareServicePlugin } from "@complaints/plugin-adult-social-care";
import { childrenSocialCareServicePlugin } from "@complaints/plugin-children-social-care";
import { foiEirServicePlugin } from "@complaints/plugin-foi-eir";
import { housingServicePlugin } from "@complaints/plugin-housing";
import { independentAdjudicatorServicePlugin } from "@complaints/plugin-independent-adjudicator";
import { memberEnquiriesServicePlugin } from "@complaints/plugin-member-enquiries";
import { nipsoServicePlugin } from "@complaints/plugin-nipso";
import { psowServicePlugin } from "@complaints/plugin-psow";
import { spsoServicePlugin } from "@complaints/plugin-spso";

/**
 * Every service plugin installed in this build. Which of them a council uses, and where, is
 * profile data (each service's `plugins`), never a code change (docs/design.md §2).
 */
export const installedPlugins: readonly ServicePlugin[] = Object.freeze([
  housingServicePlugin,
  foiEirServicePlugin,
  adultSocialCareServicePlugin,
  childrenSocialCareServicePlugin,
  memberEnquiriesServicePlugin,
  independentAdjudicatorServicePlugin,
  spsoServicePlugin,
  psowServicePlugin,
  nipsoServicePlugin,
]);
