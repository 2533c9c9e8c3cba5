'use strict';
// Fast paths of command execution, checked against the general paths they
// stand in for: _id lookups, filter compilation, change detection, batches,
// and journal records that replay to the same documents.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { Int32, Long, Double, Decimal128, ObjectId } = require('bson');
const wire = require('../lib/wire');
const { readRecords } = require('../lib/journal');
const { Cursors } = require('../lib/cursors');
const { open, withStore } = require('../test-support/store');

const hex = (docs) => docs.map((d) => (d._id.toHexString ? d._id.toHexString() : d._id));
const find = (run, filter) => run({ find: 'items', filter }).cursor.firstBatch;

test('_id $in lookups return what a scan returns, in natural order', () => withStore(async (dbpath) => {
  const { run, close } = open(dbpath);
  const ids = Array.from({ length: 5 }, () => new ObjectId());
  run({ insert: 'items', documents: ids.map((_id, i) => ({ _id, n: new Int32(i) })) });
  run({ delete: 'items', deletes: [{ q: { _id: ids[1] }, limit: new Int32(1) }] });
  run({ insert: 'items', documents: [{ _id: ids[1], n: new Int32(1) }] }); // now last in natural order
  const cases = [
    [ids[3], ids[1], ids[0]],
    [ids[2], ids[2]],
    [new ObjectId(), ids[4]],
    [ids[0].toHexString(), ids[4]], // a string never equals an ObjectId
    [],
  ];
  for (const list of cases) {
    const scanned = find(run, { $and: [{ _id: { $in: list } }] });
    assert.deepEqual(hex(find(run, { _id: { $in: list } })), hex(scanned));
  }
  for (const id of [ids[2], new ObjectId(), ids[2].toHexString()]) {
    const scanned = hex(find(run, { $and: [{ _id: id }] }));
    assert.deepEqual(hex(find(run, { _id: id })), scanned);
    assert.deepEqual(hex(find(run, { _id: { $eq: id } })), scanned);
  }
  assert.deepEqual(hex(find(run, { _id: { $in: [ids[1], ids[0], ids[3]] } })), hex([ids[0], ids[3], ids[1]].map((_id) => ({ _id }))));
  // The other conditions still decide.
  assert.deepEqual(hex(find(run, { _id: { $in: ids }, n: { $gte: new Int32(3) } })), hex([ids[3], ids[4]].map((_id) => ({ _id }))));
  // String _ids take the same path.
  run({ insert: 'items', documents: [{ _id: 'order-1', n: new Int32(9) }] });
  assert.deepEqual(hex(find(run, { _id: { $in: ['order-1', 'order-2'] } })), ['order-1']);
  await close();
}));

test('filters compile the same with and without $expr', () => withStore(async (dbpath) => {
  const { run, close } = open(dbpath);
  run({ insert: 'items', documents: [{ _id: 1, a: new Int32(1), b: new Int32(2), arr: [{ x: new Int32(1), y: new Int32(0) }] }, { _id: 2, a: new Int32(3), b: new Int32(2), arr: [] }] });
  const ids = (filter) => find(run, filter).map((d) => d._id.value);
  assert.deepEqual(ids({ $expr: { $gt: ['$a', '$b'] } }), [2]);
  assert.deepEqual(ids({ $or: [{ $expr: { $lt: ['$a', '$b'] } }, { a: new Int32(9) }] }), [1]);
  assert.deepEqual(ids({ arr: { $elemMatch: { x: { $gt: new Int32(0) }, $expr: { $gt: ['$x', '$y'] } } } }), [1]);
  assert.deepEqual(ids({ a: { $gte: new Int32(2) }, b: new Int32(2) }), [2]);
  assert.deepEqual(ids({ arr: { $size: new Int32(0) } }), [2]);
  // Successive filters of one shape never share values.
  assert.deepEqual(ids({ a: new Int32(1) }), [1]);
  assert.deepEqual(ids({ a: new Int32(3) }), [2]);
  assert.equal(run({ find: 'items', filter: { a: { $foo: 1 } } }).errmsg, 'unknown operator: $foo');
  assert.equal(run({ find: 'items', filter: { $foo: 1 } }).errmsg, 'unknown top level operator: $foo');
  assert.equal(run({ find: 'items', filter: { a: { $add: [1, 2] } } }).errmsg, 'unknown operator: $add');
  await close();
}));

test('string $eq and $ne on arrays match what mingo matches', () => withStore(async (dbpath) => {
  const { run, close } = open(dbpath);
  const { Query } = require('mingo');
  const V = require('../lib/values');
  const docs = [
    { _id: 1, f: ['a', 'x', 'b'] },
    { _id: 2, f: ['a', 'b'] },
    { _id: 3, f: [] },
    { _id: 4, f: ['a', ['x']] }, // nested: mingo looks one level down
    { _id: 5, f: [['a'], 'b'] },
    { _id: 6, f: 'x' },
    { _id: 7, f: 'y' },
    { _id: 8 },
    { _id: 9, f: null },
    { _id: 10, f: [new Int32(1), null, { x: 'x' }, 'x'] },
    { _id: 11, f: [new Int32(1), null, { x: 'x' }] },
    { _id: 12, f: { g: ['x'] } },
  ];
  run({ insert: 'items', documents: docs });
  const filters = [
    { f: 'x' }, { f: { $eq: 'x' } }, { f: { $ne: 'x' } }, { f: { $not: { $eq: 'x' } } },
    { f: { $ne: 'x', $exists: true } }, { 'f.g': 'x' }, { 'f.g': { $ne: 'x' } }, { f: { $ne: 'z' } },
  ];
  for (const filter of filters) {
    const expected = docs.filter((d) => new Query(filter).test(V.toNative(d))).map((d) => d._id);
    assert.deepEqual(find(run, filter).map((d) => d._id.value ?? d._id), expected, JSON.stringify(filter));
  }
  await close();
}));

test('$pull of a string removes exactly the elements whose canonical key is that string\'s', () => withStore(async (dbpath) => {
  const { run, close } = open(dbpath);
  const V = require('../lib/values');
  const arrays = [
    ['a', 'x', 'b', 'x'],
    ['x', ['x'], { v: 'x' }, new Int32(1), null, 'X', 'x '],
    [],
    ['a'],
  ];
  run({ insert: 'items', documents: arrays.map((f, i) => ({ _id: i, f })) });
  run({ update: 'items', updates: [{ q: {}, u: { $pull: { f: 'x' } }, multi: true }] });
  const after = find(run, {});
  arrays.forEach((f, i) => {
    const expected = f.filter((el) => !V.bsonEquals(el, 'x'));
    assert.equal(V.keyOf(after[i].f), V.keyOf(expected), JSON.stringify(V.toNative(f)));
  });
  await close();
}));

test('nModified counts changes of value or BSON type only', () => withStore(async (dbpath) => {
  const { run, close } = open(dbpath);
  run({ insert: 'items', documents: [{ _id: 1, n: new Int32(1), s: 'x', list: ['a', { k: null }], d: { p: Decimal128.fromString('1.10') } }] });
  const modified = (u) => run({ update: 'items', updates: [{ q: { _id: 1 }, u }] }).nModified.value;
  assert.equal(modified({ $set: { s: 'x', n: new Int32(1) } }), 0);
  assert.equal(modified({ $set: { list: ['a', { k: null }] } }), 0);
  assert.equal(modified({ $set: { 'd.p': Decimal128.fromString('1.10') } }), 0);
  assert.equal(modified({ $set: { n: new Double(1) } }), 1); // same number, other type
  assert.equal(modified({ $set: { n: Long.fromNumber(1) } }), 1);
  assert.equal(modified({ $set: { list: [{ k: null }, 'a'] } }), 1); // same elements, other order
  assert.equal(modified({ $unset: { missing: '' } }), 0);
  assert.equal(modified({ $unset: { s: '' } }), 1);
  assert.equal(modified({ $set: { 'list.0.k': null } }), 0);
  assert.equal(modified({ $set: { 'list.0.j': null } }), 1); // a new field, even null
  assert.equal(modified({ $set: { 'list.0': { j: null, k: null } } }), 1); // same fields, other order
  await close();
}));

test('a batch holds one document past the byte limit, and only one', () => {
  const cursors = new Cursors();
  const big = 'x'.repeat(9 * 1024 * 1024);
  const single = cursors.first('shop.items', [{ _id: 1, big }]);
  assert.equal(single.cursor.firstBatch.length, 1);
  assert.equal(single.cursor.id.toString(), '0');
  const reply = cursors.first('shop.items', [{ _id: 1, big }, { _id: 2, big }, { _id: 3 }]);
  assert.equal(reply.cursor.firstBatch.length, 1);
  const next = cursors.more(reply.cursor.id, 'shop.items', 0);
  assert.deepEqual(next.cursor.nextBatch.map((d) => d._id), [2, 3]);
  cursors.close();
});

test('journaled changes replay to the same bytes; an array logs only what follows its kept elements', () => withStore(async (dbpath) => {
  let { run, close } = open(dbpath);
  const id = new ObjectId();
  run({ insert: 'items', documents: [
    { _id: id, qty: new Int32(10), version: Long.fromNumber(1), price: Decimal128.fromString('9.99'), tags: ['a'], held: ['o1', 'o2'], nested: { list: [new Int32(1)] } },
    { _id: 'r1', status: 'Reserving', lines: [{ productId: 'p', quantity: new Int32(1) }], failureReason: null },
  ] });
  const updates = [
    { q: { _id: id }, u: { $inc: { qty: new Int32(-1), version: Long.fromNumber(1) }, $push: { held: 'o3' } } },
    { q: { _id: id }, u: { $push: { held: { $each: ['o0'], $position: new Int32(0) } } } },
    { q: { _id: id }, u: { $pull: { held: 'o2' } } },
    { q: { _id: id }, u: { $push: { 'nested.list': new Int32(2) }, $set: { added: new Double(1.5) } } },
    { q: { _id: id }, u: { $unset: { tags: '' }, $rename: { price: 'cost' } } },
    { q: { _id: id }, u: { $set: { 'held.1': 'oX', empty: [] } } },
    { q: { _id: id }, u: { $push: { empty: { $each: [new Int32(1), new Int32(2)] } } } },
    { q: { _id: id }, u: { $push: { held: 'o4', empty: new Int32(3) } } },
    { q: { _id: 'r1', status: 'Reserving' }, u: { $set: { status: 'Reserved', failureReason: null, updatedAt: new Date(1700000000000) } } },
    { q: { _id: 'r1' }, u: { updatedAt: new Date(1), status: 'Cancelled', lines: [] } }, // replacement: other field order
  ];
  for (const stmt of updates) assert.equal(run({ update: 'items', updates: [stmt] }).nModified.value, 1);
  const before = run({ find: 'items', filter: {} }).cursor.firstBatch;
  await close();

  const records = readRecords(path.join(dbpath, 'shop.journal')).records;
  const changes = records.filter((r) => r.o === 'u' || r.o === 'p').slice(1).map((r) => r.o);
  assert.deepEqual(changes, ['p', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'p']);
  assert.deepEqual(records.filter((r) => r.o === 'u')[0].push.held.items, ['o3']);
  assert.deepEqual(records.filter((r) => r.o === 'u')[2].push.held.items, ['o3']); // $pull of 'o2' from o0, o1, o2, o3

  ({ run, close } = open(dbpath)); // replays the journal, then compacts it
  const after = run({ find: 'items', filter: {} }).cursor.firstBatch;
  assert.deepEqual(after.map((d) => wire.encode(d).toString('hex')), before.map((d) => wire.encode(d).toString('hex')));
  assert.deepEqual(Object.keys(after[0]), ['_id', 'qty', 'version', 'held', 'nested', 'added', 'cost', 'empty']);
  await close();
}));
