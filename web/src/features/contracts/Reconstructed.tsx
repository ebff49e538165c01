import { Accordion, Alert, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContractInForce } from './api';

/** Marks a text that is a reconstruction, not the signed wording (text, not colour alone). */
export function ReconstructedBadge() {
  const { t } = useTranslation('targets');
  return (
    <Badge color="orange.9" variant="outline" radius="sm" tt="none" title={t('entry.reconstructedHelp')}>
      {t('entry.reconstructed')}
    </Badge>
  );
}

/** A reconstruction note of an annex or a contract ("what is reconstructed, from what"); nothing when empty. */
export function ReconstructionNote({ note }: { note: string | null | undefined }) {
  const { t } = useTranslation('targets');
  if (!note) return null;
  return (
    <Alert color="orange" variant="light" title={t('entry.reconstructed')}>
      <Text size="sm">{note}</Text>
    </Alert>
  );
}

/** The contract's recitals and articles as entered, each reconstructed article marked as such. */
export function ContractArticles({ contract }: { contract: ContractInForce['contract'] }) {
  const { t } = useTranslation('targets');
  const articles = contract.articles ?? [];
  if (articles.length === 0 && !(contract.recitals ?? []).length) return null;
  const rebuilt = articles.filter((a) => a.reconstructed).length;
  return (
    <Accordion variant="contained">
      <Accordion.Item value="articles">
        <Accordion.Control>
          <Group gap="xs">
            <Text fw={600}>{t('entry.articles', { count: articles.length })}</Text>
            {rebuilt > 0 && <Text size="sm">{t('entry.articlesReconstructed', { count: rebuilt })}</Text>}
          </Group>
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            {(contract.recitals ?? []).map((r, i) => (
              <Text key={i} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r}
              </Text>
            ))}
            {articles.map((a) => (
              <div key={a.number}>
                <Group gap="xs">
                  <Text fw={600} size="sm">
                    {t('entry.article', { number: a.number, title: a.title })}
                  </Text>
                  {a.reconstructed && <ReconstructedBadge />}
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {a.body}
                </Text>
              </div>
            ))}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
