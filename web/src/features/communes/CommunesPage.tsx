import { SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/feedback';
import { useCommunes } from './api';
import { CommuneCard } from './CommuneCard';

/** The communes in the user's scope. */
export function CommunesPage() {
  const { t } = useTranslation();
  const communes = useCommunes();
  return (
    <Page
      title={t('communes.title')}
      description={communes.data ? t('communes.count', { count: communes.data.total }) : undefined}
    >
      {communes.data ? (
        communes.data.items.length ? (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {communes.data.items.map((c) => (
              <CommuneCard key={c.id} commune={c} />
            ))}
          </SimpleGrid>
        ) : (
          <Text c="dimmed">{t('communes.none')}</Text>
        )
      ) : (
        <QueryState isPending={communes.isPending} error={communes.error} />
      )}
    </Page>
  );
}
