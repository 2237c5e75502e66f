/**
 * The day's Hugging Face list for the scale bench: `perTopic` papers about
 * each of `topics` topics. Channel c's rule is its topic (c mod topics), so
 * every channel matches exactly `perTopic` papers while the list stays a
 * realistic size (600 papers by default, not one set per channel).
 */
export function topicOf(channel: number, topics: number): string {
  return `topic${channel % topics}`;
}

export function dailyList(day: string, topics: number, perTopic: number): unknown[] {
  const items: unknown[] = [];
  for (let t = 0; t < topics; t++) {
    for (let k = 0; k < perTopic; k++) {
      items.push({
        paper: {
          id: `2599.${String(t * perTopic + k).padStart(5, '0')}`,
          title: `Advances in topic${t} number ${k}`,
          summary: `We study topic${t} with a new method and report results on standard benchmarks.`,
          authors: [{ name: 'Ada Fixture' }],
          publishedAt: `${day}T00:00:00.000Z`,
          upvotes: k,
        },
        publishedAt: `${day}T06:00:00.000Z`,
      });
    }
  }
  return items;
}
