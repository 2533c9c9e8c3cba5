'use strict';
// Update operators, applied to typed documents so that numeric types follow
// MongoDB's rules ($inc on Int32 stays Int32, Int64 stays Int64, Decimal128
// stays Decimal128). mingo decides every *match* here: query filters, the
// positional `$` element, arrayFilters `$[id]` and $pull conditions.
const { Query, Aggregator } = require('mingo');
const { Query: FilterQuery } = require('mingo/query');
const { Context } = require('mingo/core');
const queryOperators = require('mingo/operators/query');
const { ObjectId, Timestamp, Long } = require('bson');
const { MongoError, badValue } = require('./errors');
const V = require('./values');

const SUPPORTED = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$setOnInsert', '$currentDate',
  '$push', '$addToSet', '$pop', '$pull', '$pullAll',
]);
const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

// mingo's Query copies its whole operator context (hundreds of expression and
// stage operators) each time one is built, which dominated the cost of a
// filter. Filters only look up query operators, unless they use $expr.
const FILTER_OPTIONS = { context: Context.init({ query: { ...queryOperators, $eq: stringEq(false), $ne: stringEq(true) } }) };

/**
 * $eq / $ne of a string against a top-level array field, in one pass: the
 * Products service filters on `reservedFor: {$ne: order}` (and `= order`) for
 * every stock take, and that array holds every open order on the product.
 * mingo compares element by element with its generic isEqual, then again over
 * a flattened copy, which made a take's cost grow with the open orders. A
 * string equals only the identical string, so for an array without nested
 * arrays membership decides it exactly as mingo would; anything else (nested
 * arrays, dotted paths, other types) goes to mingo's own operator.
 */
function stringEq(negate) {
  const general = negate ? queryOperators.$ne : queryOperators.$eq;
  return (selector, value, options) => {
    const slow = general(selector, value, options);
    if (typeof value !== 'string' || selector.includes('.')) return slow;
    return (doc) => {
      const field = doc === null || typeof doc !== 'object' ? undefined : doc[selector];
      if (!Array.isArray(field)) return slow(doc);
      for (const element of field) {
        if (element === value) return !negate;
        if (Array.isArray(element)) return slow(doc);
      }
      return negate;
    };
  };
}

const isOperatorDoc = (v) => V.isDocument(v) && Object.keys(v).some((k) => k.startsWith('$'));
const isIndex = (seg) => /^\d+$/.test(seg);
const describe = (v) => JSON.stringify(V.toNative(v));

/** True when `v` has a `$expr` key at any depth. */
function usesExpr(v) {
  if (Array.isArray(v)) return v.some(usesExpr);
  if (!V.isDocument(v)) return false;
  return Object.keys(v).some((k) => k === '$expr' || usesExpr(v[k]));
}

/** Compiles a filter with mingo; its errors are reported in mongod's words. */
function query(filter) {
  if (!V.isDocument(filter)) throw badValue(`query filter must be an object, got ${V.typeName(filter)}`);
  try {
    const native = V.toNative(filter);
    return usesExpr(native) ? new Query(native) : new FilterQuery(native, FILTER_OPTIONS);
  } catch (err) {
    const unknown = /unknown query operator (\S+)/.exec(err.message);
    throw badValue(unknown ? `unknown operator: ${unknown[1]}` : err.message);
  }
}

/** Index of the array element the query matched, for the positional `$` operator. */
function positionalIndex(filter, doc, arrayPath) {
  const clauses = [];
  const collect = (f) => {
    for (const [k, v] of Object.entries(f || {})) {
      if (k === '$and') v.forEach(collect);
      else if (!k.startsWith('$')) clauses.push([k, v]);
    }
  };
  collect(filter);
  const array = getPath(doc, arrayPath);
  if (Array.isArray(array)) {
    for (const [k, cond] of clauses) {
      if (k !== arrayPath && !k.startsWith(arrayPath + '.')) continue;
      const rest = k.slice(arrayPath.length + 1);
      const elemMatch = V.isDocument(cond) && cond.$elemMatch;
      for (let i = 0; i < array.length; i++) {
        const el = array[i];
        let ok;
        if (rest) ok = V.isDocument(el) && query({ [rest]: cond }).test(V.toNative(el));
        else if (elemMatch && V.isDocument(el) && !isOperatorDoc(elemMatch)) ok = query(elemMatch).test(V.toNative(el));
        else ok = query({ v: elemMatch || cond }).test({ v: V.toNative(el) });
        if (ok) return i;
      }
    }
  }
  throw badValue('The positional operator did not find the match needed from the query.');
}

function getPath(doc, path) {
  let cur = doc;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? (isIndex(seg) ? cur[Number(seg)] : undefined) : cur[seg];
  }
  return cur;
}

function setChild(parent, key, value) {
  if (Array.isArray(parent)) {
    if (!isIndex(key)) throw new MongoError(28, `Cannot create field '${key}' in element {${describe(parent)}}`);
    const i = Number(key);
    while (parent.length < i) parent.push(null);
    parent[i] = value;
  } else {
    parent[key] = value;
  }
}

const getChild = (parent, key) => (Array.isArray(parent) ? (isIndex(key) ? parent[Number(key)] : undefined) : parent[key]);

/**
 * Expands a (possibly positional) path into concrete { parent, key } targets.
 * With `create`, missing intermediate documents are created.
 */
function resolveTargets(doc, path, ctx, create) {
  const segs = path.split('.');
  const out = [];
  const walk = (container, i, prefix) => {
    let seg = segs[i];
    const here = prefix ? `${prefix}.${seg}` : seg;
    if (seg === '$') {
      if (!ctx.filter) throw badValue('The positional operator did not find the match needed from the query.');
      seg = String(positionalIndex(ctx.filter, ctx.original, prefix));
    }
    if (seg === '$[]' || /^\$\[\w+\]$/.test(seg)) {
      if (!Array.isArray(container)) {
        if (create) throw badValue(`The path '${prefix}' must exist in the document in order to apply array updates.`);
        return;
      }
      const test = seg === '$[]' ? () => true : ctx.arrayFilter(seg.slice(2, -1), path);
      container.forEach((el, j) => {
        if (test(el)) step(container, String(j), i, `${prefix}.${j}`);
      });
      return;
    }
    step(container, seg, i, here);
  };
  const step = (container, key, i, here) => {
    if (i === segs.length - 1) {
      out.push({ parent: container, key, path: here });
      return;
    }
    let child = getChild(container, key);
    if (child === undefined || child === null) {
      if (!create) return;
      child = {};
      setChild(container, key, child);
    } else if (typeof child !== 'object' || child._bsontype || child instanceof Date) {
      if (!create) return;
      throw new MongoError(28, `Cannot create field '${segs[i + 1]}' in element {${key}: ${describe(child)}}`);
    }
    walk(child, i + 1, here);
  };
  walk(doc, 0, '');
  return out;
}

function requireNumber(op, value, field) {
  if (!V.numKind(value)) {
    throw new MongoError(14, `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${field}: ${describe(value)}}`);
  }
}

function pushModifiers(value) {
  if (V.isDocument(value) && '$each' in value) {
    if (!Array.isArray(value.$each)) throw badValue('The argument to $each must be an array');
    return value;
  }
  return { $each: [value] };
}

function sortArray(array, spec) {
  const cmp = V.isDocument(spec)
    ? (a, b) => {
        for (const [f, dir] of Object.entries(spec)) {
          const c = V.compareValues(getPath(a, f), getPath(b, f)) * (V.toNumber(dir) < 0 ? -1 : 1);
          if (c) return c;
        }
        return 0;
      }
    : (a, b) => V.compareValues(a, b) * (V.toNumber(spec) < 0 ? -1 : 1);
  return array.sort(cmp);
}

function pullMatcher(cond) {
  if (V.isDocument(cond) && !isOperatorDoc(cond)) {
    const q = query(cond);
    return (el) => V.isDocument(el) && q.test(V.toNative(el));
  }
  if (isOperatorDoc(cond)) {
    const q = query({ v: cond });
    return (el) => q.test({ v: V.toNative(el) });
  }
  // A string equals only the identical string (as their canonical keys say), so no key is built per element: a
  // failed order's release pulls its id from a product's open orders, which can be thousands long.
  if (typeof cond === 'string') return (el) => el === cond;
  const key = V.keyOf(cond);
  return (el) => V.keyOf(el) === key;
}

function arrayAt(target, op) {
  const current = getChild(target.parent, target.key);
  if (current === undefined) return undefined;
  if (!Array.isArray(current)) {
    throw badValue(`The field '${target.path}' must be an array but is of type ${V.typeName(current)} in document`);
  }
  return current;
}

/** Applies one operator to one concrete target. */
function applyOperator(op, target, value, ctx) {
  const { parent, key, path } = target;
  const current = getChild(parent, key);
  switch (op) {
    case '$setOnInsert':
      if (!ctx.isInsert) return;
    // falls through: on insert $setOnInsert behaves like $set
    case '$set':
      setChild(parent, key, V.cloneValue(value));
      return;
    case '$unset':
      if (Array.isArray(parent)) { if (current !== undefined) parent[Number(key)] = null; }
      else delete parent[key];
      return;
    case '$inc':
    case '$mul': {
      requireNumber(op, value, path);
      if (current === undefined) {
        setChild(parent, key, op === '$inc' ? value : V.arithmetic(value, 0, 'mul'));
        return;
      }
      if (!V.numKind(current)) {
        throw new MongoError(14, `Cannot apply ${op} to a value of non-numeric type. {_id: ${describe(ctx.original._id)}} has the field '${key}' of non-numeric type ${V.typeName(current)}`);
      }
      setChild(parent, key, V.arithmetic(current, value, op === '$inc' ? 'add' : 'mul'));
      return;
    }
    case '$min':
    case '$max': {
      const c = current === undefined ? null : V.compareValues(value, current);
      if (current === undefined || (op === '$min' ? c < 0 : c > 0)) setChild(parent, key, V.cloneValue(value));
      return;
    }
    case '$currentDate': {
      const asTimestamp = V.isDocument(value) && value.$type === 'timestamp';
      setChild(parent, key, asTimestamp ? new Timestamp(Long.fromNumber(Math.floor(Date.now() / 1000) * 2 ** 32)) : new Date());
      return;
    }
    case '$push':
    case '$addToSet': {
      const array = arrayAt(target, op) || [];
      const mods = pushModifiers(value);
      if (op === '$addToSet') {
        for (const item of mods.$each) if (!array.some((x) => V.bsonEquals(x, item))) array.push(V.cloneValue(item));
      } else {
        const items = mods.$each.map(V.cloneValue);
        const pos = mods.$position === undefined ? array.length : V.toNumber(mods.$position);
        array.splice(pos < 0 ? Math.max(0, array.length + pos) : pos, 0, ...items);
        if (mods.$sort !== undefined) sortArray(array, mods.$sort);
        if (mods.$slice !== undefined) {
          const n = V.toNumber(mods.$slice);
          const kept = n >= 0 ? array.slice(0, n) : array.slice(Math.max(0, array.length + n));
          array.splice(0, array.length, ...kept);
        }
      }
      setChild(parent, key, array);
      return;
    }
    case '$pop': {
      const array = arrayAt(target, op);
      if (array && array.length) V.toNumber(value) < 0 ? array.shift() : array.pop();
      return;
    }
    case '$pull':
    case '$pullAll': {
      const array = arrayAt(target, op);
      if (!array) return;
      const matches = op === '$pull' ? pullMatcher(value) : (el) => value.some((v) => V.bsonEquals(el, v));
      if (op === '$pullAll' && !Array.isArray(value)) throw badValue(`$pullAll requires an array argument but was given a ${V.typeName(value)}`);
      const kept = array.filter((el) => !matches(el));
      array.splice(0, array.length, ...kept);
      return;
    }
    default:
      throw new MongoError(9, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
}

function checkConflicts(spec) {
  const paths = [];
  for (const [op, fields] of Object.entries(spec)) {
    for (const f of Object.keys(fields)) {
      paths.push(f);
      if (op === '$rename') paths.push(V.toNative(fields[f]));
    }
  }
  const norm = paths.map((p) => String(p).split('.').filter((s) => !s.startsWith('$')).join('.'));
  for (let i = 0; i < norm.length; i++) {
    for (let j = i + 1; j < norm.length; j++) {
      const [a, b] = [norm[i], norm[j]];
      if (a === b || a.startsWith(b + '.') || b.startsWith(a + '.')) {
        throw new MongoError(40, `Updating the path '${paths[j]}' would create a conflict at '${paths[i]}'`);
      }
    }
  }
}

function makeArrayFilters(arrayFilters) {
  const byId = new Map();
  for (const f of arrayFilters || []) {
    const ids = new Set(Object.keys(f).map((k) => k.split('.')[0]));
    if (ids.size !== 1) throw badValue('Each array filter must use a single top-level field name');
    const [id] = ids;
    byId.set(id, { q: query(f), used: false });
  }
  const lookup = (id, path) => {
    const entry = byId.get(id);
    if (!entry) throw badValue(`No array filter found for identifier '${id}' in path '${path}'`);
    entry.used = true;
    return (el) => entry.q.test({ [id]: V.toNative(el) });
  };
  lookup.checkAllUsed = () => {
    for (const [id, e] of byId) if (!e.used) throw badValue(`The array filter for identifier '${id}' was not used in the update`);
  };
  return lookup;
}

/** Applies operator-style `spec` to `doc` (a copy of `original`) in place. */
function applyOperators(doc, spec, original, options) {
  for (const op of Object.keys(spec)) {
    if (op === '$bit') throw new MongoError(9, 'Update operator $bit is not supported by the MongoDB stand-in');
    if (!SUPPORTED.has(op)) {
      throw new MongoError(9, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (!V.isDocument(spec[op])) throw new MongoError(9, `Modifiers operate on fields but we found type ${V.typeName(spec[op])} instead.`);
  }
  checkConflicts(spec);
  const arrayFilter = makeArrayFilters(options.arrayFilters);
  const ctx = { filter: options.filter, original, isInsert: !!options.isInsert, arrayFilter };
  for (const [op, fields] of Object.entries(spec)) {
    for (const [path, value] of Object.entries(fields)) {
      if (path === '_id' || path.startsWith('_id.')) {
        if (op !== '$setOnInsert' && op !== '$set') throw new MongoError(66, `Performing an update on the path '_id' would modify the immutable field '_id'`);
      }
      if (op === '$rename') {
        const from = resolveTargets(doc, path, ctx, false)[0];
        if (!from || getChild(from.parent, from.key) === undefined) continue;
        const moved = getChild(from.parent, from.key);
        delete from.parent[from.key];
        for (const t of resolveTargets(doc, String(V.toNative(value)), ctx, true)) setChild(t.parent, t.key, moved);
        continue;
      }
      if (op === '$setOnInsert' && !ctx.isInsert) continue;
      const removing = op === '$unset' || op === '$pop' || op === '$pull' || op === '$pullAll';
      for (const target of resolveTargets(doc, path, ctx, !removing)) applyOperator(op, target, value, ctx);
    }
  }
  arrayFilter.checkAllUsed();
}

function applyPipeline(doc, stages) {
  for (const stage of stages) {
    const name = Object.keys(stage)[0];
    if (!PIPELINE_STAGES.has(name)) throw new MongoError(40324, `Unrecognized pipeline stage name: '${name}' (not allowed in an update pipeline)`);
  }
  let out;
  try {
    out = new Aggregator(V.toNative(stages)).run([V.toNative(doc)])[0];
  } catch (err) {
    throw badValue(err.message);
  }
  return V.retype(out, doc);
}

function withIdFirst(id, rest) {
  const out = { _id: id };
  for (const [k, v] of Object.entries(rest)) if (k !== '_id') out[k] = v;
  return out;
}

/** Document that an upsert starts from: the filter's equality fields. */
function seedFromFilter(filter) {
  const seed = {};
  const visit = (f) => {
    for (const [k, v] of Object.entries(f || {})) {
      if (k === '$and') { v.forEach(visit); continue; }
      if (k.startsWith('$')) continue;
      let value;
      if (isOperatorDoc(v)) {
        if (!('$eq' in v)) continue;
        value = v.$eq;
      } else {
        value = v;
      }
      const targets = resolveTargets(seed, k, {}, true);
      for (const t of targets) setChild(t.parent, t.key, V.cloneValue(value));
    }
  };
  visit(filter);
  return seed;
}

/**
 * Returns the updated copy of `doc` (which itself is never modified) and
 * whether anything changed.
 * options: { filter, arrayFilters, isInsert }
 */
function applyUpdate(doc, spec, options = {}) {
  let next;
  if (Array.isArray(spec)) {
    next = applyPipeline(doc, spec);
  } else if (!V.isDocument(spec)) {
    throw badValue('Update argument must be either an object or an array');
  } else if (Object.keys(spec).length > 0 && Object.keys(spec).every((k) => k.startsWith('$'))) {
    next = V.cloneValue(doc);
    applyOperators(next, spec, doc, options);
  } else {
    if (Object.keys(spec).some((k) => k.startsWith('$'))) {
      throw badValue(`The dollar ($) prefixed field '${Object.keys(spec).find((k) => k.startsWith('$'))}' is not valid for storage.`);
    }
    if (spec._id !== undefined && doc._id !== undefined && !V.bsonEquals(spec._id, doc._id)) {
      throw new MongoError(66, `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${describe(spec._id)}`);
    }
    next = V.cloneValue(spec);
  }
  const id = doc._id !== undefined ? doc._id : next._id !== undefined ? next._id : new ObjectId();
  if (next._id !== undefined && !V.bsonEquals(next._id, id)) {
    throw new MongoError(66, `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${describe(next._id)}`);
  }
  next = withIdFirst(id, next);
  return { doc: next, changed: !V.strictEquals(doc, next) };
}

module.exports = { applyUpdate, seedFromFilter, query };
