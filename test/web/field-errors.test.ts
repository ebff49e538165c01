import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { fieldErrorCodes, type FieldProblem } from '../../src/shared/errors';
import { ApiError } from '../../web/src/api/client';
import type { errorMessage as ErrorMessage, fieldErrors as FieldErrors } from '../../web/src/ui/feedback';
import type { translateFieldProblem as TranslateFieldProblem } from '../../web/src/ui/validation';
import type I18n from '../../web/src/i18n';

// Field errors are worded from their code and params, in the interface language (web/README.md,
// "Add a page", 4): never from the API's English message, except `invalid`, which only the
// server (or the form, with its own wording) can explain.

let fieldErrors: typeof FieldErrors;
let errorMessage: typeof ErrorMessage;
let i18n: typeof I18n;
let translateFieldProblem: typeof TranslateFieldProblem;

beforeAll(async () => {
  // The i18n module sets the page's language on load.
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  ({ fieldErrors, errorMessage } = await import('../../web/src/ui/feedback'));
  ({ default: i18n } = await import('../../web/src/i18n'));
  ({ translateFieldProblem } = await import('../../web/src/ui/validation'));
});
afterAll(() => {
  vi.unstubAllGlobals();
});

const problem = (p: Partial<FieldProblem> & Pick<FieldProblem, 'code'>): FieldProblem => ({
  field: 'name',
  message: 'English text from the API.',
  ...p,
});
const invalidRequest = (fields: FieldProblem[]) => new ApiError(400, 'invalid_request', 'Invalid request.', { fields });

describe('field errors', () => {
  test.each(fieldErrorCodes.filter((c) => c !== 'invalid'))('%s is translated, not the API text', (code) => {
    const text = translateFieldProblem(problem({ code, params: { min: 2, max: 5 } }));
    expect(text).not.toBe('English text from the API.');
    expect(text).not.toMatch(/^validation\./);
  });

  test('bounds come from params, in French by default', () => {
    expect(translateFieldProblem(problem({ code: 'too_long', params: { max: 200 } }))).toBe('Au plus 200 caractères.');
    expect(translateFieldProblem(problem({ code: 'required' }))).toBe('Ce champ est obligatoire.');
  });

  test('a field may word a format itself', () => {
    expect(translateFieldProblem(problem({ code: 'invalid_format', field: 'inseeCode' }))).toBe(
      'Code INSEE à cinq caractères, par exemple 33069.',
    );
  });

  test('an opening hour of the week is worded as a time, not "Expected a time HH:MM"', () => {
    expect(translateFieldProblem(problem({ code: 'invalid_format', field: 'weekly.mon.0.1' }))).toBe(
      'Heure au format HH:MM (24:00 accepté en fin de plage).',
    );
  });

  test('invalid shows what the server explains', () => {
    expect(translateFieldProblem(problem({ code: 'invalid' }))).toBe('English text from the API.');
  });

  test('fieldErrors gives one message per field (the first problem), and nothing for other errors', () => {
    const error = invalidRequest([
      problem({ code: 'required', field: 'title' }),
      problem({ code: 'too_long', field: 'title', params: { max: 3 } }),
      problem({ code: 'invalid_email', field: 'email' }),
    ]);
    expect(fieldErrors(error)).toEqual({ title: 'Ce champ est obligatoire.', email: 'Adresse électronique invalide.' });
    expect(fieldErrors(new ApiError(409, 'conflict', 'Conflict.'))).toEqual({});
    expect(fieldErrors(new Error('x'))).toEqual({});
    expect(fieldErrors(null)).toEqual({});
  });

  test("a form's own wording wins where it gives one", () => {
    const error = invalidRequest([
      problem({ code: 'invalid', field: 'entries.0.role' }),
      problem({ code: 'required', field: 'entries.1.role' }),
    ]);
    const own = (p: FieldProblem) => (p.code === 'invalid' ? `own ${p.field}` : undefined);
    expect(fieldErrors(error, own)).toEqual({
      'entries.0.role': 'own entries.0.role',
      'entries.1.role': 'Ce champ est obligatoire.',
    });
  });
});

describe('error messages', () => {
  test("translate the error's code, whichever namespace the caller's t reads first", () => {
    for (const t of [i18n.getFixedT('fr', 'common'), i18n.getFixedT('fr', 'tickets')]) {
      expect(errorMessage(t, new ApiError(415, 'unsupported_media_type', 'Accepted files: PDF…'))).toBe(
        'Ce type de fichier n’est pas accepté. Fichiers acceptés : PDF, PNG, JPEG, GIF, WebP, Word et Excel (docx, xlsx), OpenDocument (odt, ods), texte et CSV.',
      );
      expect(errorMessage(t, new Error('boom'))).toBe('Une erreur interne est survenue.');
    }
  });

  test("show the API's text for a code the web app does not know", () => {
    const t = i18n.getFixedT('fr', 'tickets');
    expect(errorMessage(t, new ApiError(418, 'teapot', 'I am a teapot.'))).toBe('I am a teapot.');
  });
});

describe('the web app', () => {
  test("never tests the API's English messages", () => {
    const src = path.resolve(import.meta.dirname, '../../web/src');
    const files = (fs.readdirSync(src, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f));
    const found = files.flatMap((f) =>
      fs
        .readFileSync(path.join(src, f), 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${f}:${i + 1}`, line }))
        .filter(({ line }) =>
          /\bmessage\s*[!=]==?|[!=]==?\s*\w*\.?message\b|\bmessage\??\.(startsWith|endsWith|includes|match|search)\(|\.(test|exec)\(\s*[\w.?]*message\b/i.test(
            line,
          ),
        )
        .map(({ where }) => where),
    );
    expect(found).toEqual([]);
  });
});
