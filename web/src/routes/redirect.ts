/** Where to go after sign-in: only a path of this app (no open redirect), never the sign-in page. */
export function safeRedirect(target: string | undefined): string {
  return target &&
    target.startsWith('/') &&
    !target.startsWith('//') &&
    !target.startsWith('/\\') &&
    !target.startsWith('/connexion')
    ? target
    : '/';
}
