/** "1 paper", "3 papers", "2 people": a count with the noun that agrees with it. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
