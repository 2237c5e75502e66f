import { describe, expect, it } from 'vitest';
import { canonicalEmoji, DEFAULT_EMOJI, emojiPolarity, labelsFromEvents, type FeedbackEvent } from '../../src/learn/feedback.js';

let tick = 0;
function ev(over: Partial<FeedbackEvent> & Pick<FeedbackEvent, 'paperId' | 'userId'>): FeedbackEvent {
  tick += 1;
  return {
    eventKey: `${over.paperId}:${over.userId}:${over.emoji ?? 'reply'}`,
    channelId: 1,
    kind: 'reaction',
    emoji: '+1',
    removed: false,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, tick)).toISOString(),
    ...over,
  };
}

describe('emoji', () => {
  it('folds Slack names, colons, skin tones and variation selectors', () => {
    expect(canonicalEmoji(':+1::skin-tone-3:')).toBe('+1');
    expect(canonicalEmoji('👍🏽')).toBe('👍');
    expect(canonicalEmoji('⭐️')).toBe('⭐');
    expect(canonicalEmoji(':Thumbsup:')).toBe('thumbsup');
  });

  it('reads the default lists on both platforms and ignores other emoji', () => {
    for (const e of ['👍', '⭐', '🔖', '+1', 'thumbsup', 'star', 'bookmark']) expect(emojiPolarity(e, DEFAULT_EMOJI)).toBe(1);
    for (const e of ['👎', '-1', 'thumbsdown', '👎🏿']) expect(emojiPolarity(e, DEFAULT_EMOJI)).toBe(-1);
    expect(emojiPolarity('eyes', DEFAULT_EMOJI)).toBe(0);
    expect(emojiPolarity('🎉', { positive: ['🎉'], negative: [] })).toBe(1);
  });
});

describe('labelsFromEvents', () => {
  const byId = (events: FeedbackEvent[], posted: string[] = [], opts = {}) =>
    new Map(labelsFromEvents(events, posted, DEFAULT_EMOJI, opts).map((l) => [l.paperId, l]));

  it('a like is a positive, a dislike a negative', () => {
    const m = byId([ev({ paperId: 'a', userId: 'u1' }), ev({ paperId: 'b', userId: 'u1', emoji: '👎' })]);
    expect(m.get('a')).toMatchObject({ label: 1, kind: 'positive', up: 1, weight: 1 });
    expect(m.get('b')).toMatchObject({ label: 0, kind: 'negative', down: 1, weight: 1 });
  });

  it('a removal upserted under the same key cancels the reaction', () => {
    const add = ev({ paperId: 'a', userId: 'u1' });
    const m = byId([add, { ...add, removed: true, at: new Date(Date.parse(add.at) + 1000).toISOString() }], ['a']);
    expect(m.get('a')?.kind).toBe('weak-negative');
  });

  it('a removal sent as its own event cancels the reaction, and a re-add counts again', () => {
    const add = ev({ paperId: 'a', userId: 'u1', emoji: '👍' });
    const rm = ev({ paperId: 'a', userId: 'u1', emoji: '👍', eventKey: 'rm-1', removed: true });
    expect(byId([add, rm]).has('a')).toBe(false);
    const again = ev({ paperId: 'a', userId: 'u1', emoji: '👍', eventKey: 'add-2' });
    expect(byId([add, rm, again]).get('a')?.kind).toBe('positive');
  });

  it('the same event delivered twice counts once', () => {
    const e = ev({ paperId: 'a', userId: 'u1' });
    expect(byId([e, e, { ...e }]).get('a')).toMatchObject({ up: 1, weight: 1 });
  });

  it('one person counts once per paper, whatever the number of positive emoji; two people count twice', () => {
    const one = byId([ev({ paperId: 'a', userId: 'u1', emoji: '+1' }), ev({ paperId: 'a', userId: 'u1', emoji: '⭐' })]);
    expect(one.get('a')).toMatchObject({ up: 1, weight: 1 });
    const two = byId([ev({ paperId: 'a', userId: 'u1' }), ev({ paperId: 'a', userId: 'u2', emoji: 'star' })]);
    expect(two.get('a')).toMatchObject({ up: 2, weight: 2 });
  });

  it("ignores the bot's own reactions and replies", () => {
    const m = byId([ev({ paperId: 'a', userId: 'BOT' }), ev({ paperId: 'b', userId: 'BOT', kind: 'reply', emoji: null })], ['a', 'b'], {
      ignoreUsers: ['BOT'],
    });
    expect(m.get('a')?.kind).toBe('weak-negative');
    expect(m.get('b')?.kind).toBe('weak-negative');
  });

  it('a human reply is a mild positive, and a deleted reply is no longer one', () => {
    const reply = ev({ paperId: 'a', userId: 'u1', kind: 'reply', emoji: null, eventKey: 'msg-1' });
    expect(byId([reply]).get('a')).toMatchObject({ kind: 'positive', replies: 1, weight: 0.5 });
    expect(byId([reply, { ...reply, removed: true, at: '2030-01-01T00:00:00.000Z' }], ['a']).get('a')?.kind).toBe('weak-negative');
  });

  it("a reply does not add to the same person's reaction", () => {
    const m = byId([ev({ paperId: 'a', userId: 'u1', emoji: '👎' }), ev({ paperId: 'a', userId: 'u1', kind: 'reply', emoji: null, eventKey: 'm' })]);
    expect(m.get('a')).toMatchObject({ kind: 'negative', weight: 1, replies: 0 });
  });

  it('posted papers nobody touched are weak negatives, in posting order; split votes give no label', () => {
    const labels = labelsFromEvents(
      [ev({ paperId: 'b', userId: 'u1' }), ev({ paperId: 'c', userId: 'u1' }), ev({ paperId: 'c', userId: 'u2', emoji: '-1' })],
      ['a', 'b', 'c', 'd'],
      DEFAULT_EMOJI,
    );
    expect(labels.map((l) => [l.paperId, l.kind, l.weight])).toEqual([
      ['a', 'weak-negative', 0.1],
      ['b', 'positive', 1],
      ['d', 'weak-negative', 0.1],
    ]);
  });

  it('an emoji outside both lists is no engagement', () => {
    expect(byId([ev({ paperId: 'a', userId: 'u1', emoji: 'eyes' })], ['a']).get('a')?.kind).toBe('weak-negative');
  });
});
