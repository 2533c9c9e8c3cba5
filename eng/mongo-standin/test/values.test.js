'use strict';
// The typed/native boundary: what mingo sees and what comes back.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Int32, Long, Double, Decimal128, ObjectId } = require('bson');
const V = require('../lib/values');
const { applyUpdate, query } = require('../lib/update');

const doc = () => ({
  _id: new ObjectId(),
  price: Decimal128.fromString('19.99'),
  qty: new Int32(5),
  big: Long.fromString('9007199254740993'),
  ratio: new Double(2),
  when: new Date(1700000000123),
  lines: [{ sku: 'a', qty: new Int32(1) }, { sku: 'b', qty: new Int32(7) }],
});

test('queries compare wrapper numbers numerically across types', () => {
  const d = V.toNative(doc());
  assert.equal(query({ price: { $gte: Decimal128.fromString('10') } }).test(d), true);
  assert.equal(query({ price: { $gte: Decimal128.fromString('9') } }).test(d), true); // string order would say "19.99" < "9"
  assert.equal(query({ price: { $gt: new Int32(20) } }).test(d), false);
  assert.equal(query({ qty: Long.fromNumber(5) }).test(d), true);
  assert.equal(query({ ratio: new Int32(2) }).test(d), true);
});

test('$inc keeps Int32, Int64 and Decimal128, promotes on overflow', () => {
  const { doc: next } = applyUpdate(doc(), {
    $inc: { qty: new Int32(-6), big: new Int32(1), price: Decimal128.fromString('0.01'), ratio: new Int32(1) },
  });
  assert.equal(next.qty._bsontype, 'Int32');
  assert.equal(next.qty.value, -1);
  assert.equal(next.big._bsontype, 'Long');
  assert.equal(next.big.toString(), '9007199254740994');
  assert.equal(next.price._bsontype, 'Decimal128');
  assert.equal(next.price.toString(), '20.00');
  assert.equal(next.ratio._bsontype, 'Double');
  const { doc: overflow } = applyUpdate({ _id: 1, n: new Int32(2147483647) }, { $inc: { n: new Int32(1) } });
  assert.equal(overflow.n._bsontype, 'Long');
  assert.equal(overflow.n.toString(), '2147483648');
});

test('a failed condition is decided by mingo before any update applies', () => {
  const d = doc();
  assert.equal(query({ _id: d._id, qty: { $gte: new Int32(6) } }).test(V.toNative(d)), false);
  assert.equal(query({ _id: d._id, qty: { $gte: new Int32(5) } }).test(V.toNative(d)), true);
});

test('positional and filtered positional updates keep element types', () => {
  const d = doc();
  const { doc: a } = applyUpdate(d, { $inc: { 'lines.$.qty': new Int32(2) } }, { filter: { 'lines.sku': 'b' } });
  assert.deepEqual(a.lines.map((l) => l.qty.value), [1, 9]);
  assert.equal(a.lines[1].qty._bsontype, 'Int32');
  const { doc: b } = applyUpdate(d, { $set: { 'lines.$[l].flag': true } }, { arrayFilters: [{ 'l.qty': { $gte: new Int32(5) } }] });
  assert.deepEqual(b.lines.map((l) => !!l.flag), [false, true]);
  assert.equal(d.lines[1].flag, undefined, 'the stored document is never modified in place');
});

test('retype restores exact types for projected and aggregated output', () => {
  const d = doc();
  const native = V.toNative(d);
  const back = V.retype({ price: native.price, ratio: native.ratio, qty: native.qty, lines: [native.lines[1]] }, d);
  assert.equal(back.price, d.price);
  assert.equal(back.ratio, d.ratio); // Double(2) stays Double though it is a whole number
  assert.equal(back.lines[0], d.lines[1]);
  assert.equal(V.retype(42, undefined)._bsontype, 'Int32');
  assert.equal(V.retype(2 ** 40, undefined)._bsontype, 'Long');
  assert.equal(V.retype(1.5, undefined)._bsontype, 'Double');
});

test('canonical keys treat 1, 1.0 and NumberLong(1) as the same _id', () => {
  assert.equal(V.keyOf(new Int32(1)), V.keyOf(new Double(1)));
  assert.equal(V.keyOf(new Int32(1)), V.keyOf(Long.fromNumber(1)));
  assert.notEqual(V.keyOf(new Int32(1), true), V.keyOf(new Double(1), true));
  assert.notEqual(V.keyOf('1'), V.keyOf(new Int32(1)));
});

test('copies and views of arrays are new arrays, whatever they hold', () => {
  const ids = ['o1', 'o2', null, true];
  const typed = [new Int32(1), { sku: 'a', qty: new Int32(2) }, ['x']];
  for (const array of [ids, typed]) {
    const copy = V.cloneValue(array);
    assert.notEqual(copy, array);
    assert.deepEqual(copy, array);
    assert.notEqual(V.toNative(array), array);
  }
  assert.deepEqual(V.toNative(ids), ids);
  assert.deepEqual(V.toNative(typed), [1, { sku: 'a', qty: 2 }, ['x']]);
  const copy = V.cloneValue(typed);
  assert.notEqual(copy[1], typed[1]);
  assert.notEqual(copy[2], typed[2]);
  // An update pushes onto its copy; the stored document keeps its array.
  const stored = { _id: 'p1', reservedFor: ['o1', 'o2'] };
  const { doc: next } = applyUpdate(stored, { $push: { reservedFor: 'o3' } });
  assert.deepEqual(stored.reservedFor, ['o1', 'o2']);
  assert.deepEqual(next.reservedFor, ['o1', 'o2', 'o3']);
});
