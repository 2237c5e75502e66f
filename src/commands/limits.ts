/** Long enough for any sensible rule; short enough to show in one line of `list`. */
export const MAX_RULE_LENGTH = 200;
/** A channel with more rules than this is better split into channels. */
export const MAX_RULES_PER_CHANNEL = 50;
export const PREVIEW_DAYS = 7;
export const PREVIEW_SHOWN = 5;
export const SIMILAR_SHOWN = 5;
/** `similar` compares against this many days of stored papers: recent enough to be news, few enough to score per command. */
export const SIMILAR_WINDOW_DAYS = 30;
