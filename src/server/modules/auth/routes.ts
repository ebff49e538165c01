import { z } from 'zod';
import type { App } from '../../lib/http';
import { errorResponses, errorSchema, noContent } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import { login, logout, SESSION_COOKIE } from './service';
import { changeOwnPassword } from './password-change';
import { getMe, updateMe } from '../org';
import { meSchema } from '../org';

const loginBody = z.object({
  email: z.string().trim().min(1).max(320).describe('Email address'),
  password: z.string().min(1).max(1024).describe('Password'),
});

export function authRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        security: [],
        tags: ['auth'],
        summary: 'Sign in with email and password (sets the session cookie)',
        body: loginBody,
        response: {
          200: z.object({ user: meSchema }),
          ...errorResponses,
          429: errorSchema.describe(
            'Too many failed sign-ins from this address (for this account): retry after Retry-After seconds',
          ),
        },
      },
    },
    async (req, reply) => {
      const { actor, secret, expiresAt } = await login(
        ctx.db,
        {
          email: req.body.email,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          ttlHours: ctx.config.sessionTtlHours,
        },
        ctx.now(),
      );
      reply.setCookie(SESSION_COOKIE, secret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        expires: expiresAt,
      });
      return { user: await getMe(ctx, actor) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out (ends the session)',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const secret = req.cookies[SESSION_COOKIE];
      if (secret) await logout(ctx.db, secret, actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return noContent(reply);
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: meSchema, ...errorResponses } } },
    async (req) => {
      return getMe(ctx, actorOf(req));
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      config: { public: true },
      schema: {
        security: [],
        tags: ['auth'],
        summary: 'Who is signed in, if anyone (200 either way: the web app asks it on every first visit)',
        response: {
          200: z.object({ user: meSchema.nullable().describe('The signed-in user; null when nobody is') }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ user: req.actor ? await getMe(ctx, req.actor) : null }),
  );

  app.patch(
    '/api/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my preferences',
        body: z.object({
          locale: z.enum(['fr', 'en']).optional().describe('Interface language'),
          name: z.string().trim().min(1).max(200).optional(),
        }),
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (req) => updateMe(ctx, actorOf(req), req.body),
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my password (my other sessions end; this one stays signed in)',
        body: z.object({
          currentPassword: z.string().min(1).max(1024).describe('My current password'),
          newPassword: z
            .string()
            .min(12)
            .max(1024)
            .describe('The new password: at least 12 characters, not the current one'),
        }),
        response: {
          204: z.null().describe('Changed'),
          ...errorResponses,
          429: errorSchema.describe('Too many wrong current passwords: retry after Retry-After seconds'),
        },
      },
    },
    async (req, reply) => {
      await changeOwnPassword(
        ctx.db,
        actorOf(req),
        { ...req.body, sessionSecret: req.cookies[SESSION_COOKIE] },
        ctx.now(),
      );
      return noContent(reply);
    },
  );
}
