import type { ChannelSettings } from './types.js';

/** A channel nobody configured: learning on, no threshold, default emoji, no recap. Any store implementation starts here. */
export function defaultSettings(channelId: number): ChannelSettings {
  return {
    channelId,
    learn: true,
    threshold: null,
    positiveEmoji: null,
    negativeEmoji: null,
    recapEnabled: false,
    recapWeekday: null,
    recapTime: null,
    lastRecapAt: null,
  };
}
