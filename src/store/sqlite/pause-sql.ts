/** A paused channel's queued deliveries are kept aside, not failed: they come back on resume. */
export const KEEP_ASIDE = `UPDATE deliveries SET status = 'paused' WHERE channel_id = ? AND status IN ('planned', 'attempted')`;
