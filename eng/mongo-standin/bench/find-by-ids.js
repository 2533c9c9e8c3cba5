'use strict';
// Time of one `find` by `_id: {$in: [...]}` over every document of a collection, by its size: how the bench's
// invariant check reads every order's reservation after a run (about 80,000 of them), run in process.
//
//   node eng/mongo-standin/bench/find-by-ids.js [documents, …]   (default 1000 10000 80000)
const { randomUUID } = require('crypto');
const { open, withStore } = require('../test-support/store');

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [1000, 10000, 80000];

withStore(async (dbpath) => {
  const { run, close, committer } = open(dbpath);
  for (const size of sizes) {
    const collection = `reservations${size}`;
    const ids = Array.from({ length: size }, () => randomUUID());
    for (let i = 0; i < size; i += 1000) {
      run({ insert: collection, documents: ids.slice(i, i + 1000).map((_id) => ({ _id, status: 'Reserved', lines: [] })) });
    }
    await committer.drain();
    const started = process.hrtime.bigint();
    let found = run({ find: collection, filter: { _id: { $in: ids } }, projection: { status: 1 } }).cursor;
    let count = found.firstBatch.length;
    while (!found.id.isZero()) {
      found = run({ getMore: found.id, collection }).cursor;
      count += found.nextBatch.length;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${size} documents: ${count} found in ${ms.toFixed(0)} ms`);
  }
  await close();
});
