/**
 * Field-level error codes of the API's 400 answers (`error.details.fields[]`). The web app
 * translates a field error from its code and params, never from the English message.
 */
export const fieldErrorCodes = [
  /** Missing or empty. */
  'required',
  /** Text shorter than `params.min` characters / longer than `params.max`. */
  'too_short',
  'too_long',
  /** A list with fewer than `params.min` items / more than `params.max`. */
  'too_few',
  'too_many',
  /** A number below `params.min` / above `params.max`. */
  'too_small',
  'too_big',
  /** Not the expected kind of value (a number where text was expected…). */
  'invalid_type',
  'invalid_email',
  'invalid_date',
  'invalid_datetime',
  /** Text not of the expected shape (a pattern). */
  'invalid_format',
  /** Text holding a character no database stores (NUL, an unpaired surrogate). */
  'invalid_character',
  /** Not one of `params.allowed`. */
  'invalid_option',
  /** A key the route does not accept. */
  'unknown_field',
  /** An id that names nothing the caller may use. */
  'unknown_reference',
  /** A value another object already holds. */
  'already_used',
  /** A value the configuration does not allow (a mail server outside the allowed hosts…). */
  'not_allowed',
  /** Any other rule of the field (the message says which). */
  'invalid',
] as const;
export type FieldErrorCode = (typeof fieldErrorCodes)[number];

/** One field's problem in a 400 answer. */
export interface FieldProblem {
  /** Dotted path of the field (`entries.0.role`); `body` when the whole body is wrong. */
  field: string;
  code: FieldErrorCode;
  /** English explanation, for logs and API users. */
  message: string;
  /** Where the field was: body, querystring, params or headers. */
  in?: string;
  /** Bounds and choices the code refers to. */
  params?: { min?: number; max?: number; allowed?: string[] };
}
