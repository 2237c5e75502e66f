import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresCoordination } from '../../../src/store/postgres/coordination.js';
import type { Coordination } from '../../../src/workers/coordination.js';
import { adminQuery, dropSchema, PG_URL, requirePgUrl, schemaUrl, uniqueSchemaName } from '../../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';

const CHILD = join(import.meta.dirname, 'worker-child.ts');

/** A worker in a process of its own; resolves with its id once it has registered. */
function childWorker(url: string, schema: string): { proc: ChildProcess; id: Promise<string>; output: () => string } {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, url, schema], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const id = new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^id (\S+)$/m.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`worker child exited ${code}: ${out}`)));
  });
  return { proc, id, output: () => out };
}

/** A task that signals when it has started (`inside`) and then waits for `release`. */
function gate(): { inside: Promise<void>; entered: () => void; held: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  let entered: () => void = () => undefined;
  const inside = new Promise<void>((r) => (entered = r));
  return { inside, entered: () => entered(), held, release: () => release() };
}

describe.skipIf(!PG_URL)('postgres: workers coordinated by advisory locks', () => {
  let schema = '';
  let other = '';
  const opened: Coordination[] = [];
  const children: ChildProcess[] = [];
  let proxy: TcpProxy | null = null;
  const open = async (s = schema, leadEveryMs = 50, url = schemaUrl(s)) => {
    const c = await openPostgresCoordination(url, { schema: s, leadEveryMs, reconnectMs: 50 });
    opened.push(c);
    return c;
  };
  beforeEach(async () => {
    schema = uniqueSchemaName('coord');
    other = uniqueSchemaName('coord_other');
    await adminQuery(`CREATE SCHEMA ${schema}; CREATE SCHEMA ${other}`);
  });
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await proxy?.close();
    proxy = null;
    await Promise.all(opened.splice(0).map((c) => c.close()));
    await dropSchema(schema);
    await dropSchema(other);
  });

  it('a worker is alive while its session lasts, and gone the moment its process is killed with SIGKILL', async () => {
    const a = await open();
    const child = childWorker(schemaUrl(schema), schema);
    children.push(child.proc);
    const id = await child.id;
    expect(await a.isGone(id)).toBe(false);
    expect(await a.isGone(a.workerId)).toBe(false);
    expect(await a.liveWorkers()).toBe(2);
    child.proc.kill('SIGKILL');
    await expect.poll(() => a.isGone(id), { timeout: 5000, interval: 20 }).toBe(true);
    // Never registered at all: gone too.
    expect(await a.isGone('some-host:1:abcdef')).toBe(true);
    const b = await open();
    const bId = b.workerId;
    await b.close();
    expect(await a.isGone(bId)).toBe(true);
  });

  // /healthz reports "workers": a deployment in another schema of the same database (or another test file running
  // at the same time) is not one of ours, and a killed worker stops counting at once.
  it('liveWorkers counts the workers of this schema only', async () => {
    const [a, b] = [await open(), await open()];
    const [c] = [await open(other), await open(other), await open(other)];
    expect(await a.liveWorkers()).toBe(2);
    expect(await b.liveWorkers()).toBe(2);
    expect(await c?.liveWorkers()).toBe(3);
    const child = childWorker(schemaUrl(schema), schema);
    children.push(child.proc);
    await child.id;
    expect(await a.liveWorkers()).toBe(3);
    child.proc.kill('SIGKILL');
    await expect.poll(() => a.liveWorkers(), { timeout: 5000, interval: 20 }).toBe(2);
    await b.close();
    expect(await a.liveWorkers()).toBe(1);
  });

  it('ifFree: while one worker runs a name the others skip it; the name is per schema', async () => {
    const [a, b, c] = [await open(), await open(), await open(other)];
    const { held, inside, entered, release } = gate();
    const first = a.ifFree('tick:digests', async () => {
      entered();
      await held;
      return 'a';
    });
    await inside;
    expect(await b.ifFree('tick:digests', async () => 'b')).toEqual({ ran: false });
    // This process itself also skips it while it runs.
    expect(await a.ifFree('tick:digests', async () => 'a again')).toEqual({ ran: false });
    expect(await c.ifFree('tick:digests', async () => 'other schema')).toEqual({ ran: true, value: 'other schema' });
    release();
    expect(await first).toEqual({ ran: true, value: 'a' });
    expect(await b.ifFree('tick:digests', async () => 'b')).toEqual({ ran: true, value: 'b' });
  });

  it('exclusive: a second worker waits for the first to finish, then runs', async () => {
    const [a, b] = [await open(), await open()];
    const order: string[] = [];
    const { held, inside, entered, release } = gate();
    const first = a.exclusive('source:hf', async () => {
      entered();
      await held;
      order.push('a');
    });
    await inside;
    const second = b.exclusive('source:hf', async () => {
      order.push('b');
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['a', 'b']);
  });

  it('lead: one worker at a time; when the leader is killed with SIGKILL another takes over, and a stopped leader hands over too', async () => {
    const child = childWorker(schemaUrl(schema), schema);
    children.push(child.proc);
    await child.id;
    await expect.poll(() => child.output(), { timeout: 5000, interval: 20 }).toContain('leading');
    const events: string[] = [];
    const hooks = (name: string) => ({
      gained: async () => void events.push(`${name} gained`),
      lost: async () => void events.push(`${name} lost`),
    });
    const [a, b] = [await open(), await open()];
    const la = await a.lead('gateway', hooks('a'));
    const lb = await b.lead('gateway', hooks('b'));
    expect(la.leading || lb.leading).toBe(false);
    child.proc.kill('SIGKILL');
    await expect.poll(() => events.length, { timeout: 5000, interval: 20 }).toBe(1);
    const [winner] = events;
    const [leader, follower] = winner === 'a gained' ? [la, lb] : [lb, la];
    expect(leader.leading).toBe(true);
    expect(follower.leading).toBe(false);
    await leader.stop();
    await expect.poll(() => follower.leading, { timeout: 5000, interval: 20 }).toBe(true);
    expect(events).toEqual(winner === 'a gained' ? ['a gained', 'a lost', 'b gained'] : ['b gained', 'b lost', 'a gained']);
  });

  it('a leader cut off from the database steps down at once, and another worker leads', async () => {
    const target = new URL(requirePgUrl());
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const via = new URL(schemaUrl(schema));
    via.host = `127.0.0.1:${proxy.port}`;
    const events: string[] = [];
    const hooks = (name: string) => ({
      gained: async () => void events.push(`${name} gained`),
      lost: async () => void events.push(`${name} lost`),
    });
    const a = await open(schema, 50, via.toString());
    const b = await open();
    const la = await a.lead('gateway', hooks('a'));
    const lb = await b.lead('gateway', hooks('b'));
    expect([la.leading, lb.leading]).toEqual([true, false]);
    proxy.cut();
    await expect.poll(() => events, { timeout: 5000, interval: 20 }).toEqual(['a gained', 'a lost', 'b gained']);
    // Back on the database, the old leader sees the lead taken and waits.
    proxy.resume();
    await expect.poll(async () => !(await b.isGone(a.workerId)), { timeout: 5000, interval: 50 }).toBe(true);
    expect(la.leading).toBe(false);
  });
});
