import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
/** Shared fixtures live beside the project, as the team's guide says: tests read them from there. */
export const FIXTURES = resolve(ROOT, '../shared/fixtures');
export const CORPORATE_RESOURCES = resolve(FIXTURES, 'corporate-resources-2015.xlsx');
export const COMMERCIAL_PROJECTS = resolve(FIXTURES, 'commercial-projects-example.xlsx');
export const MTFS_BIN = resolve(ROOT, 'bin/mtfs.js');
