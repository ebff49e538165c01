import i18n from '../i18n';

// The API reports validation failures with zod's English messages (details.fields[].message).
// The interface shows them in its own language: the usual shapes are recognised here and
// translated; anything else is shown as the API wrote it.
const patterns: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^Too small: expected string to have >=1 characters?$/, () => i18n.t('validation.required')],
  [/^Invalid input: expected \w+, received (undefined|null)$/, () => i18n.t('validation.required')],
  [
    /^Too small: expected string to have >=(\d+) characters?$/,
    (m) => i18n.t('validation.minLength', { count: Number(m[1]) }),
  ],
  [
    /^Too big: expected string to have <=(\d+) characters?$/,
    (m) => i18n.t('validation.maxLength', { count: Number(m[1]) }),
  ],
  [/^Too small: expected array to have >=(\d+) items?$/, (m) => i18n.t('validation.minItems', { count: Number(m[1]) })],
  [/^Invalid email address$/, () => i18n.t('validation.email')],
  [/^Invalid option: expected one of/, () => i18n.t('validation.option')],
  [/^Invalid (ISO )?datetime$/i, () => i18n.t('validation.datetime')],
  [/^Invalid (ISO )?date$/i, () => i18n.t('validation.date')],
  [/^Invalid string: must match pattern/, () => i18n.t('validation.format')],
  // Messages written in the organisation schemas (src/server/modules/org/schemas.ts).
  [/^five-character INSEE code$/, () => i18n.t('validation.insee')],
  [/^lowercase letters, digits and dashes$/, () => i18n.t('validation.slug')],
];

/** A field message of the API, in the interface language when its shape is known. */
export function translateFieldMessage(message: string): string {
  for (const [re, fn] of patterns) {
    const m = message.match(re);
    if (m) return fn(m);
  }
  return message;
}
