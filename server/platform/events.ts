// Live events to browsers over Server-Sent Events, and to modules of the server that react to another
// module's facts. Every instance LISTENs on one channel, so an event published by any instance
// reaches the streams and the listeners of all of them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notify, notifyMany, type DbHandle, type DbOrTrx } from './db';

const CHANNEL = 'patron_events';
const HEARTBEAT_MS = 20_000;

export type EventMessage = { topic: string; event: string; data: unknown; id?: string };

type Stream = { topics: Set<string>; send: (frame: string) => void; end: () => void };

/** One SSE frame; an event for 500 boards is formatted once, not once per board. */
const frameOf = (m: EventMessage) => `${m.id ? `id: ${m.id}\n` : ''}event: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`;

export class EventHub {
  private streams = new Set<Stream>();
  private listeners = new Map<string, Set<(m: EventMessage) => void>>();
  private localOnly = false;

  constructor(private readonly h: DbHandle) {}

  async start(): Promise<void> {
    await this.h.listen(CHANNEL, (payload) => {
      try {
        this.deliver(JSON.parse(payload) as EventMessage);
      } catch {
        /* a malformed payload is not ours */
      }
    });
  }

  /** Publish at commit of `db` when it is a transaction; a rollback publishes nothing. */
  async publish(db: DbOrTrx, m: EventMessage): Promise<void> {
    if (this.localOnly) return this.deliver(m);
    await notify(db, CHANNEL, m);
  }

  /** Several messages in one round trip. */
  async publishMany(db: DbOrTrx, ms: EventMessage[]): Promise<void> {
    if (this.localOnly) {
      for (const m of ms) this.deliver(m);
      return;
    }
    await notifyMany(db, CHANNEL, ms);
  }

  /** A server-side listener of a topic on this instance; returns the function that removes it. */
  on(topic: string, listener: (m: EventMessage) => void): () => void {
    const set = this.listeners.get(topic) ?? new Set();
    set.add(listener);
    this.listeners.set(topic, set);
    return () => set.delete(listener);
  }

  private deliver(m: EventMessage): void {
    for (const l of this.listeners.get(m.topic) ?? []) l(m);
    let frame: string | null = null;
    for (const s of this.streams) if (s.topics.has(m.topic)) s.send((frame ??= frameOf(m)));
  }

  get size(): number {
    return this.streams.size;
  }

  /** Holds the response open as an event stream until the client leaves or the server closes. */
  open(req: FastifyRequest, reply: FastifyReply, topics: string[], first: EventMessage[] = []): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const write = (frame: string) => {
      res.write(frame);
    };
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const stream: Stream = {
      topics: new Set(topics),
      send: write,
      end: () => {
        clearInterval(heartbeat);
        this.streams.delete(stream);
        res.end();
      },
    };
    this.streams.add(stream);
    for (const m of first) write(frameOf(m));
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      this.streams.delete(stream);
    });
  }

  /** On shutdown: end every stream so the server can close; clients reconnect elsewhere. */
  closeAll(): void {
    for (const s of [...this.streams]) s.end();
  }
}
