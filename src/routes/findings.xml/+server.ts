import { atomRoute } from '$lib/server/export/http';
import { findingFeed } from '$lib/server/export/finding-feed';

export const { GET, OPTIONS } = atomRoute(findingFeed);
