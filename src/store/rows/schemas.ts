import { z } from 'zod';
import type { OutboundMessage, Platform } from '../../chat/port.js';
import type { Inline, PaperView } from '../../chat/reply.js';
import type { SourceName } from '../../papers/paper.js';
import type { DeliveryKind, DeliveryStatus } from '../types.js';

/*
 * Everything read back from the database that its column types cannot
 * vouch for (JSON columns, enum-like text) is parsed here. The annotations tie
 * each schema to the contract type, so a contract change fails the build here.
 */

export const inlineSchema: z.ZodType<Inline> = z.union([
  z.string(),
  z.object({ bold: z.string() }),
  z.object({ code: z.string() }),
  z.object({ link: z.object({ url: z.string(), text: z.string() }) }),
]);

export const lineSchema = z.array(inlineSchema);

export const paperViewSchema: z.ZodType<PaperView> = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  authors: z.array(z.string()),
  moreAuthors: z.number().int().nonnegative(),
  summary: z.string(),
  matchedRules: z.array(z.string()),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  upvotes: z.number().nullable(),
  publishedAt: z.string(),
  categories: z.array(z.string()),
  // Deliveries planned before images existed carry none.
  imageUrl: z.string().nullable().default(null),
});

export const outboundMessageSchema: z.ZodType<OutboundMessage> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('header'), count: z.number().int().nonnegative(), rules: z.array(z.string()), date: z.string(), timezone: z.string() }),
  z.object({ kind: z.literal('paper'), paper: paperViewSchema }),
  z.object({ kind: z.literal('more'), remaining: z.number().int().nonnegative() }),
  // Notices planned before recaps had a figure carry none.
  z.object({ kind: z.literal('notice'), lines: z.array(lineSchema), image: z.object({ url: z.string(), alt: z.string() }).optional() }),
]);

export const stringArraySchema = z.array(z.string());

export const sourceNameSchema: z.ZodType<SourceName> = z.enum(['hf', 'arxiv']);
export const sourceListSchema = z.array(sourceNameSchema);

export const platformSchema: z.ZodType<Platform> = z.enum(['slack', 'discord', 'console']);

export const deliveryKindSchema: z.ZodType<DeliveryKind> = z.enum(['header', 'paper', 'more', 'notice']);
export const deliveryStatusSchema: z.ZodType<DeliveryStatus> = z.enum(['planned', 'attempted', 'sent', 'held', 'failed', 'paused']);
