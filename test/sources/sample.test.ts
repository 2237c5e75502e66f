import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { addDays } from '../../src/util/days.js';
import { packageRoot } from '../../src/sources/package-root.js';
import { createSampleSource, loadSampleItems } from '../../src/sources/sample.js';

const TODAY = '2026-03-12';

describe('bundled sample papers', () => {
  it('finds the package root from a module deep inside it', () => {
    const root = packageRoot(new URL('../../src/sources/sample.ts', import.meta.url).href);
    expect(existsSync(join(root, 'package.json'))).toBe(true);
    expect(existsSync(join(root, 'data/sample/papers.json'))).toBe(true);
  });

  it('holds all 57 seed papers with fixture ids, each valid Daily Papers data', async () => {
    const items = await loadSampleItems();
    expect(items).toHaveLength(57);
    expect(items[0]?.paper.id).toBe('2599.00001');
    expect(items[56]?.paper.id).toBe('2599.00057');
    expect(items[0]?.paper.title).toBe('A Homogeneous Graph Neural Network for Precoding and Power Allocation in Scalable Wireless Networks');
    expect(items[0]?.paper.authors).toHaveLength(6); // "• 6 authors" in the seed
    expect(items.some((i) => i.paper.githubRepo)).toBe(true);
    expect(items.some((i) => i.paper.ai_summary)).toBe(true);
    expect(items.some((i) => !i.paper.ai_summary)).toBe(true);
  });

  it('dates most papers today and a few on each of the six days before', async () => {
    const sample = createSampleSource({ clock: fixedClock(`${TODAY}T08:00:00Z`) });
    const counts: number[] = [];
    const ids = new Set<string>();
    for (let back = 0; back <= 7; back += 1) {
      const day = addDays(TODAY, -back);
      const r = await sample.fetchDay(day);
      counts.push(r.papers.length);
      for (const p of r.papers) {
        expect(p.hfDate).toBe(day);
        ids.add(p.id);
      }
    }
    expect(counts[0]).toBeGreaterThan(counts.slice(1).reduce((a, b) => a + b, 0));
    expect(counts.slice(1, 7).every((c) => c >= 1 && c <= 6)).toBe(true);
    expect(counts[7]).toBe(0);
    expect(ids.size).toBe(57);
  });

  it("moves with the clock: tomorrow, today's papers are yesterday's", async () => {
    const clock = fixedClock(`${TODAY}T08:00:00Z`);
    const sample = createSampleSource({ clock });
    const today = (await sample.fetchDay(TODAY)).papers.map((p) => p.id);
    clock.advance(86_400_000);
    expect((await sample.fetchDay(TODAY)).papers.map((p) => p.id)).not.toEqual(today);
    expect((await sample.fetchDay(addDays(TODAY, 1))).papers.map((p) => p.id)).toEqual(today);
  });

  it('fails loudly on a broken sample file', async () => {
    const sample = createSampleSource({ clock: fixedClock(`${TODAY}T08:00:00Z`), path: join(import.meta.dirname, '../fixtures/hf/2026-03-10.json') });
    await expect(sample.fetchDay(TODAY)).rejects.toMatchObject({ name: 'SourceError', message: expect.stringMatching(/not valid Daily Papers data/) });
  });
});
