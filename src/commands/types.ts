import type { ChannelRef } from '../chat/port.js';
import type { Reply } from '../chat/reply.js';

/** Who typed a `/papers …` command, and where. Adapters fill it from their platform's event. */
export interface CommandContext {
  channel: ChannelRef;
  userId: string;
  userName: string | null;
  /**
   * May this user change the channel's rules, schedule and pause state?
   * Slack: everyone in the channel. Discord: the configured permission, checked
   * from the interaction's member permissions.
   */
  canManage: boolean;
  /**
   * Who may manage here, in words, for the refusal ("members of this
   * workspace (guests cannot)"); without it the refusal says "people who
   * manage this channel".
   */
  managers?: string;
  /**
   * Set when the command comes from inside a paper's thread (Slack thread_ts,
   * Discord thread channel id): thread subcommands (`abstract`, `why`, …) answer
   * about that thread's paper.
   */
  threadId: string | null;
}

/** The one parser and handler for `/papers <subcommand>` that every adapter calls. */
export interface CommandHandler {
  /** `text` is what follows `/papers` ("subscribe pruning"); never throws for bad input. */
  handle(ctx: CommandContext, text: string): Promise<Reply>;
}
