import type { FastifyInstance } from 'fastify';

/**
 * The web app's Content-Security-Policy: scripts and everything else from the app's own origin
 * only, no inline script, no plugins, no framing, no foreign base or form target. Styles allow
 * inline ones: the component library sets CSS variables in style attributes and a <style> block.
 */
export const appCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API answers are data, never a page to render or frame. */
export const apiCsp = "default-src 'none'; frame-ancestors 'none'";

/**
 * Browser-side defences on every answer: the policy above for pages (a route that set its own —
 * the API docs page — keeps it), framing refused for old browsers too, no MIME sniffing, the
 * referrer kept to the app, and HSTS when the app is served over https (directly, or behind a
 * trusted proxy that says so).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (req, reply, payload, done) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (!reply.hasHeader('content-security-policy'))
      reply.header('content-security-policy', type.startsWith('text/html') ? appCsp : apiCsp);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    done(null, payload);
  });
}
