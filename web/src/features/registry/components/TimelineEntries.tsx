import { Button, Flex, Space, Tag, Typography } from 'antd';
import type { Contribution, Employment } from '../../../api/contracts';
import { useT } from '../../../i18n';
import { contributionKindLabel } from '../labels';

/** An employment in the timeline: employer, post, 数字岗位, dates, and 办理离职 for the employer. */
export function EmploymentEntry({
  employment: e,
  canEnd,
  onEnd,
}: {
  employment: Employment;
  canEnd: boolean;
  onEnd: (e: Employment) => void;
}) {
  const t = useT();
  return (
    <Flex vertical gap={2} data-testid={`timeline-employment-${e.id}`}>
      <Space size={4} wrap>
        <Tag color="cyan">{t('timeline.employment')}</Tag>
        <Typography.Text strong>{e.orgName ?? '—'}</Typography.Text>
        <Typography.Text>{e.post}</Typography.Text>
        {e.isDigitalPost && <Tag color="blue">{t('person.employment.digitalPost')}</Tag>}
        {e.toDate === null && <Tag color="green">{t('person.employment.current')}</Tag>}
      </Space>
      <Typography.Text type="secondary">
        {e.fromDate} — {e.toDate ?? t('person.employment.present')}
      </Typography.Text>
      {canEnd && (
        <div>
          <Button
            type="link"
            size="small"
            style={{ paddingInlineStart: 0 }}
            onClick={() => onEnd(e)}
            data-testid={`employment-end-${e.id}`}
          >
            {t('employment.end.button')}
          </Button>
        </div>
      )}
    </Flex>
  );
}

/** A contribution attested by an employer. */
export function ContributionEntry({
  contribution: c,
  orgName,
}: {
  contribution: Contribution;
  orgName: string | null;
}) {
  const t = useT();
  return (
    <Flex vertical gap={2} data-testid={`timeline-contribution-${c.id}`}>
      <Space size={4} wrap>
        <Tag color="orange">{contributionKindLabel(c.kind, t)}</Tag>
        <Typography.Text strong>{c.title}</Typography.Text>
      </Space>
      {c.description && <Typography.Text>{c.description}</Typography.Text>}
      {orgName && <Typography.Text type="secondary">{t('contribution.attestedBy', { org: orgName })}</Typography.Text>}
    </Flex>
  );
}
