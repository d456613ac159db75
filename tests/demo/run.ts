/** `npm run demo` (after the build): writes the demo screenshots to demo/ at the top of the repository. */
import { join } from 'node:path';
import { DEMO_SHOTS, takeScreenshots } from './screenshots';

const outDir = join(import.meta.dirname, '../../demo');
await takeScreenshots(outDir);
console.log(`paper-radar demo: wrote ${DEMO_SHOTS.map((f) => join('demo', f)).join(', ')}`);
