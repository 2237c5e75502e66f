/** Let timers, I/O and acknowledgements run before the next slice of a long job. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A slice of CPU-bound work longer than this holds up everything else the process does. */
export const SLICE_MS = 5;

/**
 * For a long loop: `due()` is true once SLICE_MS have passed since the last
 * yield (the clock is read every `every` calls, not on each), and `yield()`
 * lets the event loop run and starts a new slice.
 */
export function slicer(every = 512): { due(): boolean; yield(): Promise<void> } {
  let start = performance.now();
  let n = 0;
  return {
    due: () => ++n % every === 0 && performance.now() - start > SLICE_MS,
    async yield() {
      await yieldToLoop();
      start = performance.now();
    },
  };
}
