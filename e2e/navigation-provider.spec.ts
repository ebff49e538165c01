import { afterAll, beforeAll } from 'vitest';
import { startApp, type E2EApp } from './harness';
import { adminEntries, walkNavigation } from './navigation';

// The provider's demo accounts walk their whole navigation with axe on each page.

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

walkNavigation(
  () => app,
  [
    { email: 'admin@mutualis.test', shows: ['Accueil', 'Communes', ...adminEntries], hides: [] },
    {
      email: 'directeur@mutualis.test',
      shows: ['Accueil', 'Communes', "Journal d'audit"],
      hides: ['Utilisateurs et rôles', "Jetons d'API", 'Communes et sous-entités'],
    },
    { email: 'contrats@mutualis.test', shows: ['Accueil', 'Communes'], hides: adminEntries },
    { email: 'accueil@mutualis.test', shows: ['Accueil', 'Communes'], hides: adminEntries },
    { email: 'technicien@mutualis.test', shows: ['Accueil', 'Communes'], hides: adminEntries },
  ],
);
