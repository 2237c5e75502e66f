/** Let timers, I/O and acknowledgements run before the next slice of a long job. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
