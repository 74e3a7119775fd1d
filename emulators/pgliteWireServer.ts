// A PostgreSQL wire-protocol server on loopback backed by an in-memory PGlite: lets the pg and Neon adapters be
// tested for real on a machine with no PostgreSQL server. PGlite is single-connection, so clients are served one
// at a time (use a pool with max 1); a second connection waits until the first closes.
import { createServer, type Server, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

export interface PgliteWireServer {
  /** postgres://postgres@127.0.0.1:{port}/postgres */
  url: string;
  port: number;
  db: PGlite;
  close(): Promise<void>;
}

/** Splits a byte stream into whole protocol messages; the first message of a connection has no type byte. */
function takeMessages(buf: Buffer, started: boolean): { messages: Buffer[]; rest: Buffer } {
  const messages: Buffer[] = [];
  let offset = 0;
  let first = !started;
  for (;;) {
    const head = first ? 0 : 1;
    if (buf.length - offset < head + 4) break;
    const len = buf.readInt32BE(offset + head);
    if (buf.length - offset < head + len) break;
    messages.push(buf.subarray(offset, offset + head + len));
    offset += head + len;
    first = false;
  }
  return { messages, rest: buf.subarray(offset) };
}

const SSL_REQUEST = 80877103;
const TERMINATE = 0x58; // 'X'

export async function startPgliteWireServer(): Promise<PgliteWireServer> {
  const db = await PGlite.create('memory://', { extensions: { pg_trgm } });
  let queue: Promise<void> = Promise.resolve();
  const sockets = new Set<Socket>();

  function serve(socket: Socket): Promise<void> {
    return new Promise<void>((done) => {
      let pending: Buffer = Buffer.alloc(0);
      let started = false;
      let chain = Promise.resolve();
      socket.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        const { messages, rest } = takeMessages(pending, started);
        pending = rest;
        for (const msg of messages) {
          const isStartup = !started;
          started = true;
          chain = chain.then(async () => {
            if (isStartup && msg.length === 8 && msg.readInt32BE(4) === SSL_REQUEST) {
              started = false; // the real startup message follows the refusal
              socket.write('N');
              return;
            }
            if (!isStartup && msg[0] === TERMINATE) {
              socket.end(); // as PostgreSQL does: Terminate closes the connection
              return;
            }
            const out = await db.execProtocolRaw(new Uint8Array(msg));
            if (out.length > 0 && socket.writable) socket.write(Buffer.from(out));
          });
        }
      });
      const end = () => {
        sockets.delete(socket);
        // A client that vanished mid-transaction must not leave it open for the next one, and the next one starts
        // with no prepared statements, as a new PostgreSQL backend would.
        void chain.then(() => db.exec('ROLLBACK').catch(() => undefined)).then(() => db.exec('DEALLOCATE ALL').catch(() => undefined)).finally(done);
      };
      socket.on('close', end);
      socket.on('error', () => socket.destroy());
    });
  }

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.pause();
    queue = queue.then(() => {
      socket.resume();
      return serve(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    db,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
