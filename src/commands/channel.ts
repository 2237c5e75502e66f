import type { ChannelRef } from '../chat/port.js';
import type { Channel } from '../store/types.js';
import type { CommandDeps } from './deps.js';

/** The channel's row, made on first use: commands that change a channel call this. */
export function ensureChannel(deps: CommandDeps, ref: ChannelRef): Promise<Channel> {
  return deps.stores.channels.ensure(ref, deps.clock.now().toISOString());
}

/** Reading commands look the channel up without creating a row for it. */
export function findChannel(deps: CommandDeps, ref: ChannelRef): Promise<Channel | null> {
  return deps.stores.channels.find(ref);
}

export function scheduleOf(channel: Channel | null, deps: CommandDeps): { time: string; timezone: string; isDefault: boolean } {
  return {
    time: channel?.scheduleTime ?? deps.defaults.scheduleTime,
    timezone: channel?.timezone ?? deps.defaults.timezone,
    isDefault: !channel || (channel.scheduleTime === null && channel.timezone === null),
  };
}
