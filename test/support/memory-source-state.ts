import type { SourceName } from '../../src/papers/paper.js';
import type { SourceState, SourceStateStore } from '../../src/store/types.js';

/** SourceStateStore in a Map, so source tests need no database. */
export function memorySourceState(initial: Partial<Record<SourceName, string>> = {}): SourceStateStore & { states: Map<SourceName, SourceState> } {
  const states = new Map<SourceName, SourceState>();
  const blank = (source: SourceName): SourceState => ({ source, lastSuccessDay: null, lastSuccessAt: null, lastError: null, lastErrorAt: null });
  for (const [source, day] of Object.entries(initial) as [SourceName, string][]) {
    states.set(source, { ...blank(source), lastSuccessDay: day, lastSuccessAt: `${day}T12:00:00.000Z` });
  }
  const get = (source: SourceName): SourceState => states.get(source) ?? blank(source);
  return {
    states,
    get: async (source) => ({ ...get(source) }),
    all: async () => [...states.values()].map((s) => ({ ...s })),
    recordSuccess: async (source, day, at) => {
      states.set(source, { ...get(source), lastSuccessDay: day, lastSuccessAt: at });
    },
    recordFailure: async (source, error, at) => {
      states.set(source, { ...get(source), lastError: error, lastErrorAt: at });
    },
  };
}
