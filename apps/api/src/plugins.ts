/**
 * The service plugins installed in this deployment: the one list (style.md §4.5). Which
 * directorate or service enables which is data, in the council profile, not code.
 *
 * The six first plugins (housing, foi-eir, adult and children's social care, member
 * enquiries, independent adjudicator) are being written in plugins/*; each is added here
 * when it lands. Until then councils run the core default regime (the 2024 code).
 */
import type { ServicePlugin } from "@complaints/core";

export const installedPlugins: readonly ServicePlugin[] = [];
