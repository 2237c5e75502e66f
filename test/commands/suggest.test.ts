import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/commands/suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['subscibe', 'subscribe', 1],
    ['subcsribe', 'subscribe', 1],
    ['kitten', 'sitting', 3],
    ['list', 'list', 0],
  ])('%s ↔ %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closest', () => {
  const names = ['subscribe', 'unsubscribe', 'list', 'preview', 'digest', 'more', 'schedule', 'pause', 'resume', 'help', 'why'];
  it.each([
    ['subscibe', 'subscribe'],
    ['Subscirbe', 'subscribe'],
    ['unsubscrib', 'unsubscribe'],
    ['lst', 'list'],
    ['previwe', 'preview'],
    ['shedule', 'schedule'],
    ['pasue', 'pause'],
    ['banana', null],
    ['zzzzzzzzzzzzzz', null],
  ])('%s → %s', (input, want) => {
    expect(closest(input, names)).toBe(want);
  });
});
