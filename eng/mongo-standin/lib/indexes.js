'use strict';
// Index catalog of one collection. Only unique indexes are materialised (as
// Maps from canonical key to the owning document's _id key) because they are
// constraints; every index, unique or not, is kept as metadata so listIndexes
// and dropIndexes behave like mongod. Queries never use indexes except the
// _id primary-key Map held by the collection.
const { Query } = require('mingo');
const { MongoError } = require('./errors');
const V = require('./values');

const ID_INDEX = { v: 2, key: { _id: 1 }, name: '_id_' };

function validateSpec(spec) {
  if (!V.isDocument(spec.key) || Object.keys(spec.key).length === 0) {
    throw new MongoError(67, 'Index key pattern must be a non-empty document');
  }
  if (typeof spec.name !== 'string' || !spec.name) throw new MongoError(9, 'The index name must be a non-empty string');
  for (const [field, dir] of Object.entries(spec.key)) {
    if (!V.numKind(dir) || V.toNumber(dir) === 0) {
      throw new MongoError(67, `Index type '${V.toNative(dir)}' on field '${field}' is not supported by the MongoDB stand-in (only ascending/descending keys)`);
    }
  }
}

/** Every value a (dotted, array-traversing) path yields; missing -> [null]. */
function pathValues(doc, path) {
  let current = [doc];
  for (const seg of path.split('.')) {
    const next = [];
    for (const v of current) {
      if (Array.isArray(v)) {
        if (/^\d+$/.test(seg) && v[Number(seg)] !== undefined) next.push(v[Number(seg)]);
        for (const el of v) if (V.isDocument(el) && el[seg] !== undefined) next.push(el[seg]);
      } else if (V.isDocument(v) && v[seg] !== undefined) {
        next.push(v[seg]);
      }
    }
    current = next;
  }
  const flat = current.flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
  return flat.length ? flat : [undefined];
}

function displayValue(v) {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (V.bsonType(v) === 'ObjectId') return `ObjectId('${v.toHexString()}')`;
  return JSON.stringify(V.toNative(v));
}

class UniqueIndex {
  constructor(spec, ns) {
    this.spec = spec;
    this.ns = ns;
    this.fields = Object.keys(spec.key);
    this.entries = new Map(); // canonical key -> idKey
    this.partial = spec.partialFilterExpression ? new Query(V.toNative(spec.partialFilterExpression)) : null;
  }

  /** Canonical keys a document contributes ([] when sparse/partial excludes it). */
  keysFor(doc) {
    if (this.spec.sparse && this.fields.every((f) => pathValues(doc, f).every((v) => v === undefined))) return [];
    if (this.partial && !this.partial.test(V.toNative(doc))) return [];
    let combos = [[]];
    for (const f of this.fields) {
      const values = pathValues(doc, f);
      combos = combos.flatMap((c) => values.map((v) => [...c, v]));
    }
    const keys = new Map();
    for (const combo of combos) keys.set(combo.map((v) => V.keyOf(v)).join('|'), combo);
    return [...keys];
  }

  duplicateError(values) {
    const shown = this.fields.map((f, i) => `${f}: ${displayValue(values[i])}`).join(', ');
    return new MongoError(11000, `E11000 duplicate key error collection: ${this.ns} index: ${this.spec.name} dup key: { ${shown} }`);
  }
}

class IndexCatalog {
  constructor(ns) {
    this.ns = ns;
    this.specs = [ID_INDEX];
    this.unique = [];
  }

  list() {
    return this.specs;
  }

  find(name) {
    return this.specs.find((s) => s.name === name);
  }

  /** Throws the E11000 error if `doc` (owned by idKey) would violate a unique index. */
  check(doc, idKey) {
    for (const index of this.unique) {
      for (const [key, values] of index.keysFor(doc)) {
        const owner = index.entries.get(key);
        if (owner !== undefined && owner !== idKey) throw index.duplicateError(values);
      }
    }
  }

  add(doc, idKey) {
    for (const index of this.unique) for (const [key] of index.keysFor(doc)) index.entries.set(key, idKey);
  }

  remove(doc, idKey) {
    for (const index of this.unique) {
      for (const [key] of index.keysFor(doc)) if (index.entries.get(key) === idKey) index.entries.delete(key);
    }
  }

  /**
   * Adds an index; builds unique ones over `records` (Map idKey -> {doc}).
   * Returns false when an identical index already exists.
   */
  create(spec, records) {
    validateSpec(spec);
    const sameKey = (a, b) => V.keyOf(a.key) === V.keyOf(b.key);
    const byName = this.find(spec.name);
    if (byName) {
      if (sameKey(byName, spec) && !!byName.unique === !!spec.unique) return false;
      throw new MongoError(sameKey(byName, spec) ? 85 : 86, `An existing index has the same name as the requested index. Requested index: ${JSON.stringify(V.toNative(spec))}, existing index: ${JSON.stringify(V.toNative(byName))}`);
    }
    const byKey = this.specs.find((s) => sameKey(s, spec));
    if (byKey && !!byKey.unique === !!spec.unique) {
      throw new MongoError(85, `Index already exists with a different name: ${byKey.name}`);
    }
    if (spec.unique) {
      const index = new UniqueIndex(spec, this.ns);
      for (const [idKey, rec] of records) {
        for (const [key, values] of index.keysFor(rec.doc)) {
          if (index.entries.has(key) && index.entries.get(key) !== idKey) {
            const err = index.duplicateError(values);
            throw new MongoError(11000, `Index build failed: ${err.message}`);
          }
          index.entries.set(key, idKey);
        }
      }
      this.unique.push(index);
    }
    this.specs.push(spec);
    return true;
  }

  drop(name) {
    if (name === '_id_') throw new MongoError(72, 'cannot drop _id index');
    const spec = this.find(name);
    if (!spec) throw new MongoError(27, `index not found with name [${name}]`);
    this.specs = this.specs.filter((s) => s !== spec);
    this.unique = this.unique.filter((u) => u.spec !== spec);
  }

  nameForKey(key) {
    const spec = this.specs.find((s) => V.keyOf(s.key) === V.keyOf(key));
    if (!spec) throw new MongoError(27, `can't find index with key: ${JSON.stringify(V.toNative(key))}`);
    return spec.name;
  }
}

module.exports = { IndexCatalog, pathValues };
