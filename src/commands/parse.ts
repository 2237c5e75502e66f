import type { CommandArgs } from './command.js';

export interface ParsedCommand {
  /** Lower-cased subcommand; '' when the text was empty. */
  name: string;
  args: CommandArgs;
}

// Slack and phones turn straight quotes into curly ones; the word splitter treats them alike.
const OPEN_QUOTES = new Set(['"', '“', '”', '„']);

/**
 * Split `/papers` text into its subcommand and the rest. The rest is kept
 * exactly as typed (only trimmed) so a rule keeps its quotes and operators;
 * `words` is a quote-aware split for commands that take plain arguments.
 */
export function parseCommand(text: string): ParsedCommand {
  const trimmed = text.trim().replace(/^\/?papers(?:\s+|$)/i, '');
  const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!m) return { name: '', args: { raw: '', words: [] } };
  const raw = (m[2] ?? '').trim();
  return { name: (m[1] ?? '').toLowerCase(), args: { raw, words: splitWords(raw) } };
}

/** Whitespace-separated words; a quoted stretch is one word without its quotes. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inQuote = false;
  let started = false;
  for (const ch of text) {
    if (OPEN_QUOTES.has(ch)) {
      inQuote = !inQuote;
      started = true;
    } else if (!inQuote && /\s/.test(ch)) {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}
