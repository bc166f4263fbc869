import history from './0001_history';
import identity from './0002_identity';
import analysis from './0003_analysis';
import alerts from './0004_alerts';
import entryNameIndex from './0005_entry_name_index';
import namePresence from './0006_name_presence';
import eventBlips from './0007_event_blips';
import styleControlSeries from './0008_style_control_series';
import divergenceFindings from './0009_divergence_findings';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

// Forward-only: append new files here with the next number; never edit one that has shipped.
export const migrations: Migration[] = [
	{ version: 1, name: 'history', sql: history },
	{ version: 2, name: 'identity', sql: identity },
	{ version: 3, name: 'analysis', sql: analysis },
	{ version: 4, name: 'alerts', sql: alerts },
	{ version: 5, name: 'entry_name_index', sql: entryNameIndex },
	{ version: 6, name: 'name_presence', sql: namePresence },
	{ version: 7, name: 'event_blips', sql: eventBlips },
	{ version: 8, name: 'style_control_series', sql: styleControlSeries },
	{ version: 9, name: 'divergence_findings', sql: divergenceFindings }
];
