'use strict';
// CPU of the stand-in per stock take, by how many open orders the product already holds in `reservedFor`:
// Products' take, `{_id, isActive, quantity ≥ 1, reservedFor ≠ order, price}` → `$inc` and `$push`, run in process
// (no sockets) against 32 products, with a group commit every 16 takes; then the release of the last tenth of those
// orders (`$pull`), as a failed order gives back what it took, with the journal it writes.
//
//   node eng/mongo-standin/bench/stock-take.js [open orders per product, …]   (default 0 300 1000 3000)
const { randomUUID } = require('crypto');
const { ObjectId } = require('bson');
const { open, withStore, cpuPerCommand } = require('../test-support/store');

const PRODUCTS = 32;
const TAKES = 3200;
const RELEASES = 320;
const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [0, 300, 1000, 3000];

withStore(async (dbpath) => {
  const { run, close, committer, store } = open(dbpath);
  const cpuPerUpdate = (count, statement) =>
    cpuPerCommand(committer, count, (i) => run({ update: 'products', updates: [statement(i)] }));
  // The first round only warms up the JIT.
  for (const [round, size] of [[0, sizes[0]], ...sizes.map((s) => [1, s])]) {
    const ids = Array.from({ length: PRODUCTS }, () => new ObjectId());
    run({
      insert: 'products',
      documents: ids.map((_id) => ({
        _id, name: 'Bench item', price: 9.99, quantity: 1e9, isActive: true, version: 1,
        reservedFor: Array.from({ length: size }, () => randomUUID()),
      })),
    });
    await committer.drain();
    const orders = Array.from({ length: TAKES }, () => randomUUID());
    const take = await cpuPerUpdate(TAKES, (i) => ({
      q: { _id: ids[i % PRODUCTS], isActive: true, quantity: { $gte: 1 }, reservedFor: { $ne: orders[i] }, price: 9.99 },
      u: { $inc: { quantity: -1, version: 1 }, $push: { reservedFor: orders[i] } },
    }));
    // A failed order gives back the lines it took, right after taking them: one order in ten in the bench.
    const journal = store.db('shop').journal;
    const bytesBefore = journal.size;
    const release = await cpuPerUpdate(RELEASES, (i) => {
      const taken = TAKES - RELEASES + i;
      return { q: { _id: ids[taken % PRODUCTS], reservedFor: orders[taken] }, u: { $inc: { quantity: 1, version: 1 }, $pull: { reservedFor: orders[taken] } } };
    });
    if (round) {
      console.log(`${size} open orders: ${take.toFixed(3)} ms CPU per take, `
        + `${release.toFixed(3)} ms and ${Math.round((journal.size - bytesBefore) / RELEASES)} journal bytes per release`);
    }
  }
  await close();
});
