'use strict';
// How long a runtime compaction keeps the stand-in from answering: the longest stretch without an event-loop turn
// while the journal of a store like the bench's is compacted (32 products holding open orders in `reservedFor`, one
// reservation document per order), blocking (`rewrite`, as at start-up) and in the background (as at runtime).
//
//   node eng/mongo-standin/bench/compaction.js [reservations] [open orders per product]   (default 60000 1500)
const { randomUUID } = require('crypto');
const { ObjectId, Decimal128 } = require('bson');
const { open, withStore } = require('../test-support/store');

const RESERVATIONS = Number(process.argv[2] || 60000);
const OPEN = Number(process.argv[3] || 1500);

/** Runs `work` and reports the longest gap between event-loop turns (1 ms probes) until it settles. */
async function longestStall(work) {
  let last = process.hrtime.bigint();
  let longest = 0n;
  const probe = setInterval(() => {
    const now = process.hrtime.bigint();
    if (now - last > longest) longest = now - last;
    last = now;
  }, 1);
  const start = process.hrtime.bigint();
  await work();
  const total = process.hrtime.bigint() - start;
  const now = process.hrtime.bigint();
  if (now - last > longest) longest = now - last;
  clearInterval(probe);
  return { longest: Number(longest) / 1e6, total: Number(total) / 1e6 };
}

withStore(async (dbpath) => {
  const { run, close, committer, store } = open(dbpath);
  const ids = Array.from({ length: 32 }, () => new ObjectId());
  run({
    insert: 'products',
    documents: ids.map((_id) => ({
      _id, name: 'Bench item', price: 9.99, quantity: 1e9, isActive: true, version: 1,
      reservedFor: Array.from({ length: OPEN }, () => randomUUID()),
    })),
  });
  for (let i = 0; i < RESERVATIONS; i += 500) {
    run({
      insert: 'reservations',
      documents: Array.from({ length: 500 }, (_, k) => ({
        _id: randomUUID(), status: 'Reserved', failureReason: null, updatedAt: new Date(), createdAt: new Date(),
        lines: [{ productId: ids[(i + k) % 32].toHexString(), quantity: 1, unitPrice: Decimal128.fromString('9.99') }],
      })),
    });
    await committer.drain();
  }
  const db = store.db('shop');
  const mib = () => (db.journal.size / 1048576).toFixed(1);
  const blocking = await longestStall(async () => db.journal.rewrite(db.snapshot()));
  console.log(`blocking:   longest stall ${blocking.longest.toFixed(0)} ms of ${blocking.total.toFixed(0)} ms (journal ${mib()} MiB)`);
  const background = await longestStall(() => db.journal.compactInBackground([...db.snapshot()]));
  console.log(`background: longest stall ${background.longest.toFixed(0)} ms of ${background.total.toFixed(0)} ms (journal ${mib()} MiB)`);
  await close();
});
