import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/lib/server/alerts/channels';
import type { SubscriptionRow } from '../../src/lib/server/db/alerts';
import type { AlertSettings } from '../../src/lib/server/alerts/settings';
import { config } from '../../src/lib/server/config';

const sub = (frequency: SubscriptionRow['frequency']) => ({ frequency }) as SubscriptionRow;

describe('how a channel groups a subscriber’s due items into deliveries', () => {
	it('email: one message for all of them, a digest for daily subscribers', () => {
		expect(CHANNELS.email.batches(sub('immediate'), [4, 5, 9])).toEqual([{ purpose: 'alert', outboxIds: [4, 5, 9] }]);
		expect(CHANNELS.email.batches(sub('daily'), [4, 5])).toEqual([{ purpose: 'digest', outboxIds: [4, 5] }]);
	});

	it('webhook: one request per item, daily or not', () => {
		expect(CHANNELS.webhook.batches(sub('daily'), [4, 5])).toEqual([
			{ purpose: 'alert', outboxIds: [4] },
			{ purpose: 'alert', outboxIds: [5] }
		]);
	});

	it('email cannot send without an SMTP server: its deliveries wait', () => {
		// Opening reads nothing but the settings: no database is needed to find that out.
		expect(CHANNELS.email.open({ db: null as never, config: config({}), settings: { smtpUrl: null } as AlertSettings })).toBeNull();
	});
});
