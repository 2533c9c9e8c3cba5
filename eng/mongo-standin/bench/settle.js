'use strict';
// CPU of the stand-in per reservation settle, the write that stores a new order's outcome: as Products sends it,
// `findAndModify` that upserts `{_id, status: Reserving}` and returns the document, against the same upsert as an
// `update` that returns a count. Run in process (no sockets; the reply still encoded to BSON), a group commit every
// 16 settles, the two styles alternately on one growing collection.
//
//   node eng/mongo-standin/bench/settle.js [settles per round] [rounds]   (default 10000 6)
const { randomUUID } = require('crypto');
const { Decimal128 } = require('bson');
const wire = require('../lib/wire');
const { open, withStore, cpuPerCommand } = require('../test-support/store');

const SETTLES = Number(process.argv[2] || 10000);
const ROUNDS = Number(process.argv[3] || 6);

withStore(async (dbpath) => {
  const { run, close, committer } = open(dbpath);
  const settle = (returnsDocument) => {
    const now = new Date();
    const q = { _id: randomUUID(), status: 'Reserving' };
    const u = {
      $set: { status: 'Reserved', failureReason: null, updatedAt: now },
      $setOnInsert: { lines: [{ productId: '65f0c0ffee00000000000001', quantity: 1, unitPrice: Decimal128.fromString('9.99') }], createdAt: now },
    };
    const reply = returnsDocument
      ? run({ findAndModify: 'reservations', query: q, update: u, upsert: true, new: true })
      : run({ update: 'reservations', updates: [{ q, u, upsert: true }] });
    wire.encode(reply);
  };
  const cpuPerSettle = (returnsDocument) => cpuPerCommand(committer, SETTLES, () => settle(returnsDocument));
  // The first round only warms up the JIT; then each round runs the two styles in turn, starting with the other.
  for (let round = 0; round <= ROUNDS; round++) {
    const first = round % 2 === 0;
    const a = await cpuPerSettle(first);
    const b = await cpuPerSettle(!first);
    const [findAndModify, update] = first ? [a, b] : [b, a];
    if (round) console.log(`round ${round}: findAndModify ${findAndModify.toFixed(3)} ms, update ${update.toFixed(3)} ms CPU per settle`);
  }
  await close();
});
