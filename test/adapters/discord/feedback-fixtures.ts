import type { FeedbackInput, FeedbackSink } from '../../../src/chat/adapter.js';

/** A FeedbackSink that keeps what it is told, stores each eventKey once and can be told to fail. */
export function recordingSink(): FeedbackSink & { inputs: FeedbackInput[]; failNext: boolean } {
  const seen = new Set<string>();
  const sink = {
    inputs: [] as FeedbackInput[],
    failNext: false,
    async record(input: FeedbackInput): Promise<'stored' | 'duplicate' | 'ignored'> {
      if (sink.failNext) {
        sink.failNext = false;
        throw new Error('sink down');
      }
      sink.inputs.push(input);
      const k = `${input.eventKey}:${String(input.removed)}`;
      if (seen.has(k)) return 'duplicate';
      seen.add(k);
      return 'stored';
    },
  };
  return sink;
}
