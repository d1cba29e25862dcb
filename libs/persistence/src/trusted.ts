import mongoose from 'mongoose';

/**
 * Marks an operator object that the code built itself, e.g. `{ $in: ids }` or
 * `{ $gte: from, $lt: to }`, so that `sanitizeFilter` (on for every connection made by
 * `createMongoConnection`) leaves it as it is. Without it the connection wraps the object in
 * `$eq` and the filter matches nothing. Never wrap a value that came from a request or a message:
 * wrap the operator object the code writes, and put the outside value inside it.
 */
export function trusted<const T extends object>(operators: T): T {
  return mongoose.trusted(operators);
}
