import type { AppModule } from '../../module';
import { authRoutes } from './routes';

/** Sign-in, sessions, API tokens' resolution, the signed-in user. */
export const authModule: AppModule = { name: 'auth', routes: authRoutes };

export { SESSION_COOKIE, resolveSession, resolveToken, loadUserActor, loadUserActorByEmail } from './service';
export { hashPassword, verifyPassword } from './password';
export { hashSecret, newSecret } from './tokens';
