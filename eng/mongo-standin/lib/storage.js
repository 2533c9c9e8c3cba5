'use strict';
// In-memory databases and collections, made durable by the per-database
// journal. Every mutation is applied in memory and logged as an idempotent
// state record ("this _id now holds this document", "these fields of this
// _id now hold these values", "this _id is gone"...), so replaying any
// suffix of the log twice yields the same state.
const fs = require('fs');
const path = require('path');
const { ObjectId } = require('bson');
const { MongoError } = require('./errors');
const { IndexCatalog } = require('./indexes');
const { Journal, readRecords } = require('./journal');
const V = require('./values');

function validateName(kind, name) {
  if (typeof name !== 'string' || !name || /[\0/\\. "$*<>:|?]/.test(kind === 'database' ? name : name.replace(/\./g, '')) || (kind === 'collection' && name.startsWith('system.'))) {
    throw new MongoError(73, `Invalid ${kind} name: '${name}'`);
  }
}

/** Same value down to the BSON bytes: the same primitives and wrapper instances. */
function identical(a, b) {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => identical(x, b[i]));
  if (!V.isDocument(a) || !V.isDocument(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((k, i) => k === keysB[i] && identical(a[k], b[k]));
}

/** How many leading elements two arrays share. */
function sharedPrefix(a, b) {
  const limit = Math.min(a.length, b.length);
  let n = 0;
  while (n < limit && identical(a[n], b[n])) n++;
  return n;
}

/**
 * The journal record for a document change: only the top-level fields that
 * changed ('u'), and of an array that keeps its first elements only what
 * follows them ('push': the first n, then these items), so that a $push onto
 * a long array logs the new elements and a $pull of a recent one the few
 * after it, not the whole array. Falls back to the full image ('p') when
 * replaying a 'u' could not reproduce the field order.
 */
function changeRecord(collName, before, after) {
  const afterKeys = Object.keys(after);
  const unset = Object.keys(before).filter((k) => !Object.hasOwn(after, k));
  const kept = Object.keys(before).filter((k) => Object.hasOwn(after, k));
  // Replay keeps the surviving fields in place and appends the new ones.
  if (!kept.every((k, i) => afterKeys[i] === k) || afterKeys.some((k) => after[k] === undefined)) {
    return { o: 'p', c: collName, d: after };
  }
  const set = {};
  const push = {};
  for (const k of afterKeys) {
    const [old, now] = [before[k], after[k]];
    if (identical(old, now)) continue;
    const kept = Array.isArray(old) && Array.isArray(now) ? sharedPrefix(old, now) : 0;
    if (kept > 0) {
      push[k] = { n: kept, items: now.slice(kept) };
    } else {
      set[k] = now;
    }
  }
  return { o: 'u', c: collName, id: after._id, set, unset, push };
}

/** Replays a 'u' record onto the document it was computed from. */
function applyChange(doc, r) {
  const next = {};
  for (const k of Object.keys(doc)) if (!r.unset.includes(k)) next[k] = doc[k];
  Object.assign(next, r.set);
  for (const [k, { n, items }] of Object.entries(r.push)) {
    if (!Array.isArray(next[k])) throw new Error(`journal record appends to '${k}', which is not an array`);
    next[k] = [...next[k].slice(0, V.toNumber(n)), ...items];
  }
  return next;
}

class Collection {
  constructor(db, name, options) {
    this.db = db;
    this.name = name;
    this.options = options || {};
    this.ns = `${db.name}.${name}`;
    this.records = new Map(); // idKey -> { doc, view, seq }; Map order = natural order
    this.nextSeq = 0; // seq orders records found by _id like the Map does
    this.indexes = new IndexCatalog(this.ns);
  }

  /** The plain-JS view mingo works on, cached until the document changes. */
  static view(rec) {
    if (!rec.view) rec.view = V.toNative(rec.doc);
    return rec.view;
  }

  get(id) {
    return this.records.get(V.keyOf(id));
  }

  insert(doc) {
    const full = doc._id === undefined ? { _id: new ObjectId(), ...doc } : doc;
    if (Array.isArray(full._id) || V.bsonType(full._id) === 'BSONRegExp') {
      throw new MongoError(2, `The '_id' value cannot be of type ${V.typeName(full._id)}`);
    }
    const idKey = V.keyOf(full._id);
    if (this.records.has(idKey)) {
      throw new MongoError(11000, `E11000 duplicate key error collection: ${this.ns} index: _id_ dup key: { _id: ${JSON.stringify(V.toNative(full._id))} }`);
    }
    this.indexes.check(full, idKey);
    this.indexes.add(full, idKey);
    this.records.set(idKey, { doc: full, seq: this.nextSeq++ });
    this.db.log({ o: 'p', c: this.name, d: full });
    return full;
  }

  replace(rec, next) {
    const idKey = V.keyOf(rec.doc._id);
    this.indexes.check(next, idKey);
    this.indexes.remove(rec.doc, idKey);
    this.indexes.add(next, idKey);
    const before = rec.doc;
    rec.doc = next;
    rec.view = null;
    this.db.log(changeRecord(this.name, before, next));
  }

  remove(rec) {
    const idKey = V.keyOf(rec.doc._id);
    this.indexes.remove(rec.doc, idKey);
    this.records.delete(idKey);
    this.db.log({ o: 'd', c: this.name, id: rec.doc._id });
  }

  createIndex(spec) {
    const created = this.indexes.create(spec, this.records);
    if (created) this.db.log({ o: 'i', c: this.name, spec });
    return created;
  }

  dropIndex(name) {
    this.indexes.drop(name);
    this.db.log({ o: 'j', c: this.name, name });
  }

  /** Records that make up this collection in a snapshot. */
  *snapshot() {
    yield { o: 'c', c: this.name, opts: this.options };
    for (const spec of this.indexes.list()) if (spec.name !== '_id_') yield { o: 'i', c: this.name, spec };
    for (const rec of this.records.values()) yield { o: 'p', c: this.name, d: rec.doc };
  }
}

class Database {
  constructor(store, name) {
    this.store = store;
    this.name = name;
    this.collections = new Map();
    this.journal = null;
    this.replaying = false;
  }

  log(record) {
    if (this.replaying) return;
    if (!this.journal) this.journal = new Journal(this.store.journalPath(this.name), this.store.committer);
    this.journal.append(record);
  }

  collection(name, create = false) {
    let coll = this.collections.get(name);
    if (!coll && create) coll = this.createCollection(name, {});
    return coll;
  }

  createCollection(name, options) {
    validateName('collection', name);
    if (this.collections.has(name)) throw new MongoError(48, `Collection ${this.name}.${name} already exists.`);
    const coll = new Collection(this, name, options);
    this.collections.set(name, coll);
    this.log({ o: 'c', c: name, opts: options });
    return coll;
  }

  dropCollection(name) {
    if (!this.collections.delete(name)) return false;
    this.log({ o: 'x', c: name });
    return true;
  }

  dropAll() {
    this.collections.clear();
    this.log({ o: 'X' });
  }

  /** Applies one journal record while loading. */
  apply(r) {
    switch (r.o) {
      case 'c': if (!this.collections.has(r.c)) this.collections.set(r.c, new Collection(this, r.c, r.opts)); break;
      case 'x': this.collections.delete(r.c); break;
      case 'X': this.collections.clear(); break;
      case 'i': this.collection(r.c).indexes.create(r.spec, this.collection(r.c).records); break;
      case 'j': this.collection(r.c).indexes.drop(r.name); break;
      case 'p': {
        const coll = this.collection(r.c);
        const rec = coll.get(r.d._id);
        if (rec) coll.replace(rec, r.d);
        else coll.insert(r.d);
        break;
      }
      case 'u': {
        const coll = this.collection(r.c);
        const rec = coll.get(r.id);
        if (rec) coll.replace(rec, applyChange(rec.doc, r));
        break;
      }
      case 'd': {
        const coll = this.collection(r.c);
        const rec = coll.get(r.id);
        if (rec) coll.remove(rec);
        break;
      }
      default: throw new Error(`unknown journal record ${JSON.stringify(r.o)}`);
    }
  }

  *snapshot() {
    for (const coll of this.collections.values()) yield* coll.snapshot();
  }

  /**
   * Rewrites the journal as a snapshot; removes it when the database is empty. Blocking at start-up; at runtime
   * `background` writes the snapshot between commands and returns the promise of its end.
   */
  compact({ background = false } = {}) {
    if (!this.journal) return undefined;
    if (this.collections.size === 0) {
      this.journal.remove();
      this.journal = null;
      this.store.databases.delete(this.name);
      return undefined;
    }
    if (background) return this.journal.compactInBackground([...this.snapshot()]);
    return this.journal.rewrite(this.snapshot());
  }
}

class Store {
  constructor(dbpath, committer) {
    this.dbpath = dbpath;
    this.committer = committer;
    this.databases = new Map();
  }

  journalPath(name) {
    return path.join(this.dbpath, `${encodeURIComponent(name)}.journal`);
  }

  /** Loads every journal, then compacts it (which also drops any torn tail). */
  open(logger) {
    fs.mkdirSync(this.dbpath, { recursive: true });
    for (const file of fs.readdirSync(this.dbpath)) {
      if (file.endsWith('.journal.tmp')) fs.rmSync(path.join(this.dbpath, file)); // interrupted compaction
      if (!file.endsWith('.journal')) continue;
      const name = decodeURIComponent(file.slice(0, -'.journal'.length));
      const { records, validBytes, totalBytes } = readRecords(path.join(this.dbpath, file));
      if (validBytes < totalBytes) logger(`journal ${file}: dropped ${totalBytes - validBytes} bytes of torn tail`);
      const db = new Database(this, name);
      db.replaying = true;
      for (const r of records) db.apply(r);
      db.replaying = false;
      db.journal = new Journal(this.journalPath(name), this.committer);
      this.databases.set(name, db);
      db.compact();
    }
  }

  db(name, create = false) {
    let db = this.databases.get(name);
    if (!db && create) {
      validateName('database', name);
      db = new Database(this, name);
      this.databases.set(name, db);
    }
    return db;
  }

  /**
   * Called after each group commit: compacts journals that grew too large, in the background (a failure stops the
   * server, as a failed journal write does).
   */
  maybeCompact(journals) {
    for (const db of this.databases.values()) {
      if (db.journal && journals.includes(db.journal) && db.journal.wantsCompaction()) {
        Promise.resolve(db.compact({ background: true })).catch((err) => this.committer.onError(err));
      }
    }
  }

  close() {
    for (const db of this.databases.values()) if (db.journal) db.journal.close();
  }
}

module.exports = { Store, Collection };
