import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Flex, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLang, useT, type MessageKey } from '../../../i18n';
import { formatInstant } from '../labels';
import { useAsOf } from '../useAsOf';
import { shanghaiWall, shanghaiWallToIso } from '../../../lib/time';

/**
 * 查看历史: the 状态日期 (asOf, a calendar day) and the optional 记录时点 (knownAt, "as known
 * then"), kept in the URL; the page re-queries with them.
 */
export function AsOfControls({ note }: { note: MessageKey }) {
  const t = useT();
  const { lang } = useLang();
  const [when, setWhen] = useAsOf();

  return (
    <Card
      size="small"
      title={
        <Space size="small">
          <HistoryOutlined />
          {t('asOf.title')}
        </Space>
      }
      data-testid="as-of-controls"
    >
      <Flex wrap gap="middle" align="center">
        <Space size="small">
          <Typography.Text>{t('asOf.asOf')}</Typography.Text>
          <DatePicker
            allowClear
            placeholder={t('asOf.today')}
            value={when.asOf ? dayjs(when.asOf) : null}
            onChange={(d) => setWhen({ asOf: d ? d.format('YYYY-MM-DD') : undefined })}
            data-testid="as-of-date"
          />
        </Space>
        <Space size="small">
          <Typography.Text>{t('asOf.knownAt')}</Typography.Text>
          <DatePicker
            allowClear
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            placeholder={t('asOf.now')}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            value={when.knownAt ? dayjs(shanghaiWall(when.knownAt)) : null}
            onChange={(d) => setWhen({ knownAt: d ? shanghaiWallToIso(d.format('YYYY-MM-DDTHH:mm:ss')) : undefined })}
            data-testid="known-at-datetime"
          />
        </Space>
        {(when.asOf || when.knownAt) && (
          <Button onClick={() => setWhen({ asOf: undefined, knownAt: undefined })} data-testid="as-of-reset">
            {t('asOf.reset')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        {t(note)}
      </Typography.Paragraph>
      {when.knownAt && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('asOf.knownAtActive', { knownAt: formatInstant(when.knownAt, lang) })}
          data-testid="known-at-active"
        />
      )}
    </Card>
  );
}
