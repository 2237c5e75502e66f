/** Longer than any real paper, code or project link; a longer "URL" is padding or an attack. */
export const MAX_URL_LENGTH = 2000;

/**
 * `raw` as an http(s) URL in the form the WHATWG parser writes it, or null.
 * Links come from sources as free text, and chat markup turns text such as
 * `!channel` or `@U0123` into pings: only what parses with `URL` as http or
 * https, names a host, carries no credentials and fits in MAX_URL_LENGTH
 * characters is kept. The parser percent-encodes `<`, `>`, `"` and spaces.
 */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!text || text.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url.href.length <= MAX_URL_LENGTH ? url.href : null;
}
