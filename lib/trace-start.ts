/**
 * Imported first by the background entrypoint: marks `pr:evaluate` when the worker's bundle starts evaluating its
 * modules (see `trace.ts`), so the worker's start → evaluation → `main()` shows in its performance timeline.
 */
import { mark } from './trace';

mark('evaluate');
