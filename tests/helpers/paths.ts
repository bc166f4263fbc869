import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Project root, whatever the test's own folder. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The recorded leaderboards beside the checkout (`../shared/leaderboards`), read in place, never copied. */
export const sharedData = (...parts: string[]) => join(projectRoot, '..', 'shared', 'leaderboards', ...parts);

export const fixture = (...parts: string[]) => join(projectRoot, 'tests', 'fixtures', ...parts);
