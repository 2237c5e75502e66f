import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { PaperView } from '../../src/chat/reply.js';
import { embedLength, LIMITS } from './limits.js';
import { escapeMarkdown, fit, safeUrl } from './text.js';

const BLURPLE = 0x5865f2;

function authorsLine(p: PaperView): string {
  const names = p.authors.map(escapeMarkdown).join(', ');
  return p.moreAuthors > 0 ? `${names} et al. (+${p.moreAuthors})` : names;
}

/** Whole links only: a link cut to fit the field would show as broken markdown, so one that does not fit is left out. */
function linksLine(p: PaperView): string {
  let line = '';
  for (const l of p.links) {
    const url = safeUrl(l.url);
    if (!url) continue;
    const next = `${line ? `${line} · ` : ''}[${escapeMarkdown(l.label)}](${url})`;
    if (next.length <= LIMITS.fieldValue) line = next;
  }
  return line;
}

function field(name: string, value: string, inline = false): APIEmbedField | null {
  const v = value.trim();
  return v ? { name: fit(name, LIMITS.fieldName), value: fit(v, LIMITS.fieldValue), inline } : null;
}

/**
 * One paper as an embed within Discord's limits. The title is plain text
 * (embed titles never ping); everything else is escaped markdown. When the
 * whole embed would pass 6000 characters, the summary gives way first.
 */
export function paperEmbed(p: PaperView): APIEmbed {
  const url = safeUrl(p.url);
  const fields = [
    field('Authors', authorsLine(p)),
    field('Matched rules', p.matchedRules.map(escapeMarkdown).join(', '), true),
    field('Upvotes', p.upvotes === null ? '' : `▲ ${p.upvotes}`, true),
    field('Links', linksLine(p)),
  ].filter((f): f is APIEmbedField => f !== null);
  const embed: APIEmbed = {
    title: fit(p.title || p.id, LIMITS.embedTitle),
    ...(url ? { url } : {}),
    description: fit(escapeMarkdown(p.summary), LIMITS.embedDescription),
    color: BLURPLE,
    fields: fields.slice(0, LIMITS.embedFields),
    footer: { text: fit(`arXiv ${p.id}${p.publishedAt ? ` · ${p.publishedAt.slice(0, 10)}` : ''}`, LIMITS.footer) },
  };
  // The figure (checked at the source: https on Hugging Face's hosts) shows large under the text.
  const image = p.imageUrl ? safeUrl(p.imageUrl) : null;
  if (image) embed.image = { url: image };
  const over = embedLength(embed) - LIMITS.embedTotal;
  if (over > 0) embed.description = fit(embed.description ?? '', Math.max(1, (embed.description?.length ?? 0) - over));
  return embed;
}
