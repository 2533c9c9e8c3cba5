'use strict';
// CPU of the stand-in per stock take, by how many open orders the product already holds in `reservedFor`:
// Products' take, `{_id, isActive, quantity ≥ 1, reservedFor ≠ order, price}` → `$inc` and `$push`, run in process
// (no sockets) against 32 products, with a group commit every 16 takes; then the release of the last tenth of those
// orders (`$pull`), as a failed order gives back what it took, with the journal it writes.
//
//   node eng/mongo-standin/bench/stock-take.js [open orders per product, …]   (default 0 300 1000 3000)
const { randomUUID } = require('crypto');
const { ObjectId } = require('bson');
const { open, withStore } = require('../test-support/store');

const PRODUCTS = 32;
const TAKES = 3200;
const RELEASES = 320;
const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [0, 300, 1000, 3000];

withStore(async (dbpath) => {
  const { run, close, committer, store } = open(dbpath);
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
    const taken = [];
    const start = process.cpuUsage();
    for (let i = 0; i < TAKES; i++) {
      const order = randomUUID();
      taken.push(order);
      run({
        update: 'products',
        updates: [{
          q: { _id: ids[i % PRODUCTS], isActive: true, quantity: { $gte: 1 }, reservedFor: { $ne: order }, price: 9.99 },
          u: { $inc: { quantity: -1, version: 1 }, $push: { reservedFor: order } },
        }],
      });
      if (i % 16 === 15) await committer.drain();
    }
    await committer.drain();
    const used = process.cpuUsage(start);
    // A failed order gives back the lines it took, right after taking them: one order in ten in the bench.
    const releases = taken.slice(-RELEASES);
    const journal = store.db('shop').journal;
    const [releaseStart, bytesBefore] = [process.cpuUsage(), journal.size];
    for (const [i, order] of releases.entries()) {
      run({
        update: 'products',
        updates: [{ q: { _id: ids[(TAKES - RELEASES + i) % PRODUCTS], reservedFor: order }, u: { $inc: { quantity: 1, version: 1 }, $pull: { reservedFor: order } } }],
      });
      if (i % 16 === 15) await committer.drain();
    }
    await committer.drain();
    const released = process.cpuUsage(releaseStart);
    if (round) {
      console.log(`${size} open orders: ${((used.user + used.system) / 1000 / TAKES).toFixed(3)} ms CPU per take, `
        + `${((released.user + released.system) / 1000 / RELEASES).toFixed(3)} ms and ${Math.round((journal.size - bytesBefore) / RELEASES)} journal bytes per release`);
    }
  }
  await close();
});
