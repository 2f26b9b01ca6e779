import { resolve } from 'node:path';

/** Every path a test reads goes through here: the repository and its own fixtures, nothing beside it. */
export const ROOT = resolve(__dirname, '../..');
export const FIXTURES = resolve(ROOT, 'test/fixtures');
export const CORPORATE_RESOURCES = resolve(FIXTURES, 'corporate-resources-2015.xlsx');
/** The published example with every total a live formula and six formula faults seeded (build-formula-audit.ts). */
export const FORMULA_AUDIT = resolve(FIXTURES, 'formula-audit.xlsx');
export const COMMERCIAL_PROJECTS = resolve(FIXTURES, 'commercial-projects-example.xlsx');
export const COUNCILS = resolve(FIXTURES, 'councils');
/** The demo's sample: the published department plus five example commercial proposals. */
export const EXAMPLE_WITH_PROPOSALS = resolve(ROOT, 'examples/corporate-resources-2015-with-proposals.xlsx');
export const MTFS_BIN = resolve(ROOT, 'bin/mtfs.js');
