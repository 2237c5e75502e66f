import type { Migration } from '../../migration.js';

export const threadsByChannel: Migration = {
  version: 9,
  name: 'threads looked up by channel',
  sql: `
    -- A Slack ts is unique only within its channel: threads are found by
    -- (channel, thread id) or (channel, message id), never by the id alone.
    -- (channel_id, message_id) is already UNIQUE, so its index serves the second.
    DROP INDEX threads_thread;
    DROP INDEX threads_message;
    CREATE INDEX threads_channel_thread ON threads (channel_id, thread_id);
  `,
};
