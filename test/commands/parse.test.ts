import { describe, expect, it } from 'vitest';
import { parseCommand, splitWords } from '../../src/commands/parse.js';

describe('parseCommand', () => {
  it.each([
    ['subscribe pruning', 'subscribe', 'pruning'],
    ['subscribe "mixture of experts" -survey', 'subscribe', '"mixture of experts" -survey'],
    ['  SUBSCRIBE   graph  neural   network  ', 'subscribe', 'graph  neural   network'],
    ['/papers list', 'list', ''],
    ['papers preview pruning', 'preview', 'pruning'],
    ['papersx', 'papersx', ''],
    ['', '', ''],
    ['   ', '', ''],
    ['schedule\t09:30\nEurope/Berlin', 'schedule', '09:30\nEurope/Berlin'],
  ])('%j → %s / %j', (input, name, raw) => {
    const parsed = parseCommand(input);
    expect(parsed.name).toBe(name);
    expect(parsed.args.raw).toBe(raw);
  });
});

describe('splitWords', () => {
  it.each([
    ['09:30 Europe/Berlin', ['09:30', 'Europe/Berlin']],
    ['"mixture of experts" -survey', ['mixture of experts', '-survey']],
    ['“curly quotes” too', ['curly quotes', 'too']],
    ['"" empty', ['', 'empty']],
    ['"unclosed quote here', ['unclosed quote here']],
    ['', []],
  ])('%j → %j', (input, words) => {
    expect(splitWords(input)).toEqual(words);
  });
});
