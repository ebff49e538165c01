import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { ProfilePage } from './ProfilePage';

/** My profile: every signed-in person has one. */
export const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profil',
  component: ProfilePage,
});

export const inboxRoutes = [profileRoute];
