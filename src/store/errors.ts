/** A channel already has as many rules as it may: thrown by RuleStore.add inside the insert's transaction. */
export class RuleLimitError extends Error {
  override name = 'RuleLimitError';
  constructor(readonly count: number) {
    super(`the channel already has ${count} rules`);
  }
}
