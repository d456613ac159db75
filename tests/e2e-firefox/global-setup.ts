/** Builds the production Firefox extension once before the Firefox suite (unless the Chromium suite's setup did). */
import { buildOnce } from '../helpers/build';

export default function setup(): void {
  buildOnce('firefox');
}
