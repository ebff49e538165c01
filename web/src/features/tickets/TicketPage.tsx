import { useState } from 'react';
import { TicketDevices } from './TicketDevices';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  CloseButton,
  FileButton,
  Group,
  Paper,
  Rating,
  Select,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors, notifySuccess, QueryState } from '../../ui/feedback';
import { formatDateTime } from '../../ui/format';
import { Page } from '../../ui/Page';
import { Markdown } from '../../ui/Markdown';
import { useAssignableUsers } from './staff';
import {
  uploadAttachment,
  useComment,
  useGroups,
  useCategories,
  useHistory,
  usePatchTicket,
  useSurvey,
  useTicket,
  useTransition,
} from './api';
import { describeHistory } from './history';
import { priorityColor, remainingText, urgencyOf, urgencyStyle } from './format';
import { ticketRoute } from './routes';
import { levels, type Status, type Ticket } from './types';
import { ticketTypes } from '../../../../src/shared/service-desk';
import { hasPermission, useMe } from '../../api/client';
import { CannedReplies } from './CannedReplies';
import { Watchers } from './Watchers';
import { TicketLinks } from './TicketLinks';
import { ReferralLevelBadge, TicketEscalations } from '../escalations/TicketEscalations';
import { ForceMajeure } from './ForceMajeure';
import { OutageFromIncident } from '../applications/OutageForm';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600} component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** Files as download links with their size. */
function FileList({ files, label }: { files: Ticket['attachments']; label: string }) {
  return (
    <ul aria-label={label} style={{ margin: 0, paddingLeft: '1.25rem' }}>
      {files.map((a) => (
        <li key={a.id}>
          <Anchor href={a.url}>{a.filename}</Anchor> ({Math.ceil(a.size / 1024)} Ko)
        </li>
      ))}
    </ul>
  );
}

function Conversation({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation(['tickets', 'common']);
  const comment = useComment(ticket.id);
  const qc = useQueryClient();
  const me = useMe();
  const staff = me.communeId === null && hasPermission(me, 'tickets.work');
  const [body, setBody] = useState('');
  const [preview, setPreview] = useState(false);
  const [internal, setInternal] = useState(false);
  // Files to send with the reply, and what the server refused of the last ones sent.
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const errors = fieldErrors(comment.error);
  const attach = async (file: File) => {
    try {
      await uploadAttachment(ticket.id, file);
      setFileError(null);
      notifySuccess(t('page.fileAdded'));
      void qc.invalidateQueries({ queryKey: ['ticket', ticket.id] });
    } catch (err) {
      setFileError(errorMessage(t, err));
    }
  };
  // Files of each message; the others are the ticket's own.
  const byMessage = new Map<string, Ticket['attachments']>();
  for (const a of ticket.attachments)
    if (a.commentId) byMessage.set(a.commentId, [...(byMessage.get(a.commentId) ?? []), a]);
  const ticketFiles = ticket.attachments.filter((a) => !a.commentId);
  return (
    <section aria-labelledby="conversation">
      <Title order={2} size="h3" id="conversation" mb="sm">
        {t('page.conversation')}
      </Title>
      <Stack>
        {ticket.comments.length === 0 && <Text>{t('page.noReplies')}</Text>}
        {ticket.comments.map((c) => (
          <Paper
            key={c.id}
            withBorder
            p="sm"
            radius="md"
            bg={c.internal ? 'yellow.0' : undefined}
            component="article"
            aria-label={t('page.messageOf', { author: c.authorLabel, at: formatDateTime(c.createdAt, i18n.language) })}
          >
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm">
                {c.authorLabel}
                {c.internal && (
                  <Badge ml="xs" color="dark" variant="outline" tt="none">
                    {t('page.internalNote')}
                  </Badge>
                )}
              </Text>
              <Text size="sm">{formatDateTime(c.createdAt, i18n.language)}</Text>
            </Group>
            <Markdown text={c.body} />
            {byMessage.has(c.id) && (
              <Group gap="xs" mt="xs" align="flex-start" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {t('page.messageFiles')}
                </Text>
                <FileList files={byMessage.get(c.id)!} label={t('page.messageFiles')} />
              </Group>
            )}
          </Paper>
        ))}
        {ticketFiles.length > 0 && (
          <div>
            <Title order={3} size="h4">
              {t('fields.attachments')}
            </Title>
            <FileList files={ticketFiles} label={t('fields.attachments')} />
          </div>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            // What was sent is cleared once kept; anything typed or added meanwhile stays (the
            // conversation refreshes before this runs, so the next message may already be started).
            const sentBody = body;
            const sentFiles = files;
            comment.mutate(
              { body, internal, files },
              {
                onSuccess: ({ refused }) => {
                  setBody((current) => (current === sentBody ? '' : current));
                  setFiles((current) => (current === sentFiles ? [] : current));
                  setFileError(
                    refused.length
                      ? refused
                          .map((r) => t('page.fileRefused', { name: r.file.name, reason: errorMessage(t, r.error) }))
                          .join('\n')
                      : null,
                  );
                  notifySuccess(internal ? t('page.noteAdded') : t('page.replySent'));
                },
              },
            );
          }}
        >
          <Stack gap="xs">
            <Textarea
              data-shortcut="r"
              label={t('page.reply')}
              description={t('page.markdownHelp')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={3}
              required
              error={errors.body ?? (comment.error ? errorMessage(t, comment.error) : undefined)}
            />
            {preview && body.trim() && (
              <Paper withBorder p="sm" radius="md" aria-label={t('page.preview')} role="region">
                <Markdown text={body} />
              </Paper>
            )}
            {files.length > 0 && (
              <Group gap="xs" role="list" aria-label={t('page.filesToSend')}>
                {files.map((f, i) => (
                  <Badge
                    key={`${f.name}-${i}`}
                    role="listitem"
                    variant="light"
                    tt="none"
                    size="lg"
                    radius="sm"
                    rightSection={
                      <CloseButton
                        size="xs"
                        aria-label={t('page.removeFile', { name: f.name })}
                        onClick={() => setFiles((prev) => prev.filter((_, j) => j !== i))}
                      />
                    }
                  >
                    {f.name}
                  </Badge>
                ))}
              </Group>
            )}
            <Group>
              {ticket.abilities.canAddInternalNote && (
                <Checkbox
                  label={t('page.asInternal')}
                  checked={internal}
                  onChange={(e) => setInternal(e.currentTarget.checked)}
                />
              )}
              <Button type="submit" loading={comment.isPending} disabled={!body.trim()}>
                {internal ? t('page.addNote') : t('page.send')}
              </Button>
              <Button variant="default" onClick={() => setPreview((p) => !p)} aria-pressed={preview}>
                {t('page.preview')}
              </Button>
              {staff && (
                <CannedReplies
                  body={body}
                  ticketGroupId={ticket.groupId}
                  onPick={(text) => setBody((prev) => (prev.trim() ? `${prev.trimEnd()}\n\n${text}` : text))}
                />
              )}
              <FileButton multiple onChange={(picked) => setFiles((prev) => [...prev, ...picked])}>
                {(props) => (
                  <Button variant="light" {...props}>
                    {t('page.attachToReply')}
                  </Button>
                )}
              </FileButton>
              <FileButton
                onChange={(f) => {
                  if (f) void attach(f);
                }}
              >
                {(props) => (
                  <Button variant="subtle" {...props}>
                    {t('page.attach')}
                  </Button>
                )}
              </FileButton>
            </Group>
            {fileError && (
              <Alert color="red" role="alert" style={{ whiteSpace: 'pre-line' }}>
                {fileError}
              </Alert>
            )}
          </Stack>
        </form>
      </Stack>
    </section>
  );
}

function Actions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation(['tickets', 'common']);
  const move = useTransition(ticket.id);
  const [comment, setComment] = useState('');
  const errors = fieldErrors(move.error);
  if (!ticket.abilities.transitions.length) return null;
  return (
    <section aria-labelledby="actions">
      <Title order={2} size="h3" id="actions" mb="sm">
        {t('page.actions')}
      </Title>
      <Stack gap="xs">
        <Textarea
          label={t('page.transitionComment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
          error={errors.comment}
        />
        <Group gap="xs">
          {ticket.abilities.transitions.map((to: Status) => (
            <Button
              key={to}
              variant={to === 'resolved' || to === 'closed' ? 'filled' : 'light'}
              loading={move.isPending && move.variables?.to === to}
              onClick={() =>
                move.mutate(
                  { to, comment: comment.trim() || undefined },
                  {
                    onSuccess: () => {
                      setComment('');
                      notifySuccess(t('page.moved', { status: t(`status.${to}`) }));
                    },
                  },
                )
              }
            >
              {t(`transition.${to}`)}
            </Button>
          ))}
        </Group>
        {move.error && !errors.comment && (
          <Alert color="red" role="alert">
            {errorMessage(t, move.error)}
          </Alert>
        )}
      </Stack>
    </section>
  );
}

function Assignment({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation(['tickets', 'common']);
  const groups = useGroups();
  const me = useMe();
  const staff = useAssignableUsers(ticket.id, ticket.abilities.canEdit, ticket.groupId);
  const patch = usePatchTicket(ticket.id);
  const errors = fieldErrors(patch.error);
  if (!ticket.abilities.canEdit) return null;
  // The current assignee stays choosable even outside the group's members.
  const people =
    ticket.assigneeId && !staff.some((u) => u.id === ticket.assigneeId)
      ? [...staff, { id: ticket.assigneeId, name: ticket.assigneeName ?? '…', email: '' }]
      : staff;
  return (
    <section aria-labelledby="assignment">
      <Title order={2} size="h3" id="assignment" mb="sm">
        {t('page.assignment')}
      </Title>
      <Stack gap="xs">
        <Select
          label={t('fields.group')}
          data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} (N${g.level})` }))}
          value={ticket.groupId}
          onChange={(v) => patch.mutate({ groupId: v })}
          // Clicking the chosen group again keeps it; clearing is the explicit × button.
          allowDeselect={false}
          clearable
          error={errors.groupId}
        />
        <Select
          label={t('fields.assignee')}
          data={people.map((u) => ({ value: u.id, label: u.name }))}
          value={ticket.assigneeId}
          onChange={(v) => patch.mutate({ assigneeId: v })}
          allowDeselect={false}
          clearable
          searchable
          error={errors.assigneeId}
        />
        {ticket.assigneeId !== me.id && (
          <Group>
            <Button
              variant="light"
              data-shortcut="m"
              loading={patch.isPending}
              onClick={() => patch.mutate({ assigneeId: me.id })}
            >
              {t('page.assignToMe')}
            </Button>
          </Group>
        )}
        {patch.error && !errors.groupId && !errors.assigneeId && (
          <Alert color="red" role="alert">
            {errorMessage(t, patch.error)}
          </Alert>
        )}
      </Stack>
    </section>
  );
}

/** Type, category, impact and urgency after creation (staff): the priority is recomputed, the history says from → to. */
function Classification({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation(['tickets', 'common']);
  const categories = useCategories();
  const patch = usePatchTicket(ticket.id);
  const errors = fieldErrors(patch.error);
  if (!ticket.abilities.canEdit) return null;
  const levelOptions = levels.map((l) => ({ value: l, label: t(`levels.${l}`) }));
  const save = (body: Record<string, unknown>) =>
    patch.mutate(body, { onSuccess: () => notifySuccess(t('page.classificationSaved')) });
  return (
    <section aria-labelledby="classification">
      <Title order={2} size="h3" id="classification" mb="sm">
        {t('page.classification')}
      </Title>
      <Stack gap="xs">
        <Select
          label={t('fields.type')}
          data={ticketTypes.map((v) => ({ value: v, label: t(`type.${v}`) }))}
          value={ticket.type}
          onChange={(v) => v && save({ type: v })}
          allowDeselect={false}
          error={errors.type}
        />
        <Select
          label={t('fields.category')}
          data={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.label }))}
          value={ticket.categoryId}
          onChange={(v) => save({ categoryId: v })}
          allowDeselect={false}
          clearable
          searchable
          error={errors.categoryId}
        />
        <Group grow>
          <Select
            label={t('fields.impact')}
            data={levelOptions}
            value={ticket.impact}
            onChange={(v) => v && save({ impact: v })}
            allowDeselect={false}
            error={errors.impact}
          />
          <Select
            label={t('fields.urgency')}
            data={levelOptions}
            value={ticket.urgency}
            onChange={(v) => v && save({ urgency: v })}
            allowDeselect={false}
            error={errors.urgency}
          />
        </Group>
        {patch.error && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(t, patch.error)}
          </Alert>
        )}
      </Stack>
    </section>
  );
}

function Survey({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation(['tickets', 'common']);
  const survey = useSurvey(ticket.id);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const errors = fieldErrors(survey.error);
  if (!ticket.abilities.canAnswerSurvey) {
    if (ticket.satisfaction === null) return null;
    // The score given stays in view once answered.
    return (
      <section aria-labelledby="survey">
        <Title order={2} size="h3" id="survey" mb="sm">
          {t('survey.given')}
        </Title>
        <Group gap="sm">
          <Rating value={ticket.satisfaction} readOnly aria-hidden="true" />
          <Text>{t('survey.givenScore', { score: ticket.satisfaction })}</Text>
        </Group>
      </section>
    );
  }
  return (
    <section aria-labelledby="survey">
      <Title order={2} size="h3" id="survey" mb="sm">
        {t('survey.title')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          survey.mutate(
            { score, comment: comment || undefined },
            { onSuccess: () => notifySuccess(t('survey.thanks')) },
          );
        }}
      >
        <Stack gap="xs">
          <Text id="survey-score">{t('survey.question')}</Text>
          <Rating
            value={score}
            onChange={setScore}
            aria-labelledby="survey-score"
            getSymbolLabel={(i) => t('survey.score', { count: i })}
          />
          <Textarea
            label={t('survey.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={errors.comment}
          />
          {survey.error && !errors.comment && (
            <Alert color="red" role="alert">
              {errors.score ?? errorMessage(t, survey.error)}
            </Alert>
          )}
          <Group>
            <Button type="submit" disabled={!score} loading={survey.isPending}>
              {t('survey.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}

function History({ id }: { id: string }) {
  const { t, i18n } = useTranslation(['tickets', 'common']);
  const history = useHistory(id);
  const categories = useCategories();
  const categoryLabel = (cid: string) => categories.data?.items.find((c) => c.id === cid)?.label;
  return (
    <section aria-labelledby="history">
      <Title order={2} size="h3" id="history" mb="sm">
        {t('page.history')}
      </Title>
      <QueryState isPending={history.isPending} error={history.error} />
      <Timeline bulletSize={12} lineWidth={2}>
        {(history.data?.items ?? []).map((h) => {
          const line = describeHistory(t, h, categoryLabel);
          return (
            <Timeline.Item key={h.id} title={line.title}>
              {line.changes.map((c) => (
                <Text size="sm" key={c}>
                  {c}
                </Text>
              ))}
              <Text size="sm" c="dimmed">
                {formatDateTime(h.at, i18n.language)} · {line.actor}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </section>
  );
}

/** A ticket: details, deadlines and remaining business time, conversation, actions, history. */
export function TicketPage() {
  const { ticketId } = ticketRoute.useParams();
  const { t, i18n } = useTranslation(['tickets', 'common']);
  const ticket = useTicket(ticketId);
  const categories = useCategories();
  const x = ticket.data;
  return (
    <Page title={x ? `${x.reference} — ${x.title}` : t('page.loading')}>
      <QueryState isPending={ticket.isPending} error={ticket.error} />
      {x && (
        <div className="ticket-layout">
          <div className="ticket-details">
            <section aria-labelledby="details">
              <Title order={2} size="h3" id="details" mb="sm">
                {t('page.details')}
              </Title>
              <Stack gap="xs" component="dl" m={0}>
                <Field label={t('fields.status')}>
                  <Badge variant="light" tt="none">
                    {t(`status.${x.status}`)}
                  </Badge>
                </Field>
                <Field label={t('fields.priority')}>
                  <Badge color={priorityColor[x.priority]} tt="none">
                    {x.priority}
                  </Badge>{' '}
                  ({t(`levels.${x.impact}`)} × {t(`levels.${x.urgency}`)})
                </Field>
                <Field label={t('fields.acknowledgeDueAt')}>
                  {x.acknowledgeDueAt ? formatDateTime(x.acknowledgeDueAt, i18n.language) : '—'}
                  {x.remainingBusinessSeconds.acknowledge !== null && (
                    <Badge
                      ml="xs"
                      {...urgencyStyle[
                        urgencyOf(
                          x.remainingBusinessSeconds.acknowledge,
                          x.budgetBusinessSeconds.acknowledge,
                          x.priority,
                        )
                      ]}
                      tt="none"
                    >
                      {remainingText(t, x.remainingBusinessSeconds.acknowledge)}
                    </Badge>
                  )}
                </Field>
                <Field label={t('fields.resolveDueAt')}>
                  {x.resolveDueAt ? formatDateTime(x.resolveDueAt, i18n.language) : '—'}
                  {x.remainingBusinessSeconds.resolve !== null && (
                    <Badge
                      ml="xs"
                      {...urgencyStyle[
                        urgencyOf(x.remainingBusinessSeconds.resolve, x.budgetBusinessSeconds.resolve, x.priority)
                      ]}
                      tt="none"
                    >
                      {remainingText(t, x.remainingBusinessSeconds.resolve)}
                    </Badge>
                  )}
                </Field>
                {x.pausedSince && (
                  <Field label={t('fields.pausedSince')}>{formatDateTime(x.pausedSince, i18n.language)}</Field>
                )}
                {x.clockIssue && <Alert color="orange">{t(`clockIssue.${x.clockIssue}`)}</Alert>}
                <Field label={t('fields.type')}>{t(`type.${x.type}`)}</Field>
                <Field label={t('fields.category')}>
                  {(x.categoryId && categories.data?.items.find((c) => c.id === x.categoryId)?.label) ?? '—'}
                  {x.subdomain ? ` (${t('fields.subdomain')} ${x.subdomain})` : ''}
                </Field>
                <Field label={t('fields.requester')}>{x.requesterName ?? '—'}</Field>
                <Field label={t('fields.referralLevel')}>
                  <ReferralLevelBadge level={x.referralLevel} />
                </Field>
                <Field label={t('fields.channel')}>{t(`channel.${x.channel}`)}</Field>
                <Field label={t('fields.createdAt')}>{formatDateTime(x.createdAt, i18n.language)}</Field>
              </Stack>
            </section>
          </div>
          <div className="ticket-main">
            <Stack gap="xl">
              <Paper withBorder p="md" radius="md">
                <Text style={{ whiteSpace: 'pre-wrap' }}>{x.description || t('page.noDescription')}</Text>
              </Paper>
              <Conversation ticket={x} />
              <Survey ticket={x} />
              <History id={x.id} />
            </Stack>
          </div>
          <Stack gap="xl" className="ticket-side">
            <TicketDevices ticket={x} />
            <Watchers ticket={x} />
            <TicketLinks ticket={x} />
            <Actions ticket={x} />
            <ForceMajeure ticket={x} />
            <OutageFromIncident ticket={x} />
            <TicketEscalations ticket={x} />
            <Assignment ticket={x} />
            <Classification ticket={x} />
          </Stack>
        </div>
      )}
    </Page>
  );
}
