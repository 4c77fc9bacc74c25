import path from 'path';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');

/** ../shared beside the clone: real scrapes we may read but never copy. */
export const SHARED_DIR = process.env.NEWSROOM_SHARED_DIR ?? path.resolve(APP_DIR, '..', 'shared');
