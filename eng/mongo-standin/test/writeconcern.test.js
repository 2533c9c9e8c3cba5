'use strict';
// writeConcern as a standalone mongod 7.0 takes it: accepted, refused with
// mongod's errors, and a journaled acknowledgement that waits for fdatasync.
// (Over the wire, with SIGKILL and w: 0: durability.test.js.)
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { Int32, Long, Double } = require('bson');
const { readRecords } = require('../lib/journal');
const { open, withStore } = require('../test-support/store');

const ids = (run) => run({ find: 'items', filter: {}, sort: { _id: new Int32(1) } }).cursor.firstBatch.map((d) => V(d._id));
const V = (v) => (v && typeof v === 'object' && 'value' in v ? v.value : v);
const ok = (reply) => assert.equal(V(reply.ok), 1, JSON.stringify(reply));
const refused = (reply, code, codeName, errmsg) => {
  assert.equal(V(reply.ok), 0, JSON.stringify(reply));
  assert.equal(V(reply.code), code);
  assert.equal(reply.codeName, codeName);
  if (errmsg !== undefined) assert.equal(reply.errmsg, errmsg);
};

/** One command of each kind that takes a write concern, each changing something. */
const WRITES = [
  (wc) => ({ insert: 'items', documents: [{ _id: new Int32(10) }], writeConcern: wc }),
  (wc) => ({ update: 'items', updates: [{ q: { _id: new Int32(1) }, u: { $set: { a: new Int32(1) } } }], writeConcern: wc }),
  (wc) => ({ delete: 'items', deletes: [{ q: { _id: new Int32(2) }, limit: new Int32(1) }], writeConcern: wc }),
  (wc) => ({ findAndModify: 'items', query: { _id: new Int32(3) }, update: { $set: { b: new Int32(1) } }, writeConcern: wc }),
  (wc) => ({ createIndexes: 'items', indexes: [{ key: { a: new Int32(1) }, name: 'a_1' }], writeConcern: wc }),
  (wc) => ({ create: 'other', writeConcern: wc }),
];

test('w: 1, w: "majority", j, wtimeout and {} are accepted on every write command', () => withStore(async (dbpath) => {
  const concerns = [
    { w: new Int32(1) },
    { w: 'majority' },
    { w: 'majority', j: true },
    { w: new Int32(1), j: true, wtimeout: new Int32(5000) },
    { w: 'majority', j: true, wtimeout: Long.fromNumber(0) },
    { j: false },
    { w: new Double(1) },
    { w: new Int32(0) }, // answered like w: 1 when sent without moreToCome, as mongod does
    { w: { dc: new Int32(1) } }, // a tag set: a standalone waits for no other member
    {},
  ];
  for (const wc of concerns) {
    const { run, close } = open(dbpath);
    run({ insert: 'items', documents: [1, 2, 3].map((i) => ({ _id: new Int32(i) })) });
    for (const write of WRITES) ok(run(write(wc)));
    ok(run({ dropIndexes: 'items', index: 'a_1', writeConcern: wc }));
    ok(run({ drop: 'other', writeConcern: wc }));
    ok(run({ dropDatabase: 1, writeConcern: wc }));
    await close();
  }
}));

test('w > 1 and a non-majority mode get mongod\'s standalone errors, and nothing is written', () => withStore(async (dbpath) => {
  const { run, close } = open(dbpath);
  run({ insert: 'items', documents: [1, 2, 3].map((i) => ({ _id: new Int32(i) })) });
  const before = run({ find: 'items', filter: {} }).cursor.firstBatch;
  for (const write of WRITES) {
    refused(run(write({ w: new Int32(2) })), 2, 'BadValue', "cannot use 'w' > 1 when a host is not replicated");
    refused(run(write({ w: new Int32(50), j: true })), 2, 'BadValue', "cannot use 'w' > 1 when a host is not replicated");
    refused(run(write({ w: 'dc-east' })), 2, 'BadValue',
      'cannot use non-majority \'w\' mode "dc-east" when a host is not a member of a replica set');
  }
  refused(run({ dropDatabase: 1, writeConcern: { w: new Int32(3) } }), 2, 'BadValue');
  assert.deepEqual(run({ find: 'items', filter: {} }).cursor.firstBatch, before);
  assert.deepEqual(run({ listIndexes: 'items' }).cursor.firstBatch.map((i) => i.name), ['_id_']);
  assert.deepEqual(run({ listCollections: 1, nameOnly: true }).cursor.firstBatch.map((c) => c.name), ['items']);
  await close();
}));

test('malformed write concerns are refused as mongod parses them', () => withStore(async (dbpath) => {
  const { run, close } = open(dbpath);
  const insert = (writeConcern) => run({ insert: 'items', documents: [{ _id: 1 }], writeConcern });
  refused(insert({ w: new Int32(51) }), 9, 'FailedToParse', 'w has to be a non-negative number and not greater than 50; found: 51');
  refused(insert({ w: new Int32(-1) }), 9, 'FailedToParse', 'w has to be a non-negative number and not greater than 50; found: -1');
  refused(insert({ w: true }), 9, 'FailedToParse', 'w has to be a number, string, or object; found: bool');
  refused(insert({ w: {} }), 9, 'FailedToParse', 'tagged write concern requires tags');
  refused(insert({ w: { dc: 'east' } }), 9, 'FailedToParse');
  refused(insert({ j: true, fsync: true }), 9, 'FailedToParse', 'fsync and j options cannot be used together');
  refused(insert({ j: 'yes' }), 14, 'TypeMismatch');
  refused(insert({ w: new Int32(1), journal: true }), 9, 'FailedToParse', 'unrecognized write concern field: journal');
  refused(insert('majority'), 14, 'TypeMismatch', '"writeConcern" had the wrong type. Expected object, found string');
  // Reads take none: mongod's InvalidOptions.
  refused(run({ find: 'items', filter: {}, writeConcern: { w: new Int32(1) } }), 72, 'InvalidOptions', 'Command does not support writeConcern');
  refused(run({ count: 'items', writeConcern: {} }), 72, 'InvalidOptions');
  assert.deepEqual(ids(run), []);
  await close();
}));

test('a j: true write is acknowledged only after its journal record is fdatasynced, with no extra sync', () => withStore(async (dbpath) => {
  const { run, close, committer } = open(dbpath);
  const journal = path.join(dbpath, 'shop.journal');
  ok(run({ create: 'items' }));
  await new Promise((resolve) => committer.whenDurable(resolve));

  const realFdatasync = fs.fdatasync;
  const held = [];
  let syncRequested;
  const requested = new Promise((resolve) => { syncRequested = resolve; });
  fs.fdatasync = (fd, callback) => {
    held.push(() => realFdatasync(fd, callback));
    syncRequested();
  };
  try {
    // Three writes of one event-loop turn: one group, one write, one fdatasync.
    ok(run({ insert: 'items', documents: [{ _id: 1 }], writeConcern: { w: 'majority', j: true } }));
    ok(run({ insert: 'items', documents: [{ _id: 2 }] }));
    ok(run({ insert: 'items', documents: [{ _id: 3 }], writeConcern: { w: new Int32(1), j: true } }));
    let acknowledged = false;
    const ack = new Promise((resolve) => committer.whenDurable(() => { acknowledged = true; resolve(); }));

    await requested; // the records are written; their fdatasync has been asked for and is held
    assert.equal(acknowledged, false);
    assert.deepEqual(readRecords(journal).records.filter((r) => r.o === 'p').map((r) => r.d._id.value), [1, 2, 3]);

    held.shift()();
    await ack;
    assert.equal(acknowledged, true);
    assert.equal(held.length, 0); // j: true added no sync of its own
  } finally {
    fs.fdatasync = realFdatasync;
  }
  await close();
}));
