import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage, notifySuccess, QueryState } from '../../ui/feedback';
import { formatDateTime } from '../../ui/format';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/Page';
import { useHeldMessages, useReview, type InboundMessage } from './api';

/** One held message: who it claims to come from, what the mail server said, and the decision. */
function HeldMessage({ m }: { m: InboundMessage }) {
  const { t, i18n } = useTranslation(['mail', 'common']);
  const review = useReview();
  const [comment, setComment] = useState('');
  const decide = (decision: 'accept' | 'reject') =>
    review.mutate(
      { id: m.id, decision, comment: comment.trim() || undefined },
      { onSuccess: () => notifySuccess(t(decision === 'accept' ? 'accepted' : 'rejected')) },
    );
  const headingId = `held-${m.id}`;
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id={headingId}>
            {m.subject || t('noSubject')}
          </Title>
          <Badge color={m.verdict?.status === 'fail' ? 'red' : 'orange'} variant="light">
            {t(`verdict.${m.verdict?.status ?? 'none'}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {t('from', { address: m.fromAddress })} · {t('received', { at: formatDateTime(m.receivedAt, i18n.language) })}
        </Text>
        {m.ticketId ? (
          <Text size="sm">
            {t('answers')}{' '}
            <AnchorLink to="/demandes/$ticketId" params={{ ticketId: m.ticketId }}>
              {t('openTicket')}
            </AnchorLink>
          </Text>
        ) : (
          <Text size="sm">{t('newRequest')}</Text>
        )}
        {m.verdict && m.verdict.results.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('results', { results: m.verdict.results.join(' · ') })}
          </Text>
        )}
        <Textarea
          label={t('comment')}
          description={t('commentHelp')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={1}
          maxLength={2000}
        />
        {review.error && (
          <Alert color="red" role="alert">
            {errorMessage(t, review.error)}
          </Alert>
        )}
        <Group>
          <Button
            onClick={() => decide('accept')}
            loading={review.isPending && review.variables?.decision === 'accept'}
          >
            {t('accept')}
          </Button>
          <Button
            variant="outline"
            color="red"
            onClick={() => decide('reject')}
            loading={review.isPending && review.variables?.decision === 'reject'}
          >
            {t('reject')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * Mail held for review: messages whose sender the receiving mail server did not authenticate
 * (DMARC, DKIM or SPF for the From: domain). Nothing reaches a ticket until staff accept them.
 */
export function HeldMailPage() {
  const { t } = useTranslation(['mail', 'common']);
  const held = useHeldMessages();
  return (
    <Page title={t('title')} description={t('description')}>
      <QueryState isPending={held.isPending} error={held.error} />
      {held.data && held.data.items.length === 0 && <Text>{t('none')}</Text>}
      <Stack>
        {held.data?.items.map((m) => (
          <HeldMessage key={m.id} m={m} />
        ))}
      </Stack>
    </Page>
  );
}
