import type { FeedbackInput, FeedbackSink } from '../../../src/chat/adapter.js';

/** A FeedbackSink that keeps what the adapter reported, in order. */
export class RecordingSink implements FeedbackSink {
  readonly inputs: FeedbackInput[] = [];
  fail = false;

  async record(input: FeedbackInput): Promise<'stored' | 'duplicate' | 'ignored'> {
    this.inputs.push(input);
    if (this.fail) throw new Error('the store is down');
    return 'stored';
  }
}
