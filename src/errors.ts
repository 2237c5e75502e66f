/** Base of every error Paperboy raises on purpose; `code` is stable for callers and logs. */
export class PaperboyError extends Error {
  override readonly name: string = 'PaperboyError';
  constructor(
    readonly code: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

export class ConfigError extends PaperboyError {
  override readonly name = 'ConfigError';
  constructor(message: string) {
    super('config_invalid', message);
  }
}

export class SourceError extends PaperboyError {
  override readonly name = 'SourceError';
  constructor(
    readonly source: string,
    message: string,
    readonly retryable: boolean,
    options: { cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super('source_failed', message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
}
