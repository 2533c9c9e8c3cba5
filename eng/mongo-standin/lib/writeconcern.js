'use strict';
// The `writeConcern` of a command, parsed and checked as a standalone mongod
// 7.0 does, before the command runs (a refused write concern means nothing
// was written). Sources, mongodb/mongo:
//   src/mongo/db/write_concern_options.cpp  WriteConcernOptions::parse,
//       deserializeWriteConcernW, parseWTimeoutFromBSON
//   src/mongo/db/write_concern.cpp          validateWriteConcern:
//       standalone + w > 1       -> BadValue "cannot use 'w' > 1 when a host is not replicated"
//       standalone + w: "<tag>"  -> BadValue "cannot use non-majority 'w' mode \"<tag>\" when a
//                                   host is not a member of a replica set"
//       j: true on a host without journaling (ephemeral storage engine)
//                                -> BadValue "cannot use 'j' option when a host does not have
//                                   journaling enabled"
//   src/mongo/db/service_entry_point_common.cpp: a command that does not take a
//       write concern but names one -> InvalidOptions "Command does not support writeConcern"
// These are top-level command errors ({ok: 0}), not writeConcernError.
//
// What a valid write concern changes here: nothing but the reply.
// - j: true, j: false, or unset, w: 1 or "majority": every acknowledged reply
//   is already sent only after all journal records appended before it are
//   written and fdatasync'ed (Committer.whenDurable in journal.js, called for
//   every reply by server.js), so every acknowledged write is journaled. mongod
//   may acknowledge j: false/unset writes before its journal flush; the stand-in
//   never does, which is stricter, never weaker.
// - w: "majority" on a standalone: the write is on the only member, so it is
//   majority-committed once applied (mongod waits for no other node either);
//   acknowledged after its sync like every other write.
// - wtimeout: accepted; it bounds only waiting for other members, and a
//   standalone has none (mongod ignores it there as well).
// - w: 0: unacknowledged. A driver sends it with OP_MSG's moreToCome flag;
//   server.js then runs the command and sends nothing. Its journal records go
//   out with the next group commit like any other write, without a reply to
//   hold. Sent without moreToCome, w: 0 is answered like w: 1, as mongod does.
// - The stand-in has no mode without journaling (nor does mongod 7.0 with
//   WiredTiger: --nojournal was removed in 6.1), so j: true is never refused.
const { MongoError } = require('./errors');
const V = require('./values');

const FAILED_TO_PARSE = 9;
const TYPE_MISMATCH = 14;
const BAD_VALUE = 2;
const INVALID_OPTIONS = 72;

const MAX_MEMBERS = 50; // repl::ReplSetConfig::kMaxMembers

/**
 * Commands of the stand-in that take a write concern. `aggregate` takes one
 * on mongod for $out/$merge only; both stages are refused here, so an
 * aggregate never writes, but its write concern is still checked rather than
 * refused.
 */
const WRITE_CONCERN_COMMANDS = new Set([
  'insert', 'update', 'delete', 'findAndModify',
  'create', 'drop', 'dropDatabase', 'createIndexes', 'dropIndexes',
  'aggregate',
]);

const IGNORED_FIELDS = new Set(['wOpTime', 'wElectionId', 'getLastError']);
const PROVENANCES = new Set(['clientSupplied', 'implicitDefault', 'customDefault', 'getLastErrorDefaults', 'internalWriteDefault']);

/** mongod's names for BSON types, as its messages print them. */
function bsonTypeName(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  switch (V.bsonType(v)) {
    case 'Int32': return 'int';
    case 'Long': return 'long';
    case 'Double': return 'double';
    case 'Decimal128': return 'decimal';
    case 'ObjectId': return 'objectId';
    case 'BSONRegExp': return 'regex';
    case 'Binary': return 'binData';
    case 'Timestamp': return 'timestamp';
    case undefined: return 'object';
    default: return V.bsonType(v).toLowerCase();
  }
}

/** BSONElement::safeNumberLong: truncated toward zero, NaN as 0. */
function safeNumberLong(v) {
  const n = Math.trunc(V.toNumber(v));
  return Number.isNaN(n) ? 0 : n;
}

function safeBool(value, field) {
  if (typeof value === 'boolean') return value;
  if (V.numKind(value)) return V.toNumber(value) !== 0;
  throw new MongoError(TYPE_MISMATCH, `BSON field 'WriteConcernOptions.${field}' is the wrong type '${bsonTypeName(value)}', expected types '[bool, long, int, decimal, double]'`);
}

function parseW(w) {
  if (w === undefined || w === null) return 1;
  if (V.numKind(w)) {
    const n = safeNumberLong(w);
    if (n < 0 || n > MAX_MEMBERS) {
      throw new MongoError(FAILED_TO_PARSE, `w has to be a non-negative number and not greater than ${MAX_MEMBERS}; found: ${n}`);
    }
    return n;
  }
  if (typeof w === 'string') return w;
  if (V.isDocument(w)) {
    const tags = Object.keys(w);
    if (!tags.length) throw new MongoError(FAILED_TO_PARSE, 'tagged write concern requires tags');
    for (const tag of tags) {
      if (!V.numKind(w[tag])) {
        throw new MongoError(FAILED_TO_PARSE, `tags must be a single level document with only number values; found: ${tag}: ${JSON.stringify(V.toNative(w[tag]))}`);
      }
    }
    return w;
  }
  throw new MongoError(FAILED_TO_PARSE, `w has to be a number, string, or object; found: ${bsonTypeName(w)}`);
}

/**
 * The command's write concern as { w, j, wtimeout } (w: a number, a mode
 * string or a tag document), or null when it names none (the default,
 * {w: 1}). Throws the MongoError mongod would answer for a write concern it
 * refuses on a standalone server, and for one on a command that takes none.
 */
function writeConcernOf(commandName, body) {
  if (!Object.hasOwn(body, 'writeConcern')) return null;
  const wc = body.writeConcern;
  if (!WRITE_CONCERN_COMMANDS.has(commandName)) {
    throw new MongoError(INVALID_OPTIONS, 'Command does not support writeConcern');
  }
  if (!V.isDocument(wc)) {
    throw new MongoError(TYPE_MISMATCH, `"writeConcern" had the wrong type. Expected object, found ${bsonTypeName(wc)}`);
  }
  const fields = Object.keys(wc);
  if (!fields.length) return null; // {} is the default write concern

  for (const field of fields) {
    if (IGNORED_FIELDS.has(field) || ['w', 'j', 'fsync', 'wtimeout'].includes(field)) continue;
    if (field === 'provenance') {
      if (!PROVENANCES.has(wc.provenance)) throw new MongoError(BAD_VALUE, `Enumeration value '${V.toNative(wc.provenance)}' for field 'WriteConcernOptions.provenance' is not a valid value.`);
      continue;
    }
    throw new MongoError(FAILED_TO_PARSE, `unrecognized write concern field: ${field}`);
  }

  const w = parseW(wc.w);
  const j = wc.j === undefined ? undefined : safeBool(wc.j, 'j');
  const fsync = wc.fsync === undefined ? undefined : safeBool(wc.fsync, 'fsync');
  if (j && fsync) throw new MongoError(FAILED_TO_PARSE, 'fsync and j options cannot be used together');
  const wtimeout = wc.wtimeout !== undefined && V.numKind(wc.wtimeout) ? safeNumberLong(wc.wtimeout) : 0;

  // validateWriteConcern on a host that is not a replica set member.
  if (typeof w === 'number' && w > 1) {
    throw new MongoError(BAD_VALUE, "cannot use 'w' > 1 when a host is not replicated");
  }
  if (typeof w === 'string' && w !== 'majority') {
    throw new MongoError(BAD_VALUE, `cannot use non-majority 'w' mode "${w}" when a host is not a member of a replica set`);
  }
  // A tag document passes on a standalone mongod too: it waits for no other
  // member (ReplicationCoordinatorImpl::_startWaitingForReplication returns at
  // once when the host is not replicated).
  return { w, j: !!(j || fsync), wtimeout };
}

module.exports = { writeConcernOf, WRITE_CONCERN_COMMANDS };
