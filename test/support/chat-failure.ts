import { expect } from 'vitest';
import { ChatError } from '../../src/chat/port.js';

/** The ChatError a send rejects with (and a failed expectation when it does not reject with one). */
export async function chatFailure(p: Promise<unknown>): Promise<ChatError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChatError);
  return err as ChatError;
}
