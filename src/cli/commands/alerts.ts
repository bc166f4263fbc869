import type { Command } from '../command';

// Placeholder: alert delivery lands with the alerts work.
export const alertsCommand: Command = {
	name: 'alerts',
	summary: 'run the alert outbox now',
	help: 'Usage: rankdrift alerts dispatch\n',
	async run(_argv, io) {
		io.stderr.write('rankdrift alerts: not available yet\n');
		return 1;
	}
};
