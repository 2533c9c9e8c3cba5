'use strict';
// A journal compacted while the server goes on serving: commands are answered meanwhile, and every acknowledged
// write is in the journal that replays afterwards, whether the compaction finished or was cut short.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const { Int32 } = require('bson');
const { open, withStore } = require('../test-support/store');

const ITEMS = 20000;

/** A store holding enough documents that their snapshot takes many chunks to write. */
async function filled(dbpath) {
  const opened = open(dbpath);
  for (let i = 0; i < ITEMS; i += 1000) {
    opened.run({
      insert: 'items',
      documents: Array.from({ length: 1000 }, (_, k) => ({ _id: `item-${i + k}`, n: new Int32(0), note: 'x'.repeat(150) })),
    });
  }
  opened.run({ insert: 'stock', documents: [{ _id: 'product', holds: [] }] });
  await opened.committer.drain();
  return opened;
}

/** One acknowledged change of each kind the saga makes: an update, an append to an array, an insert, a delete. */
async function change(run, committer, i, expected) {
  run({ update: 'items', updates: [{ q: { _id: `item-${i}` }, u: { $inc: { n: new Int32(1) } } }] });
  run({ update: 'stock', updates: [{ q: { _id: 'product' }, u: { $push: { holds: `order-${i}` } } }] });
  run({ insert: 'items', documents: [{ _id: `new-${i}`, n: new Int32(i) }] });
  run({ delete: 'items', deletes: [{ q: { _id: `item-${ITEMS - 1 - i}` }, limit: new Int32(1) }] });
  await committer.drain();
  expected.push(i);
}

function assertChanges(run, expected) {
  const items = new Map(run({ find: 'items', filter: {}, batchSize: new Int32(100000) }).cursor.firstBatch.map((d) => [d._id, d]));
  assert.equal(items.size, ITEMS, 'one insert and one delete per change');
  for (const i of expected) {
    assert.equal(items.get(`item-${i}`).n.valueOf(), 1);
    assert.equal(items.get(`new-${i}`).n.valueOf(), i);
    assert.equal(items.has(`item-${ITEMS - 1 - i}`), false);
  }
  const [stock] = run({ find: 'stock', filter: {} }).cursor.firstBatch;
  assert.deepEqual(stock.holds, expected.map((i) => `order-${i}`));
}

test('commands are acknowledged while a compaction runs, and all of them replay from the compacted journal', () => withStore(async (dbpath) => {
  let { run, close, committer, store } = await filled(dbpath);
  const db = store.db('shop');
  let finished = false;
  const compaction = db.journal.compactInBackground([...db.snapshot()]).then(() => { finished = true; });
  const expected = [];
  let duringCompaction = 0;
  while (!finished) {
    await change(run, committer, expected.length, expected);
    if (!finished) duringCompaction++;
  }
  await compaction;
  assert.ok(duringCompaction > 0, 'no change was acknowledged before the compaction ended');
  assert.equal(fs.existsSync(`${db.journal.file}.tmp`), false);
  await change(run, committer, expected.length, expected); // written to the new file
  await close();

  ({ run, close } = open(dbpath)); // replays the compacted journal
  assertChanges(run, expected);
  await close();
}));

test('a compaction cut short by a stop leaves the old journal whole', () => withStore(async (dbpath) => {
  let { run, close, committer, store } = await filled(dbpath);
  const db = store.db('shop');
  const compaction = db.journal.compactInBackground([...db.snapshot()]);
  const expected = [];
  await change(run, committer, 0, expected);
  await close(); // stops the compaction before it has written the snapshot
  await compaction;
  assert.equal(fs.existsSync(`${db.journal.file}.tmp`), false);

  ({ run, close } = open(dbpath));
  assertChanges(run, expected);
  await close();
}));
