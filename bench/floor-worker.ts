// The inbound worker's floor as a process of its own, for the sustained scenario: FLOOR_LOOPS loops of the floor's
// batch (bench/channelFloors.ts), each polling every 100 ms while the queue is empty, until SIGTERM.
// Usage: DATABASE_URL=... FLOOR_LOOPS=4 tsx bench/floor-worker.ts
import { createPgDb } from '../src/lib/db/pg';
import { floorDrainBatch } from './channelFloors';

const loops = Number(process.env.FLOOR_LOOPS ?? 4);
const db = createPgDb(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', loops + 2);
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

async function loop(k: number): Promise<void> {
  while (!stopping) {
    if ((await floorDrainBatch(db, `floor-worker-${process.pid}-${k}`)) === 0) await new Promise((r) => setTimeout(r, 100));
  }
}

Promise.all(Array.from({ length: loops }, (_, k) => loop(k)))
  .then(() => db.close())
  .then(() => process.exit(0), (err: unknown) => {
    process.stderr.write(`floor worker: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
