// npm run bench: figures, not tests. The understanding of citizens' messages (intent set, crisis
// detector), then performance: turns against a bare echo bot and reminder dispatch against a
// reference loop, on the embedded database and on PostgreSQL (see bench/performance.ts for knobs).
import { printCrisisFigures } from './crisis.js';
import { printIntentAccuracy } from './intents.js';
import { runPerformanceBenchmark } from './performance.js';

printIntentAccuracy();
printCrisisFigures();
await runPerformanceBenchmark();
