/** The bot's own user ids: a list, or a function when adapters learn them only at start-up. */
export type BotUserIds = readonly string[] | (() => readonly string[]);

/** The ids as they are now; none when not given. */
export function currentBotIds(ids: BotUserIds | undefined): readonly string[] {
  return typeof ids === 'function' ? ids() : (ids ?? []);
}
