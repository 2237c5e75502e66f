/** The export API query for everything submitted in `categories` on one UTC day. */
export function arxivQueryUrl(apiUrl: string, categories: readonly string[], day: string, start: number, pageSize: number): string {
  const compact = day.replaceAll('-', '');
  const cats = categories.map((c) => `cat:${c}`).join(' OR ');
  const url = new URL(apiUrl);
  url.search = new URLSearchParams({
    search_query: `(${cats}) AND submittedDate:[${compact}0000 TO ${compact}2359]`,
    sortBy: 'submittedDate',
    // Oldest first: papers submitted while we page land on later pages instead of shifting earlier ones.
    sortOrder: 'ascending',
    start: String(start),
    max_results: String(pageSize),
  }).toString();
  return url.toString();
}
