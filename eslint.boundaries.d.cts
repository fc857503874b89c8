import type { Linter } from 'eslint';

/** The boundaries plugin, its element settings and the `boundaries/dependencies` policies (see eslint.boundaries.cjs). */
export declare const boundariesConfig: Linter.Config;
