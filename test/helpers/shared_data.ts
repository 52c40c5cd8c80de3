// The project's real data lives in ../shared/data beside the repository (as laid out for
// developers and for CI's clean clone). Tests that need it skip visibly where it is absent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url));
export const hasSharedData = existsSync(SHARED_DATA);
