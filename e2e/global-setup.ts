import { buildWebIfStale } from './build';

/** Once per browser-test run: the web app the servers will serve is up to date. */
export default function setup(): void {
  buildWebIfStale();
}
