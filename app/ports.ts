import type { ChatPort } from '../src/chat/port.js';
import type { Core } from './core.js';

/**
 * Ports for posting only (no receivers, no HTTP, no gateway), for the one-shot
 * `paperboy digest`. Filled in as each adapter exposes a port factory.
 */
export async function deliveryOnlyPorts(core: Core): Promise<ChatPort[]> {
  void core;
  return [];
}
