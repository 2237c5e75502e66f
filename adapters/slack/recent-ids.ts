/**
 * Slack redelivers an event it thinks we missed (x-slack-retry-num over HTTP,
 * retry_attempt over Socket Mode) with the same event_id: remember the last
 * `max` ids so a redelivery is handled once.
 */
export function recentIds(max: number): (id: string | undefined) => boolean {
  const seen = new Set<string>();
  return (id) => {
    if (!id) return false;
    if (seen.has(id)) return true;
    seen.add(id);
    if (seen.size > max) seen.delete(seen.values().next().value ?? '');
    return false;
  };
}
