/** Builds the production extension (Chrome and Firefox) once before the end-to-end tests: they test what ships. */
import { buildOnce } from '../helpers/build';

export default function setup(): void {
  buildOnce('chrome');
  // The manifest test reads the Firefox build too.
  buildOnce('firefox');
}
