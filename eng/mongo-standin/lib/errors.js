'use strict';

// Server errors carry mongod's numeric code and codeName so that drivers map
// them to the same exception types (e.g. 11000 -> DuplicateKey category).
const CODE_NAMES = {
  2: 'BadValue',
  9: 'FailedToParse',
  14: 'TypeMismatch',
  20: 'IllegalOperation',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  28: 'PathNotViable',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  115: 'CommandNotSupported',
  11000: 'DuplicateKey',
  40324: 'Location40324',
};

class MongoError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
    this.codeName = CODE_NAMES[code] || `Location${code}`;
  }
}

const badValue = (msg) => new MongoError(2, msg);

/** Wraps any thrown value (including mingo's own errors) as a MongoError. */
function toMongoError(err) {
  if (err instanceof MongoError) return err;
  // mingo reports unknown operators and invalid arguments by throwing plain
  // errors; those are client mistakes, so they surface as BadValue.
  return badValue(err && err.message ? err.message : String(err));
}

module.exports = { MongoError, badValue, toMongoError };
