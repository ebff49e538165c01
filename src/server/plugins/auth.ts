import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import type { AppContext } from '../context';
import { AppError, unauthenticated } from '../errors';
import { resolveSession, resolveToken, SESSION_COOKIE } from '../modules/auth';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers anonymous callers (health, sign-in); every other API route needs an actor. */
    public?: boolean;
    /**
     * Inventory agents authenticate with HTTP Basic (any user name, the API token as password),
     * the one scheme FusionInventory and GLPI agents support (`--user`/`--password`): they send
     * it after a 401 naming a Basic realm. Only routes that opt in read it: a browser that cached
     * Basic credentials must not carry them to the rest of the API (CSRF).
     */
    agentBasicAuth?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** How the actor authenticated: a cookie session needs the same-origin check on writes. */
    authVia: 'cookie' | 'bearer' | null;
  }
}

/** The challenge inventory agents answer with their `--user`/`--password` (the token). */
// No charset parameter: the agent reads the realm with /^Basic realm="(.*)"/ (greedy).
const AGENT_REALM = 'Basic realm="Mutualis inventory"';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origins this request may come from: its own Host (http and https) plus configured ones. */
function allowedOrigins(req: FastifyRequest, configured: string[]): Set<string> {
  const host = req.headers.host;
  const set = new Set(configured);
  if (host) {
    set.add(`http://${host}`);
    set.add(`https://${host}`);
  }
  return set;
}

/**
 * Refuses a browser write that does not come from the app itself (CSRF). `Sec-Fetch-Site`
 * is decisive when present; otherwise `Origin` must be ours. A write with neither header is
 * not a browser's same-origin request and is refused too.
 */
export function isSameOrigin(req: FastifyRequest, configured: string[]): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== '') return site === 'same-origin';
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== '' && origin !== 'null')
    return allowedOrigins(req, configured).has(origin);
  const referer = req.headers.referer;
  if (typeof referer === 'string' && referer) {
    try {
      return allowedOrigins(req, configured).has(new URL(referer).origin);
    } catch {
      return false;
    }
  }
  return false;
}

/** Resolves the caller of every API request (cookie session or bearer token) and checks origins. */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const authz = req.headers.authorization;
    if (typeof authz === 'string' && /^Bearer\s+/i.test(authz)) {
      const actor = await resolveToken(ctx.db, authz.replace(/^Bearer\s+/i, '').trim(), ctx.now());
      if (!actor) throw new AppError('unauthenticated', 'Invalid or revoked API token.');
      req.actor = actor;
      req.authVia = 'bearer';
      return;
    }
    const agentRoute = req.routeOptions.config?.agentBasicAuth === true;
    if (agentRoute && typeof authz === 'string' && /^Basic\s+/i.test(authz)) {
      const decoded = Buffer.from(authz.replace(/^Basic\s+/i, '').trim(), 'base64').toString('utf8');
      const password = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : '';
      const actor = password ? await resolveToken(ctx.db, password, ctx.now()) : null;
      if (!actor) {
        reply.header('www-authenticate', AGENT_REALM);
        throw new AppError('unauthenticated', 'Invalid or revoked API token.');
      }
      req.actor = actor;
      req.authVia = 'bearer';
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    // Login is the one write without a session yet; it still must come from our own pages
    // (login CSRF), as must every cookie-session write.
    const isLogin = req.url.startsWith('/api/v1/auth/login');
    const browserHeaders = Boolean(req.headers.origin || req.headers['sec-fetch-site'] || req.headers.referer);
    const mustCheck = unsafeMethods.has(req.method) && (cookie ? true : isLogin && browserHeaders);
    if (mustCheck && !isSameOrigin(req, ctx.config.publicOrigins)) {
      throw new AppError('cross_origin_refused');
    }
    if (cookie) {
      const actor = await resolveSession(ctx.db, cookie, ctx.config.sessionTtlHours, ctx.now());
      if (actor) {
        req.actor = actor;
        req.authVia = 'cookie';
      }
    }
    // Anonymous callers are refused before anything else is looked at (their input included);
    // a path that is no route at all stays a 404.
    const known = req.routeOptions.url?.startsWith('/api/v1/') === true;
    if (!req.actor && known && !req.routeOptions.config?.public) {
      if (agentRoute) reply.header('www-authenticate', AGENT_REALM);
      throw unauthenticated();
    }
  });
}

/** The signed-in actor of a request, or 401. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
