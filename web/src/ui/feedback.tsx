import { Alert, Center, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { FieldProblem } from '../api/types';
import { translateFieldProblem } from './validation';

/**
 * The message to show for a failed call: the translated error code, else the API's own text. The
 * codes are in the common namespace, whichever namespace the caller's `t` reads (react-i18next's
 * `t` of `useTranslation(['tickets', 'common'])` looks in `tickets` only).
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return t(`errors.${error.code}`, { ns: 'common', defaultValue: '' }) || error.message;
  return t('errors.internal_error', { ns: 'common' });
}

/**
 * Per-field messages of a 400 (`details.fields`), in the interface language, for
 * `error={errors.name}` on inputs. Each message comes from the problem's code and params
 * (`translateFieldProblem`), never from the API's English text. `own` lets a form word a problem
 * itself, from its code and field (e.g. an `invalid` the generic wording cannot explain);
 * `undefined` keeps the generic message.
 */
export function fieldErrors(
  error: unknown,
  own?: (problem: FieldProblem) => string | undefined,
): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(
    Object.entries(error.fields).map(([field, problem]) => [field, own?.(problem) ?? translateFieldProblem(problem)]),
  );
}

/** Loading and error states of a query, announced to screen readers. */
export function QueryState({ isPending, error }: { isPending: boolean; error: unknown }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Alert color="red" title={t('common.loadFailed')} role="alert">
        {errorMessage(t, error)}
      </Alert>
    );
  }
  if (isPending) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Loader size="sm" aria-hidden="true" />
        <Text ml="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      </Center>
    );
  }
  return null;
}

/** A short confirmation toast after a successful write. */
export function notifySuccess(message: string): void {
  notifications.show({ message, color: 'green', withBorder: true });
}

/** An error toast for a failed write that has no field to attach to. */
export function notifyError(t: TFunction, error: unknown): void {
  notifications.show({ message: errorMessage(t, error), color: 'red', withBorder: true });
}
