import type { FieldErrorCode, FieldProblem } from '../shared/errors';
/**
 * One error type for the whole server. Codes are a closed union; each has a French and an
 * English message so the UI can show what the API said (a test walks this catalogue).
 */
export const errorCatalogue = {
  invalid_request: {
    status: 400,
    fr: 'La requête contient des champs invalides.',
    en: 'The request has invalid fields.',
  },
  invalid_credentials: {
    status: 401,
    fr: 'Adresse électronique ou mot de passe incorrect.',
    en: 'Wrong email or password.',
  },
  unauthenticated: { status: 401, fr: 'Vous devez vous connecter.', en: 'You must sign in.' },
  forbidden: { status: 403, fr: "Vous n'avez pas le droit de faire cela.", en: 'You are not allowed to do this.' },
  cross_origin_refused: {
    status: 403,
    fr: "Requête refusée : elle ne vient pas de l'application.",
    en: 'Request refused: it does not come from the application.',
  },
  not_found: { status: 404, fr: "Cet objet n'existe pas.", en: 'This object does not exist.' },
  conflict: {
    status: 409,
    fr: "Cette opération entre en conflit avec l'état actuel.",
    en: 'This operation conflicts with the current state.',
  },
  invalid_transition: {
    status: 409,
    fr: "Ce changement d'état n'est pas permis.",
    en: 'This status change is not allowed.',
  },
  renewal_plan_approved: {
    status: 409,
    fr: 'Le plan de renouvellement de cette année est déjà approuvé.',
    en: "This year's renewal plan is already approved.",
  },
  renewal_plan_empty: {
    status: 409,
    fr: 'Le plan ne retient aucun appareil (pas de part contractuelle en vigueur) : rien à approuver.',
    en: 'The plan selects no device (no contractual share in force): nothing to approve.',
  },
  renewal_step_out_of_order: {
    status: 409,
    fr: 'Une ligne du plan avance dans l’ordre : commandée, puis livrée, puis déployée.',
    en: 'A plan line moves forward in order: ordered, then delivered, then deployed.',
  },
  already_exists: { status: 409, fr: 'Cet objet existe déjà.', en: 'This object already exists.' },
  immutable: {
    status: 409,
    fr: 'Cet objet est signé et ne peut plus être modifié.',
    en: 'This object is signed and can no longer be changed.',
  },
  uri_too_long: {
    status: 414,
    fr: "L'adresse demandée est trop longue.",
    en: 'The requested address is too long.',
  },
  payload_too_large: { status: 413, fr: 'Le fichier est trop volumineux.', en: 'The file is too large.' },
  unsupported_media_type: {
    status: 415,
    fr: "Ce type de fichier n'est pas accepté.",
    en: 'This file type is not accepted.',
  },
  too_many_attempts: {
    status: 429,
    fr: 'Trop de tentatives. Réessayez plus tard.',
    en: 'Too many attempts. Try again later.',
  },
  internal_error: { status: 500, fr: 'Une erreur interne est survenue.', en: 'An internal error occurred.' },
  unavailable: { status: 503, fr: 'Service momentanément indisponible.', en: 'Service temporarily unavailable.' },
} as const satisfies Record<string, { status: number; fr: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** A field-level problem, reported with 400 errors. */
export type FieldError = Omit<FieldProblem, 'code'> & { code?: FieldErrorCode };

/** The only error the server throws on purpose; the error handler turns it into the API shape. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message?: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message ?? errorCatalogue[code].en);
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
    this.headers = headers;
  }
}

export const notFound = (what = 'object'): AppError => new AppError('not_found', `No such ${what}.`);
export const conflict = (message: string, details?: unknown): AppError => new AppError('conflict', message, details);
export const forbidden = (message?: string): AppError => new AppError('forbidden', message);
export const unauthenticated = (): AppError => new AppError('unauthenticated');
/** 400 naming the failing fields. */
export const invalid = (
  fields: FieldError[] | string,
  message?: string,
  code: FieldErrorCode = 'invalid',
): AppError => {
  const list: FieldProblem[] = (
    typeof fields === 'string' ? [{ field: fields, message: message ?? 'Invalid value.', code }] : fields
  ).map((f) => ({ ...f, code: f.code ?? code }));
  return new AppError('invalid_request', message ?? `Invalid ${list.map((f) => f.field).join(', ')}.`, {
    fields: list,
  });
};
