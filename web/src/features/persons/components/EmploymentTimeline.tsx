import { Empty, Space, Tag, Timeline, Typography } from 'antd';
import type { Employment } from '../../../api/contracts';
import { useT } from '../../../i18n';

/** 工作经历: employments, newest first (as the server sends them); open ones are 在职. */
export function EmploymentTimeline({ employments }: { employments: readonly Employment[] }) {
  const t = useT();
  if (employments.length === 0) return <Empty description={t('person.employment.none')} />;
  return (
    <Timeline
      data-testid="person-employments"
      items={employments.map((e, i) => ({
        key: `${e.orgId}-${e.fromDate}-${i}`,
        color: e.toDate === null ? 'green' : 'gray',
        title: `${e.fromDate} — ${e.toDate ?? t('person.employment.present')}`,
        content: (
          <Space orientation="vertical" size={2}>
            <Typography.Text strong>{e.orgName ?? '—'}</Typography.Text>
            <Space size={4} wrap>
              <Typography.Text>{e.post}</Typography.Text>
              {e.isDigitalPost && <Tag color="blue">{t('person.employment.digitalPost')}</Tag>}
              {e.toDate === null && <Tag color="green">{t('person.employment.current')}</Tag>}
            </Space>
          </Space>
        ),
      }))}
    />
  );
}
