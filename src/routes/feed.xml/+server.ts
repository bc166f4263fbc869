import { atomRoute } from '$lib/server/export/http';
import { eventFeed } from '$lib/server/export/event-feed';

export const { GET, OPTIONS } = atomRoute(eventFeed);
