import type Database from 'better-sqlite3';
import type { FeedbackEvent } from '../../learn/feedback.js';
import { type FeedbackRow, toFeedbackEvent } from '../rows/feedback.js';
import type { FeedbackStore, FeedbackWrite } from '../types.js';

export function createFeedbackStore(db: Database.Database): FeedbackStore {
  const insert = db.prepare(
    `INSERT INTO feedback_events (event_key, channel_id, paper_id, user_id, kind, emoji, removed, at)
     VALUES (@eventKey, @channelId, @paperId, @userId, @kind, @emoji, @removed, @at)
     ON CONFLICT (event_key) DO NOTHING`,
  );
  // Only a newer word flips a key: a redelivered old "added" must not undo a later removal.
  const flip = db.prepare('UPDATE feedback_events SET removed = @removed, at = @at WHERE event_key = @eventKey AND removed <> @removed AND at <= @at');
  const since = db.prepare<[number, string], FeedbackRow>('SELECT * FROM feedback_events WHERE channel_id = ? AND at >= ? ORDER BY at, id');

  const record = db.transaction((e: FeedbackEvent): FeedbackWrite => {
    const row = { ...e, removed: e.removed ? 1 : 0 };
    if (insert.run(row).changes === 1) return 'stored';
    return flip.run({ eventKey: e.eventKey, removed: row.removed, at: e.at }).changes === 1 ? 'stored' : 'duplicate';
  });

  return {
    async record(e) {
      return record.immediate(e);
    },
    async forChannel(channelId, opts = {}) {
      return since.all(channelId, opts.since ?? '').map(toFeedbackEvent);
    },
  };
}
