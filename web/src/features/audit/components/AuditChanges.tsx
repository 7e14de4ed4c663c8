import { Col, Row, Typography } from 'antd';
import { useT } from '../../../i18n';
import type { AuditEntry } from '../api';

function Json({ value }: { value: unknown }) {
  return (
    <pre
      style={{
        margin: 0,
        maxHeight: 320,
        overflow: 'auto',
        fontSize: 12,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** 变更前 / 变更后 of one audit row, side by side. */
export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const t = useT();
  return (
    <Row gutter={16} data-testid={`audit-changes-${entry.id}`}>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <Json value={entry.before} />
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <Json value={entry.after} />
      </Col>
    </Row>
  );
}
