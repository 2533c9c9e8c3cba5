'use strict';
// The typed/native boundary.
//
// Documents are stored exactly as the driver sent them, with bson wrapper
// types (Int32, Long, Double, Decimal128, BSONRegExp). mingo only understands
// plain JavaScript values, so queries, sorts, projections and aggregations run
// on a *native view* (numbers become JS numbers, BSONRegExp becomes RegExp) and
// results are mapped back to typed values:
//   - query/sort results are the stored typed documents themselves;
//   - projected or aggregated documents are re-typed by provenance: any value
//     that still equals the source document's value at the same place takes
//     the source's exact BSON type; values mingo computed (e.g. $sum) are
//     inferred: integers -> Int32 (Int64 past 32 bits), others -> Double.
// Update operators run on typed values directly (see update.js) so that $inc
// and friends keep MongoDB's numeric type rules.
//
// Known precision limits of the native view (used for matching and sorting
// only, never for stored values): Int64 beyond 2^53 and Decimal128 with more
// than ~15 significant digits compare as their nearest double.
const { Int32, Long, Double, Decimal128, BSONRegExp } = require('bson');
const { compare: mingoCompare } = require('mingo/util');
const { MongoError } = require('./errors');

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const bsonType = (v) => (v !== null && typeof v === 'object' ? v._bsontype : undefined);

function isDocument(v) {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** 'int' | 'long' | 'double' | 'decimal' | null for non-numbers. */
function numKind(v) {
  if (typeof v === 'number') return Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX ? 'int' : 'double';
  switch (bsonType(v)) {
    case 'Int32': return 'int';
    case 'Long': return 'long';
    case 'Double': return 'double';
    case 'Decimal128': return 'decimal';
    default: return null;
  }
}

function toNumber(v) {
  if (typeof v === 'number') return v;
  switch (bsonType(v)) {
    case 'Int32':
    case 'Double': return v.value;
    case 'Long': return v.toNumber();
    case 'Decimal128': return Number(v.toString());
    default: return NaN;
  }
}

function regexToNative(r) {
  // JS has no 'x' (extended) flag; MongoDB's 'x' only strips whitespace.
  const flags = [...r.options].filter((f) => 'imsu'.includes(f)).join('');
  const source = r.options.includes('x') ? r.pattern.replace(/\s+|#.*$/gm, '') : r.pattern;
  return new RegExp(source, flags);
}

/** Whether an array holds only strings, booleans and nulls: its copy or view needs no call per element. */
function scalars(a) {
  for (const x of a) if (x !== null && typeof x === 'object') return false;
  return true;
}

/** Builds the plain-JS view of a typed value for mingo. */
function toNative(v) {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return scalars(v) ? v.slice() : v.map(toNative);
  const t = v._bsontype;
  if (t) {
    if (numKind(v)) return toNumber(v);
    if (t === 'BSONRegExp') return regexToNative(v);
    return v; // ObjectId, Binary, Timestamp, ...: mingo compares them via toString()
  }
  if (v instanceof Date) return v;
  const out = {};
  for (const k of Object.keys(v)) out[k] = toNative(v[k]);
  return out;
}

/** Typed value for something mingo computed, with no source to copy the type from. */
function infer(n) {
  if (typeof n === 'number') {
    if (Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX) return new Int32(n);
    if (Number.isSafeInteger(n)) return Long.fromNumber(n);
    return new Double(n);
  }
  if (n === null || typeof n !== 'object') return n;
  if (Array.isArray(n)) return n.map(infer);
  if (n instanceof RegExp) return new BSONRegExp(n.source, n.flags);
  if (n._bsontype || n instanceof Date) return n;
  const out = {};
  for (const k of Object.keys(n)) out[k] = infer(n[k]);
  return out;
}

/** True when `typed` is the value mingo saw as `native`. */
function sameAsNative(typed, native) {
  if (typed === native) return true;
  if (typed === null || typeof typed !== 'object') return false;
  if (numKind(typed)) {
    const n = toNumber(typed);
    return typeof native === 'number' && (n === native || (Number.isNaN(n) && Number.isNaN(native)));
  }
  if (native === null || typeof native !== 'object') return false;
  if (Array.isArray(typed)) {
    return Array.isArray(native) && typed.length === native.length && typed.every((x, i) => sameAsNative(x, native[i]));
  }
  if (typed instanceof Date) return native instanceof Date && +typed === +native;
  if (typed._bsontype === 'BSONRegExp') return native instanceof RegExp && native.source === regexToNative(typed).source;
  if (typed._bsontype) return native._bsontype === typed._bsontype && keyOf(typed) === keyOf(native);
  if (!isDocument(native)) return false;
  const keys = Object.keys(typed);
  if (keys.length !== Object.keys(native).length) return false;
  return keys.every((k) => k in native && sameAsNative(typed[k], native[k]));
}

/**
 * Maps a native result back to typed values, copying exact BSON types from
 * `source` (the typed value at the same place in the input) wherever the value
 * is unchanged. `byId` optionally finds a typed source document for an
 * embedded document by its _id (documents joined in by $lookup).
 */
function retype(native, source, byId) {
  if (source === undefined && byId && isDocument(native) && native._id !== undefined) source = byId(native._id);
  if (source !== undefined && sameAsNative(source, native)) return source;
  if (native === null || typeof native !== 'object') return infer(native);
  if (Array.isArray(native)) {
    if (Array.isArray(source)) {
      // Elements may have moved ($slice, $filter...): match by value first.
      return native.map((el, i) => {
        if (i < source.length && sameAsNative(source[i], el)) return source[i];
        const found = source.find((s) => sameAsNative(s, el));
        return found !== undefined ? found : retype(el, source[i], byId);
      });
    }
    return native.map((el) => retype(el, undefined, byId));
  }
  if (!isDocument(native)) return infer(native);
  if (Array.isArray(source)) {
    // $unwind turns an array into one of its elements.
    const found = source.find((s) => sameAsNative(s, native));
    if (found !== undefined) return found;
  }
  const src = isDocument(source) ? source : undefined;
  const out = {};
  for (const k of Object.keys(native)) out[k] = retype(native[k], src ? src[k] : undefined, byId);
  return out;
}

// ---- canonical keys (equality for _id, unique indexes, $addToSet, distinct)

function numericKey(v) {
  const kind = numKind(v);
  if (kind === 'long') return v.toString();
  if (kind === 'decimal') {
    const d = parseDecimal(v.toString());
    if (d && d.exp >= 0) return (d.coef * 10n ** BigInt(d.exp)).toString();
  }
  return String(toNumber(v));
}

/**
 * Canonical string for a typed value. MongoDB considers 1, 1.0 and
 * NumberLong(1) equal for matching and uniqueness, so numbers share one key
 * space unless `strict` (used to decide whether a write changed anything).
 */
function keyOf(v, strict = false) {
  if (v === undefined || v === null) return 'z';
  switch (typeof v) {
    case 'string': return 's' + JSON.stringify(v);
    case 'boolean': return v ? 'b1' : 'b0';
    case 'number': return (strict ? numKind(v) : 'n') + ':' + numericKey(v);
    default: break;
  }
  if (Array.isArray(v)) return '[' + v.map((x) => keyOf(x, strict)).join(',') + ']';
  if (v instanceof Date) return 't' + v.getTime();
  if (v instanceof RegExp) return 'r/' + v.source + '/' + v.flags;
  const kind = numKind(v);
  if (kind) return (strict ? kind : 'n') + ':' + numericKey(v);
  switch (v._bsontype) {
    case 'ObjectId': return 'o' + v.toHexString();
    case 'BSONRegExp': return 'r/' + v.pattern + '/' + v.options;
    case 'Binary': return 'x' + v.sub_type + ':' + Buffer.from(v.buffer).toString('base64');
    case undefined: return '{' + Object.keys(v).map((k) => JSON.stringify(k) + ':' + keyOf(v[k], strict)).join(',') + '}';
    default: return v._bsontype + ':' + String(v);
  }
}

const bsonEquals = (a, b) => keyOf(a) === keyOf(b);

/** An object that keyOf encodes field by field (no bson wrapper, Date or RegExp). */
const isKeyedDocument = (v) => v !== null && typeof v === 'object' && v._bsontype === undefined
  && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

/**
 * keyOf(a, true) === keyOf(b, true) without building the keys: whole
 * documents are compared after every update, and they can be large.
 */
function strictEquals(a, b) {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => strictEquals(x, b[i]));
  if (isKeyedDocument(a)) {
    if (!isKeyedDocument(b)) return false;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return keysA.length === keysB.length && keysA.every((k, i) => k === keysB[i] && strictEquals(a[k], b[k]));
  }
  return keyOf(a, true) === keyOf(b, true);
}

/** Total order over typed values (MongoDB's cross-type order, via mingo). */
const compareValues = (a, b) => mingoCompare(toNative(a), toNative(b));

/** Deep copy of documents and arrays; bson wrappers and Dates are immutable here and shared. */
function cloneValue(v) {
  if (Array.isArray(v)) return scalars(v) ? v.slice() : v.map(cloneValue);
  if (isDocument(v)) {
    const out = {};
    for (const k of Object.keys(v)) out[k] = cloneValue(v[k]);
    return out;
  }
  return v;
}

// ---- numeric arithmetic with MongoDB's type promotion rules

const NUMERIC_RANK = { int: 0, long: 1, double: 2, decimal: 3 };

function parseDecimal(s) {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === '' && !m[3])) return null; // NaN, Infinity
  const frac = m[3] || '';
  const coef = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
  return { coef, exp: (m[4] ? Number(m[4]) : 0) - frac.length };
}

function decimalOf(v) {
  if (numKind(v) === 'decimal') return parseDecimal(v.toString());
  if (numKind(v) === 'long') return { coef: BigInt(v.toString()), exp: 0 };
  return parseDecimal(String(toNumber(v)));
}

function decimalResult(a, b, op) {
  const x = decimalOf(a);
  const y = decimalOf(b);
  if (!x || !y) return Decimal128.fromString(String(op === 'add' ? toNumber(a) + toNumber(b) : toNumber(a) * toNumber(b)));
  if (op === 'mul') return Decimal128.fromString(`${x.coef * y.coef}E${x.exp + y.exp}`);
  const exp = Math.min(x.exp, y.exp);
  const coef = x.coef * 10n ** BigInt(x.exp - exp) + y.coef * 10n ** BigInt(y.exp - exp);
  return Decimal128.fromString(`${coef}E${exp}`);
}

/** a (+|*) b with the result type MongoDB would store. */
function arithmetic(a, b, op) {
  const kind = [numKind(a), numKind(b)].reduce((p, c) => (NUMERIC_RANK[c] > NUMERIC_RANK[p] ? c : p));
  if (kind === 'decimal') return decimalResult(a, b, op);
  if (kind === 'double') return new Double(op === 'add' ? toNumber(a) + toNumber(b) : toNumber(a) * toNumber(b));
  const big = (v) => BigInt(numKind(v) === 'long' ? v.toString() : toNumber(v));
  const r = op === 'add' ? big(a) + big(b) : big(a) * big(b);
  if (kind === 'int' && r >= BigInt(INT32_MIN) && r <= BigInt(INT32_MAX)) return new Int32(Number(r));
  if (r < INT64_MIN || r > INT64_MAX) throw new MongoError(2, `integer overflow: ${op === 'add' ? '$inc' : '$mul'} result does not fit in a 64-bit integer`);
  return Long.fromBigInt(r);
}

const typeName = (v) => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (typeof v === 'object') return v._bsontype ? v._bsontype.toLowerCase() : 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
};

module.exports = {
  bsonType, isDocument, numKind, toNumber, toNative, retype, keyOf, bsonEquals, strictEquals,
  compareValues, cloneValue, arithmetic, typeName,
};
