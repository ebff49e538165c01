import { afterAll, beforeAll } from 'vitest';
import { startApp, type E2EApp } from './harness';
import { adminEntries, walkNavigation } from './navigation';

// The communes' demo accounts walk their whole navigation with axe on each page.

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

walkNavigation(
  () => app,
  ['referent@le-bouscat.test', 'agent@le-bouscat.test', 'referent@villedemo.test', 'agent@villedemo.test'].map(
    (email) => ({ email, shows: ['Accueil', 'Communes'], hides: adminEntries }),
  ),
);
