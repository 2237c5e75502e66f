import type { SourceName } from '../../src/papers/paper.js';
import { blankSourceState } from '../../src/store/rows/source-state.js';
import type { SourceState, SourceStateStore } from '../../src/store/types.js';

/** SourceStateStore in a Map, so source tests need no database. */
export function memorySourceState(initial: Partial<Record<SourceName, string>> = {}): SourceStateStore & { states: Map<SourceName, SourceState> } {
  const states = new Map<SourceName, SourceState>();
  for (const [source, day] of Object.entries(initial) as [SourceName, string][]) {
    states.set(source, { ...blankSourceState(source), lastSuccessDay: day, lastSuccessAt: `${day}T12:00:00.000Z` });
  }
  const get = (source: SourceName): SourceState => states.get(source) ?? blankSourceState(source);
  return {
    states,
    get: async (source) => ({ ...get(source) }),
    all: async () => [...states.values()].map((s) => ({ ...s })),
    recordAttempt: async (source, at) => {
      states.set(source, { ...get(source), lastAttemptAt: at });
    },
    recordSuccess: async (source, day, at) => {
      states.set(source, { ...get(source), lastSuccessDay: day, lastSuccessAt: at, failures: 0 });
    },
    recordFailure: async (source, error, at, progressDay = null) => {
      const s = get(source);
      states.set(source, { ...s, lastSuccessDay: progressDay ?? s.lastSuccessDay, lastError: error, lastErrorAt: at, failures: s.failures + 1 });
    },
  };
}
