'use strict';
// Command dispatch: turns one decoded command document into a reply document.
// Every command runs synchronously to completion, so each one is atomic with
// respect to all others (Node is single-threaded).
const os = require('os');
const { Query, Aggregator } = require('mingo');
const { Int32, Long, Double } = require('bson');
const pipelineOperators = require('mingo/operators/pipeline');
const { MongoError, badValue, toMongoError } = require('./errors');
const { Collection } = require('./storage');
const { pathValues } = require('./indexes');
const { applyUpdate, seedFromFilter, query } = require('./update');
const { writeConcernOf } = require('./writeconcern');
const V = require('./values');

const WIRE = {
  minWireVersion: 0,
  maxWireVersion: 21, // MongoDB 7.0
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48000000,
  maxWriteBatchSize: 100000,
};
const VERSION = '7.0.0';

// Stages mingo implements that need a real server (writes, change streams,
// search) are refused rather than silently doing the wrong thing.
const REFUSED_STAGES = new Set(['$out', '$merge', '$documents']);
const STAGES = new Set(Object.keys(pipelineOperators).filter((s) => !REFUSED_STAGES.has(s)));

const OK = new Double(1);
const int = (n) => new Int32(n);

// ---- helpers

function requireName(value, command) {
  if (typeof value !== 'string' || !value) throw new MongoError(73, `${command} requires a collection name string`);
  return value;
}

/** For strings and ObjectIds the canonical key is equal exactly when mingo finds the values equal. */
const keyed = (v) => typeof v === 'string' || V.bsonType(v) === 'ObjectId';

/**
 * The `_id` values the primary-key Map can answer the filter from, or null
 * when the collection must be scanned: `_id: v`, `_id: {$eq: v}`, and
 * `_id: {$in: [...]}` over strings and ObjectIds. `exact`: the filter is the
 * `_id` alone and every value a string or ObjectId, so the Map's answer is
 * the filter's and nothing needs testing.
 */
function idLookup(filter) {
  if (!filter || !('_id' in filter)) return null;
  const alone = Object.keys(filter).length === 1;
  const id = filter._id;
  if (!V.isDocument(id)) return V.bsonType(id) === 'BSONRegExp' ? null : { values: [id], exact: alone && keyed(id) };
  const ops = Object.keys(id);
  if (ops.length !== 1) return null;
  if (ops[0] === '$eq') return { values: [id.$eq], exact: alone && keyed(id.$eq) };
  if (ops[0] === '$in' && Array.isArray(id.$in) && id.$in.every(keyed)) return { values: id.$in, exact: alone };
  return null;
}

/** Records matching `filter`, in natural order; `_id` lookups use the primary-key Map. */
function matchRecords(coll, filter, limit = 0) {
  const lookup = idLookup(filter);
  // An exact lookup is neither compiled nor tested on each record found (for `$in`, a search of its list per record).
  const q = lookup?.exact ? null : query(filter || {});
  if (!coll) return [];
  let candidates;
  if (lookup) {
    const found = new Set();
    for (const id of lookup.values) {
      const rec = coll.get(id);
      if (rec) found.add(rec);
    }
    candidates = [...found].sort((a, b) => a.seq - b.seq);
  } else {
    candidates = coll.records.values();
  }
  const out = [];
  for (const rec of candidates) {
    if (!q || q.test(Collection.view(rec))) {
      out.push(rec);
      if (limit && out.length >= limit) break;
    }
  }
  return out;
}

function sortRecords(records, sort) {
  if (!sort || Object.keys(sort).length === 0) return records;
  const spec = V.toNative(sort);
  for (const [field, dir] of Object.entries(spec)) {
    if (field === '$natural') { delete spec[field]; continue; }
    if (dir !== 1 && dir !== -1) throw badValue(`$sort on '${field}': only 1 and -1 are supported, got ${JSON.stringify(dir)}`);
  }
  if (!Object.keys(spec).length) return records;
  const byView = new Map(records.map((r) => [Collection.view(r), r]));
  return new Query({}).find([...byView.keys()]).sort(spec).all().map((view) => byView.get(view));
}

function project(docs, projection) {
  if (!projection || Object.keys(projection).length === 0) return docs;
  let projected;
  try {
    projected = new Query({}).find(docs.map(V.toNative), V.toNative(projection)).all();
  } catch (err) {
    throw badValue(err.message);
  }
  return projected.map((p, i) => V.retype(p, docs[i]));
}

function integerOption(value, name) {
  const n = value === undefined || value === null ? 0 : V.toNumber(value);
  if (!Number.isInteger(n)) throw badValue(`${name} must be an integer`);
  return n;
}

// ---- write helpers shared by update and findAndModify

function upsertDocument(filter, update, arrayFilters) {
  const seed = seedFromFilter(filter);
  const isReplacement = V.isDocument(update) && !Object.keys(update).some((k) => k.startsWith('$'));
  const base = isReplacement ? (seed._id !== undefined ? { _id: seed._id } : {}) : seed;
  return applyUpdate(base, update, { isInsert: true, arrayFilters, filter }).doc;
}

function updateStatement(db, collName, stmt) {
  const filter = stmt.q || {};
  const multi = !!stmt.multi;
  if (stmt.collation !== undefined) throw badValue('collation is not supported by the MongoDB stand-in');
  if (multi && V.isDocument(stmt.u) && !Object.keys(stmt.u).some((k) => k.startsWith('$')) && Object.keys(stmt.u).length) {
    throw new MongoError(9, 'multi update is not supported for replacement-style update');
  }
  const coll = db.collection(collName);
  const matched = matchRecords(coll, filter, multi ? 0 : 1);
  let nModified = 0;
  for (const rec of matched) {
    const { doc, changed } = applyUpdate(rec.doc, stmt.u, { filter, arrayFilters: stmt.arrayFilters });
    if (changed) {
      coll.replace(rec, doc);
      nModified++;
    }
  }
  if (matched.length === 0 && stmt.upsert) {
    const doc = upsertDocument(filter, stmt.u, stmt.arrayFilters);
    db.collection(collName, true).insert(doc);
    return { n: 1, nModified: 0, upsertedId: doc._id };
  }
  return { n: matched.length, nModified };
}

function writeError(index, err) {
  const e = toMongoError(err);
  return { index: int(index), code: int(e.code), codeName: e.codeName, errmsg: e.message };
}

/** Runs statements in order; ordered batches stop at the first error. */
function runBatch(statements, ordered, run) {
  const writeErrors = [];
  statements.forEach((stmt, i) => {
    if (ordered !== false && writeErrors.length) return;
    try {
      run(stmt, i);
    } catch (err) {
      writeErrors.push(writeError(i, err));
    }
  });
  return writeErrors;
}

// ---- commands

function helloReply(ctx, cmd, legacy) {
  const reply = {
    [legacy ? 'ismaster' : 'isWritablePrimary']: true,
    ...WIRE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: int(30),
    connectionId: int(ctx.connectionId),
    readOnly: false,
    ok: OK,
  };
  if (cmd.helloOk) reply.helloOk = true;
  return reply;
}

function cursorCommandOptions(cmd) {
  const cursorOpt = V.isDocument(cmd.cursor) ? cmd.cursor : {};
  const batchSize = cursorOpt.batchSize !== undefined ? V.toNumber(cursorOpt.batchSize) : cmd.batchSize !== undefined ? V.toNumber(cmd.batchSize) : undefined;
  return { batchSize };
}

const commands = {
  hello: (ctx, cmd) => helloReply(ctx, cmd, false),
  isMaster: (ctx, cmd) => helloReply(ctx, cmd, true),
  ping: () => ({ ok: OK }),
  buildInfo: () => ({
    version: VERSION,
    gitVersion: 'microshop-mongo-standin',
    versionArray: [int(7), int(0), int(0), int(0)],
    bits: int(64),
    debug: false,
    maxBsonObjectSize: int(WIRE.maxBsonObjectSize),
    storageEngines: ['standin-journal'],
    modules: [],
    ok: OK,
  }),
  getParameter: (ctx, cmd) => {
    const reply = { ok: OK };
    if (cmd.featureCompatibilityVersion !== undefined) reply.featureCompatibilityVersion = { version: '7.0' };
    return reply;
  },
  getLog: () => ({ log: [], totalLinesWritten: int(0), ok: OK }),
  endSessions: () => ({ ok: OK }),
  killSessions: () => ({ ok: OK }),
  refreshSessions: () => ({ ok: OK }),
  whatsmyuri: (ctx) => ({ you: ctx.remote, ok: OK }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: OK }),
  hostInfo: () => ({ system: { hostname: os.hostname(), numCores: int(os.cpus().length) }, os: { type: os.type() }, ok: OK }),
  serverStatus: (ctx) => ({
    host: os.hostname(),
    version: VERSION,
    process: 'mongo-standin',
    pid: Long.fromNumber(process.pid),
    uptime: new Double(process.uptime()),
    localTime: new Date(),
    connections: { current: int(ctx.server.connections) },
    ok: OK,
  }),

  insert: (ctx, cmd) => {
    const collName = requireName(cmd.insert, 'insert');
    const docs = cmd.documents || [];
    const db = ctx.db(true);
    let n = 0;
    const writeErrors = runBatch(docs, cmd.ordered, (doc) => {
      if (!V.isDocument(doc)) throw badValue('document to insert must be an object');
      db.collection(collName, true).insert(doc);
      n++;
    });
    return { n: int(n), ...(writeErrors.length ? { writeErrors } : {}), ok: OK };
  },

  update: (ctx, cmd) => {
    const collName = requireName(cmd.update, 'update');
    const db = ctx.db(true);
    let n = 0;
    let nModified = 0;
    const upserted = [];
    const writeErrors = runBatch(cmd.updates || [], cmd.ordered, (stmt, index) => {
      const r = updateStatement(db, collName, stmt);
      n += r.n;
      nModified += r.nModified;
      if (r.upsertedId !== undefined) upserted.push({ index: int(index), _id: r.upsertedId });
    });
    return {
      n: int(n),
      nModified: int(nModified),
      ...(upserted.length ? { upserted } : {}),
      ...(writeErrors.length ? { writeErrors } : {}),
      ok: OK,
    };
  },

  delete: (ctx, cmd) => {
    const collName = requireName(cmd.delete, 'delete');
    const coll = ctx.db(false)?.collection(collName);
    let n = 0;
    const writeErrors = runBatch(cmd.deletes || [], cmd.ordered, (stmt) => {
      if (stmt.collation !== undefined) throw badValue('collation is not supported by the MongoDB stand-in');
      const limit = V.toNumber(stmt.limit ?? 0);
      if (limit !== 0 && limit !== 1) throw badValue('The limit field in delete objects must be 0 or 1');
      for (const rec of matchRecords(coll, stmt.q || {}, limit)) {
        coll.remove(rec);
        n++;
      }
    });
    return { n: int(n), ...(writeErrors.length ? { writeErrors } : {}), ok: OK };
  },

  findAndModify: (ctx, cmd) => {
    const collName = requireName(cmd.findAndModify ?? cmd.findandmodify, 'findAndModify');
    if (cmd.remove && cmd.update !== undefined) throw badValue('Cannot specify both an update and remove=true');
    if (!cmd.remove && cmd.update === undefined) throw new MongoError(9, 'Either an update or remove=true must be specified');
    const db = ctx.db(true);
    const coll = db.collection(collName);
    const filter = cmd.query || {};
    const candidates = matchRecords(coll, filter);
    const rec = sortRecords(candidates, cmd.sort)[0];
    const fields = cmd.fields;
    const shape = (doc) => (doc ? project([doc], fields)[0] : null);
    if (cmd.remove) {
      if (rec) coll.remove(rec);
      return { lastErrorObject: { n: int(rec ? 1 : 0) }, value: shape(rec?.doc), ok: OK };
    }
    if (rec) {
      const before = rec.doc;
      const { doc, changed } = applyUpdate(before, cmd.update, { filter, arrayFilters: cmd.arrayFilters });
      if (changed) coll.replace(rec, doc);
      return { lastErrorObject: { n: int(1), updatedExisting: true }, value: shape(cmd.new ? doc : before), ok: OK };
    }
    if (cmd.upsert) {
      const doc = upsertDocument(filter, cmd.update, cmd.arrayFilters);
      db.collection(collName, true).insert(doc);
      return { lastErrorObject: { n: int(1), updatedExisting: false, upserted: doc._id }, value: shape(cmd.new ? doc : null), ok: OK };
    }
    return { lastErrorObject: { n: int(0), updatedExisting: false }, value: null, ok: OK };
  },

  find: (ctx, cmd) => {
    const collName = requireName(cmd.find, 'find');
    const coll = ctx.db(false)?.collection(collName);
    const skip = integerOption(cmd.skip, 'skip');
    if (skip < 0) throw badValue('skip value must be non-negative');
    let limit = integerOption(cmd.limit, 'limit');
    let singleBatch = !!cmd.singleBatch;
    if (limit < 0) { limit = -limit; singleBatch = true; }
    const sorted = cmd.sort && Object.keys(cmd.sort).length;
    // Without a sort, stop scanning once skip + limit documents matched.
    let records = matchRecords(coll, cmd.filter || {}, !sorted && limit ? skip + limit : 0);
    records = sortRecords(records, cmd.sort).slice(skip, limit ? skip + limit : undefined);
    const docs = project(records.map((r) => r.doc), cmd.projection);
    const batchSize = cmd.batchSize !== undefined ? V.toNumber(cmd.batchSize) : undefined;
    return ctx.cursors.first(`${ctx.dbName}.${collName}`, docs, {
      batchSize: limit && (batchSize === undefined || batchSize > limit) ? limit : batchSize,
      singleBatch,
    });
  },

  getMore: (ctx, cmd) => {
    const collName = requireName(cmd.collection, 'getMore');
    const batchSize = cmd.batchSize !== undefined ? V.toNumber(cmd.batchSize) : 0;
    return ctx.cursors.more(cmd.getMore, `${ctx.dbName}.${collName}`, batchSize);
  },

  killCursors: (ctx, cmd) => ctx.cursors.kill(cmd.cursors || []),

  count: (ctx, cmd) => {
    const coll = ctx.db(false)?.collection(requireName(cmd.count, 'count'));
    const skip = integerOption(cmd.skip, 'skip');
    const limit = Math.abs(integerOption(cmd.limit, 'limit'));
    let n = Math.max(0, matchRecords(coll, cmd.query || {}).length - skip);
    if (limit) n = Math.min(n, limit);
    return { n: int(n), ok: OK };
  },

  distinct: (ctx, cmd) => {
    const coll = ctx.db(false)?.collection(requireName(cmd.distinct, 'distinct'));
    if (typeof cmd.key !== 'string') throw badValue('distinct requires a key string');
    const seen = new Map();
    for (const rec of matchRecords(coll, cmd.query || {})) {
      for (const v of pathValues(rec.doc, cmd.key)) {
        if (v === undefined) continue;
        const k = V.keyOf(v);
        if (!seen.has(k)) seen.set(k, v);
      }
    }
    return { values: [...seen.values()].sort(V.compareValues), ok: OK };
  },

  aggregate: (ctx, cmd) => {
    if (typeof cmd.aggregate !== 'string') throw badValue('aggregate without a collection (aggregate: 1) is not supported by the MongoDB stand-in');
    if (cmd.explain) throw badValue('explain is not supported by the MongoDB stand-in');
    if (!Array.isArray(cmd.pipeline)) throw badValue("'pipeline' option must be specified as an array");
    const db = ctx.db(false);
    const coll = db?.collection(cmd.aggregate);
    let stages = cmd.pipeline;
    for (const stage of stages) {
      const name = Object.keys(stage)[0];
      if (!STAGES.has(name)) {
        const why = REFUSED_STAGES.has(name) ? 'is not supported by the MongoDB stand-in' : 'is not recognised';
        throw new MongoError(40324, `Unrecognized pipeline stage name: '${name}' (${why})`);
      }
    }
    // A leading $match goes through the indexed path (e.g. _id lookups).
    let records;
    if (stages.length && stages[0].$match) {
      records = matchRecords(coll, stages[0].$match);
      stages = stages.slice(1);
    } else {
      records = coll ? [...coll.records.values()] : [];
    }
    // Typed originals by _id, so output documents get their exact BSON types back.
    const sources = new Map(records.map((r) => [V.keyOf(r.doc._id), r.doc]));
    const joined = new Map();
    const resolver = (name) => {
      const other = db?.collection(name);
      if (!other) return [];
      for (const [key, rec] of other.records) if (!joined.has(key)) joined.set(key, rec.doc);
      return [...other.records.values()].map((r) => V.toNative(r.doc));
    };
    let out;
    try {
      out = new Aggregator(V.toNative(stages), { collectionResolver: resolver, processingMode: 1 /* CLONE_INPUT: keep cached views intact */ })
        .run(records.map((r) => Collection.view(r)));
    } catch (err) {
      throw badValue(err.message);
    }
    const byId = (id) => joined.get(V.keyOf(id));
    const typed = out.map((doc) => V.retype(doc, doc && doc._id !== undefined ? sources.get(V.keyOf(doc._id)) : undefined, byId));
    return ctx.cursors.first(`${ctx.dbName}.${cmd.aggregate}`, typed, cursorCommandOptions(cmd));
  },

  create: (ctx, cmd) => {
    const name = requireName(cmd.create, 'create');
    for (const option of ['capped', 'viewOn', 'timeseries', 'clusteredIndex', 'validator', 'changeStreamPreAndPostImages']) {
      if (cmd[option] !== undefined) throw badValue(`create option '${option}' is not supported by the MongoDB stand-in`);
    }
    ctx.db(true).createCollection(name, {});
    return { ok: OK };
  },

  drop: (ctx, cmd) => {
    const name = requireName(cmd.drop, 'drop');
    const db = ctx.db(false);
    const coll = db?.collection(name);
    if (!coll) return { ok: OK };
    const nIndexesWas = coll.indexes.list().length;
    db.dropCollection(name);
    return { ns: `${ctx.dbName}.${name}`, nIndexesWas: int(nIndexesWas), ok: OK };
  },

  dropDatabase: (ctx) => {
    const db = ctx.db(false);
    if (db) db.dropAll();
    return { dropped: ctx.dbName, ok: OK };
  },

  listCollections: (ctx, cmd) => {
    const db = ctx.db(false);
    let infos = [...(db ? db.collections.values() : [])].map((c) => ({
      name: c.name,
      type: 'collection',
      options: c.options,
      info: { readOnly: false },
      idIndex: { v: int(2), key: { _id: int(1) }, name: '_id_' },
    }));
    if (cmd.filter && Object.keys(cmd.filter).length) {
      const q = query(cmd.filter);
      infos = infos.filter((i) => q.test(V.toNative(i)));
    }
    if (cmd.nameOnly) infos = infos.map(({ name, type }) => ({ name, type }));
    return ctx.cursors.first(`${ctx.dbName}.$cmd.listCollections`, infos, cursorCommandOptions(cmd));
  },

  listDatabases: (ctx, cmd) => {
    let dbs = [...ctx.store.databases.values()]
      .filter((db) => db.collections.size > 0)
      .map((db) => ({ name: db.name, sizeOnDisk: Long.fromNumber(db.journal ? db.journal.size : 0), empty: false }));
    if (cmd.filter && Object.keys(cmd.filter).length) {
      const q = query(cmd.filter);
      dbs = dbs.filter((d) => q.test(V.toNative(d)));
    }
    const totalSize = dbs.reduce((s, d) => s + d.sizeOnDisk.toNumber(), 0);
    if (cmd.nameOnly) return { databases: dbs.map(({ name }) => ({ name })), ok: OK };
    return { databases: dbs, totalSize: Long.fromNumber(totalSize), totalSizeMb: Long.fromNumber(Math.round(totalSize / 1048576)), ok: OK };
  },

  listIndexes: (ctx, cmd) => {
    const name = requireName(cmd.listIndexes, 'listIndexes');
    const coll = ctx.db(false)?.collection(name);
    if (!coll) throw new MongoError(26, `ns does not exist: ${ctx.dbName}.${name}`);
    return ctx.cursors.first(`${ctx.dbName}.${name}`, coll.indexes.list(), cursorCommandOptions(cmd));
  },

  createIndexes: (ctx, cmd) => {
    const name = requireName(cmd.createIndexes, 'createIndexes');
    if (!Array.isArray(cmd.indexes) || !cmd.indexes.length) throw badValue("Must specify at least one index to create");
    const db = ctx.db(true);
    const existed = !!db.collection(name);
    const coll = db.collection(name, true);
    const before = coll.indexes.list().length;
    let created = 0;
    for (const spec of cmd.indexes) {
      const full = { v: int(2), ...spec };
      if (coll.createIndex(full)) created++;
    }
    return {
      numIndexesBefore: int(before),
      numIndexesAfter: int(coll.indexes.list().length),
      createdCollectionAutomatically: !existed,
      ...(created ? {} : { note: 'all indexes already exist' }),
      ok: OK,
    };
  },

  dropIndexes: (ctx, cmd) => {
    const name = requireName(cmd.dropIndexes ?? cmd.deleteIndexes, 'dropIndexes');
    const coll = ctx.db(false)?.collection(name);
    if (!coll) throw new MongoError(26, `ns not found ${ctx.dbName}.${name}`);
    const nIndexesWas = coll.indexes.list().length;
    let names;
    if (cmd.index === '*') names = coll.indexes.list().map((s) => s.name).filter((n) => n !== '_id_');
    else if (typeof cmd.index === 'string') names = [cmd.index];
    else if (Array.isArray(cmd.index)) names = cmd.index;
    else if (V.isDocument(cmd.index)) names = [coll.indexes.nameForKey(cmd.index)];
    else throw badValue('dropIndexes requires an index name, key pattern, list of names or "*"');
    for (const n of names) coll.dropIndex(n);
    return { nIndexesWas: int(nIndexesWas), ok: OK };
  },

  dbStats: (ctx) => {
    const db = ctx.db(false);
    const colls = db ? [...db.collections.values()] : [];
    return {
      db: ctx.dbName,
      collections: int(colls.length),
      objects: Long.fromNumber(colls.reduce((s, c) => s + c.records.size, 0)),
      indexes: int(colls.reduce((s, c) => s + c.indexes.list().length, 0)),
      storageSize: Long.fromNumber(db?.journal ? db.journal.size : 0),
      ok: OK,
    };
  },
};

const ALIASES = {
  ismaster: 'isMaster', buildinfo: 'buildInfo', findandmodify: 'findAndModify', deleteIndexes: 'dropIndexes',
};

const TRANSACTION_COMMANDS = new Set(['commitTransaction', 'abortTransaction']);

/**
 * Executes one command. Never throws: failures become { ok: 0, errmsg,
 * code, codeName } replies, as mongod sends them.
 */
function execute(ctx, body) {
  const name = Object.keys(body)[0];
  try {
    if (name === undefined) throw badValue('empty command document');
    if (body.collation !== undefined) throw badValue('collation is not supported by the MongoDB stand-in');
    // Like a standalone mongod: sessions are fine, transactions are not.
    if (body.txnNumber !== undefined || body.startTransaction !== undefined || body.autocommit !== undefined || TRANSACTION_COMMANDS.has(name)) {
      throw new MongoError(20, 'Transaction numbers are only allowed on a replica set member or mongos');
    }
    const canonical = ALIASES[name] || name;
    const handler = commands[canonical];
    if (!handler || !Object.prototype.hasOwnProperty.call(commands, canonical)) {
      throw new MongoError(59, `no such command: '${name}'`);
    }
    // Checked before the command runs: a refused write concern writes nothing.
    // A valid one needs no handling here: see writeconcern.js.
    writeConcernOf(canonical, body);
    return handler(ctx, body);
  } catch (err) {
    if (!(err instanceof MongoError)) ctx.log?.(`command ${name} failed: ${err && err.stack ? err.stack : err}`);
    const e = toMongoError(err);
    return { ok: new Double(0), errmsg: e.message, code: int(e.code), codeName: e.codeName };
  }
}

module.exports = { execute, WIRE };
