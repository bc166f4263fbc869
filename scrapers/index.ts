import type { SourceModule } from '../src/lib/catalogue/contract';
import { aiderPolyglot } from './sources/aider';
import { artificialAnalysis } from './sources/artificial-analysis';
import { livebench } from './sources/livebench';
import { lmarenaArenas } from './sources/lmarena';
import { swebench } from './sources/swebench';
import { yupp } from './sources/yupp';

/** One module per catalogue entry (src/lib/catalogue), matched by id: how each source is fetched and parsed. */
export const sourceModules: SourceModule[] = [...lmarenaArenas, yupp, livebench, aiderPolyglot, swebench, artificialAnalysis];
