import { channelsAndRules } from './001-channels-rules.js';
import { papers } from './002-papers.js';
import { deliveriesAndThreads } from './003-deliveries-threads.js';
import { sourceState } from './004-source-state.js';
import { feedbackAndSettings } from './005-feedback-settings.js';
import { imagesAndSaved } from './006-images-saved.js';
import { sourceAttempts } from './007-source-attempts.js';
import { deliveryOutcomes } from './008-delivery-outcomes.js';
import { threadsByChannel } from './009-threads-by-channel.js';
import { installations } from './010-installations.js';
import { channelClaims } from './011-channel-claims.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** In order; a new step is a new module appended here. */
export const MIGRATIONS: readonly Migration[] = [
  channelsAndRules,
  papers,
  deliveriesAndThreads,
  sourceState,
  feedbackAndSettings,
  imagesAndSaved,
  sourceAttempts,
  deliveryOutcomes,
  threadsByChannel,
  installations,
  channelClaims,
];
