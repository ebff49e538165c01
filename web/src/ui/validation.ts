import i18n from '../i18n';
import type { FieldProblem } from '../../../src/shared/api';

/**
 * A field problem of the API (`details.fields[]`) in the interface language, from its code and
 * params (src/shared/errors.ts); a field may have its own wording of a format (`validation.format_slug`).
 * `invalid` (a rule of the field the server explains in words) shows the server's message, unless
 * the form words it itself (`fieldErrors(error, own)`). Every other code has its translation: a
 * code added to src/shared/errors.ts does not compile here until it has one.
 */
export function translateFieldProblem(p: FieldProblem): string {
  const { message } = p;
  const min = p.params?.min;
  const max = p.params?.max;
  switch (p.code) {
    case 'required':
      return i18n.t('validation.required');
    case 'too_short':
      return i18n.t('validation.minLength', { count: min });
    case 'too_long':
      return i18n.t('validation.maxLength', { count: max });
    case 'too_few':
      return i18n.t('validation.minItems', { count: min });
    case 'too_many':
      return i18n.t('validation.maxItems', { count: max });
    case 'too_small':
      return i18n.t('validation.min', { count: min });
    case 'too_big':
      return i18n.t('validation.max', { count: max });
    case 'invalid_email':
      return i18n.t('validation.email');
    case 'invalid_option':
      return i18n.t('validation.option');
    case 'invalid_datetime':
      return i18n.t('validation.datetime');
    case 'invalid_date':
      return i18n.t('validation.date');
    case 'invalid_type':
      return i18n.t('validation.type');
    case 'invalid_format': {
      // An opening hour of a week (`weekly.mon.0.1`): the server's "Expected a time HH:MM".
      const last = /^weekly\.\w+\.\d+\.[01]$/.test(p.field) ? 'time' : p.field.split('.').pop();
      const key = `validation.format_${last}`;
      return i18n.exists(key) ? i18n.t(key) : i18n.t('validation.format');
    }
    case 'unknown_reference':
      return i18n.t('validation.unknownReference');
    case 'already_used':
      return i18n.t('validation.alreadyUsed');
    case 'invalid_character':
      return i18n.t('validation.invalidCharacter');
    case 'not_allowed':
      return i18n.t('validation.notAllowed');
    case 'unknown_field':
      return i18n.t('validation.unknownField');
    case 'invalid':
      return message;
    default: {
      // Every code of src/shared/errors.ts has its case above: a new code fails to compile here.
      const _unhandled: never = p.code;
      return message;
    }
  }
}
