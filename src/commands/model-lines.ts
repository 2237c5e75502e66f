import type { Line } from '../chat/reply.js';
import { formatModelReasons, modelReasons } from '../learn/why.js';
import type { Paper } from '../papers/paper.js';
import type { Channel } from '../store/types.js';
import type { CommandDeps } from './deps.js';

/**
 * The learned model's side of `why`: nothing when learning is off or the
 * channel has no feedback yet; otherwise its reasons, or how far it is from
 * having any say.
 */
export async function modelLines(channel: Channel, paper: Paper, deps: CommandDeps): Promise<Line[]> {
  if (!deps.learning) return [];
  const settings = await deps.stores.settings.get(channel.id);
  if (!settings.learn) return [];
  const trained = await deps.learning.train(channel.id, settings, [paper]);
  if (!trained) return [];
  return formatModelReasons(modelReasons(trained.model, paper)).map((l): Line => [l]);
}
