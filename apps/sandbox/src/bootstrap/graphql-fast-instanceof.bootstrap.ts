import { createRequire } from 'node:module';

/*
 * graphql-js decides when its module loads whether every isXxxType() check also looks for a second copy of
 * graphql (a dev-only guard, on unless NODE_ENV=production). That guard was ~20 % of coercing a 250-line
 * inventory input. The standalone sandbox bundles exactly one graphql, so it loads graphql's instanceOf
 * under NODE_ENV=production and puts NODE_ENV back; nothing else sees the change. Must be main's first import.
 */
const previous = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
try {
  createRequire(__filename)('graphql/jsutils/instanceOf');
} finally {
  if (previous === undefined) {
    delete process.env.NODE_ENV;
  } else {
    process.env.NODE_ENV = previous;
  }
}
