import { z } from 'zod';

/**
 * Hugging Face's own hosts: the site and its CDNs (cdn-uploads, cdn-thumbnails, …).
 * A figure is shown inline by the chat apps, so a URL elsewhere would let a
 * paper's submitter make every reader's client fetch from a host of their choice.
 */
const HF_HOSTS = ['huggingface.co', 'hf.co'];

function onHfHost(host: string): boolean {
  const h = host.toLowerCase();
  return HF_HOSTS.some((root) => h === root || h.endsWith(`.${root}`));
}

/** An https: URL on a Hugging Face host, as URL.href; null for anything else. */
export function hfImageUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw.trim()) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return null;
  return onHfHost(url.hostname) ? url.href : null;
}

/** `paper.mediaUrls`: the submitter's figures, kept only where hfImageUrl accepts them. */
export const hfMediaSchema = z
  .array(z.unknown())
  .nullish()
  .transform((urls) => (urls ?? []).map(hfImageUrl).filter((u): u is string => u !== null));

/** The item's social `thumbnail`, kept only where hfImageUrl accepts it. */
export const hfThumbnailSchema = z.unknown().optional().transform(hfImageUrl);

/** The picture a post shows: the first figure, else the thumbnail. */
export function paperImage(media: readonly string[], thumbnail: string | null): string | null {
  return media[0] ?? thumbnail;
}
